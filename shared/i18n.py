"""Translatable messages for the Qt-free core.

Chinese is the product language: every message is written in Chinese in the code, with
named ``{fields}`` (never f-strings, so a translator sees the placeholders). English comes
from Qt's own translation source, ``resources/i18n/yizhan_en.ts``: the Qt front ends load the
compiled ``.qm`` through ``QTranslator``; the core and the CLI read the same ``.ts`` file with
ElementTree, so there is one translation source for the whole product.
"""

from __future__ import annotations

import threading
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
TS_FILE = RESOURCES / "i18n" / "yizhan_en.ts"

_lock = threading.Lock()
_language = "zh"
_table: dict[str, str] | None = None


def N_(text: str) -> str:
    """Mark ``text`` for translation without translating it (for tables and constants)."""
    return text


def set_language(lang: str) -> None:
    """Choose the language of rendered messages: ``"zh"`` (default) or ``"en"``."""
    global _language
    if lang not in ("zh", "en"):
        raise ValueError("unsupported language: {}".format(lang))
    _language = lang


def language() -> str:
    """Return the current language code."""
    return _language


def _load_table() -> dict[str, str]:
    global _table
    with _lock:
        if _table is None:
            table: dict[str, str] = {}
            if TS_FILE.exists():
                root = ET.parse(TS_FILE).getroot()
                for message in root.iter("message"):
                    source = message.findtext("source")
                    target = message.find("translation")
                    if source and target is not None and target.text and \
                            target.get("type") not in ("unfinished", "obsolete"):
                        table[source] = target.text
            _table = table
        return _table


def translate(text: str, lang: str | None = None) -> str:
    """Translate a Chinese source string into ``lang`` (the current language by default)."""
    lang = lang or _language
    if lang == "zh":
        return text
    return _load_table().get(text, text)


#: Chinese punctuation that joins translated pieces, and its English form (no Han character in
#: them, so they are not in the translation file).
PUNCTUATION = {"：": ": ", "；": "; ", "，": ", ", "（": " (", "）": ")"}


def punct(mark: str, lang: str | None = None) -> str:
    """``mark`` (：；，（）) in ``lang`` (the current language by default), for joining pieces:
    ``title + punct("：") + detail``."""
    return mark if (lang or _language) == "zh" else PUNCTUATION.get(mark, mark)


def tr(text: str, **params: Any) -> str:
    """Translate and fill the named fields of ``text``."""
    return translate(text).format(**params) if params else translate(text)


@dataclass(frozen=True)
class Msg:
    """A user-facing message: a stable code, a Chinese template and its named fields."""

    code: str
    text: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def render(self, lang: str | None = None) -> str:
        """Return the message in ``lang`` (the current language by default)."""
        template = translate(self.text, lang)
        try:
            return template.format(**self.params)
        except (KeyError, IndexError):  # a broken translation must not hide the message
            return self.text.format(**self.params)

    def __str__(self) -> str:
        return self.render()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly form (code, zh and en text)."""
        return {"code": self.code, "zh": self.render("zh"), "en": self.render("en"),
                "params": {k: str(v) for k, v in self.params.items()}}
