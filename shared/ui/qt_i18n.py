"""Qt side of translation: a QTranslator fed by the same ``.ts`` file the core reads.

The ``.ts`` file (Qt Linguist's format) is the one translation source; this translator lets
``tr()`` and Qt's widgets use it without a compiled ``.qm`` build step.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

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


_translator: TsTranslator | None = None


def install(language: str) -> None:
    """Set the language for the core and for Qt (call before building widgets)."""
    global _translator
    i18n.set_language(language)
    app = QCoreApplication.instance()
    if _translator is None:
        _translator = TsTranslator()
        if app is not None:
            app.installTranslator(_translator)


def qtr(text: str, **params) -> str:
    """Translate a UI string (Chinese source) through Qt, then fill its named fields."""
    out = QCoreApplication.translate("yizhan", text)
    return out.format(**params) if params else out
