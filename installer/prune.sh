#!/usr/bin/env bash
# Remove what the programs never load from an installed site-packages (the .deb's /opt/yizhan/lib,
# the Windows python\Lib\site-packages): Qt's developer tools, QML/Quick, type stubs, headers and
# the Qt translations other than Chinese. The checks of each package start the counter after this.
#   installer/prune.sh <site-packages>
set -euo pipefail
sp="$1"
[ -d "$sp/PySide6" ] || exit 0
cd "$sp/PySide6"
shopt -s nullglob nocaseglob
rm -rf assistant* designer* linguist* lupdate* lrelease* qmlformat* qmllint* qmlls* svgtoqml* balsam* \
       uic* rcc* qmlcachegen* qmlimportscanner* qmltyperegistrar* qsb* \
       include typesystems glue doc scripts examples qml Qt/qml Qt/metatypes Qt/include \
       QtQuick*.so QtQuick*.pyd QtQml*.so QtQml*.pyd QtDesigner*.so QtDesigner*.pyd QtTest*.so QtTest*.pyd \
       QtHelp*.so QtHelp*.pyd QtUiTools*.so QtUiTools*.pyd QtExampleIcons*.so QtExampleIcons*.pyd \
       Qt6Quick*.dll Qt6Qml*.dll Qt6Designer*.dll Qt6Help*.dll Qt6Test*.dll Qt6UiTools*.dll Qt6Labs*.dll \
       Qt/lib/libQt6Quick* Qt/lib/libQt6Qml* Qt/lib/libQt6Designer* Qt/lib/libQt6Help* Qt/lib/libQt6Test* \
       Qt/lib/libQt6UiTools* Qt/lib/libQt6Labs* ./*.pyi
for tr in Qt/translations/*.qm translations/*.qm; do
  case "$(basename "$tr")" in *zh_CN*|*zh_TW*) ;; *) rm -f "$tr" ;; esac
done
