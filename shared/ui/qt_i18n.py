"""Qt side of translation: a QTranslator fed by the same ``.ts`` file the core reads.

The ``.ts`` file (Qt Linguist's format) is the one translation source; this translator lets
``tr()`` and Qt's widgets use it without a compiled ``.qm`` build step.

Qt's own texts (the buttons of message boxes and button boxes, the file and print dialogs) are
English in Qt's sources; in Chinese they come from the ``qtbase_zh_CN.qm`` shipped in PySide6's
translations directory.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from shared import i18n


class TsTranslator(QTranslator):
    """Translates every context from ``resources/i18n/yizhan_en.ts``."""

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: D401 - Qt override
        if i18n.language() == "zh" or not source:
            return None
        result = i18n.translate(source, "en")
        return result if result != source else None

    def isEmpty(self) -> bool:  # noqa: N802 - Qt name
        return False


log = logging.getLogger("yizhan.ui.i18n")

_translator: TsTranslator | None = None
_qt_translator: QTranslator | None = None
QT_CATALOG = "qtbase"
QT_LOCALES = {"zh": "zh_CN"}


def qt_translator(language: str) -> QTranslator | None:
    """Qt's own translation of its widgets for ``language`` (``None`` for English, or if the
    ``.qm`` file is missing: Qt then shows its English texts, which is logged)."""
    locale = QT_LOCALES.get(language)
    if locale is None:
        return None
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator()
    if not translator.load(QLocale(locale), QT_CATALOG, "_", path):
        log.warning("Qt's %s translation (%s_%s.qm) not found in %s", language, QT_CATALOG, locale, path)
        return None
    return translator


def install(language: str) -> None:
    """Set the language for the core and for Qt (call before building widgets).

    Installs the product's translator once and Qt's own translation for ``language`` (replacing
    the previous one), so the standard dialogs speak the interface's language.
    """
    global _translator, _qt_translator
    i18n.set_language(language)
    app = QCoreApplication.instance()
    if app is None:
        return
    if _qt_translator is not None:
        app.removeTranslator(_qt_translator)
    _qt_translator = qt_translator(language)
    if _qt_translator is not None:
        app.installTranslator(_qt_translator)
    if _translator is None:
        _translator = TsTranslator()
        app.installTranslator(_translator)  # installed last, asked first


def qtr(text: str, **params) -> str:
    """Translate a UI string (Chinese source) through Qt, then fill its named fields."""
    out = QCoreApplication.translate("yizhan", text)
    return out.format(**params) if params else out


def uninstall() -> None:
    """Remove both translators (tests; a front end keeps them for its lifetime)."""
    global _translator, _qt_translator
    app = QCoreApplication.instance()
    for translator in (_qt_translator, _translator):
        if app is not None and translator is not None:
            app.removeTranslator(translator)
    _translator = _qt_translator = None
