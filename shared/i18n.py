"""Translatable messages for the Qt-free core.

Chinese is the product language: every message is written in Chinese in the code, with
named ``{fields}`` (never f-strings, so a translator sees the placeholders). English comes
from Qt's own translation source, ``resources/i18n/yizhan_en.ts``: the Qt front ends load the
compiled ``.qm`` through ``QTranslator``; the core and the CLI read the same ``.ts`` file with
ElementTree, so there is one translation source for the whole product.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from typing import Any, Mapping

from shared import platform

RESOURCES = platform.resources_dir()
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
                import xml.etree.ElementTree as ET  # English only: Chinese needs no table
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
        """Return the message in ``lang`` (the current language by default).

        A parameter that is itself a :class:`Msg` (a detail inside a general message) is
        rendered in the same language.
        """
        template = translate(self.text, lang)
        params = {k: v.render(lang) if isinstance(v, Msg) else v for k, v in self.params.items()}
        try:
            return template.format(**params)
        except (KeyError, IndexError):  # a broken translation must not hide the message
            return self.text.format(**params)

    def __str__(self) -> str:
        return self.render()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly form (code, zh and en text)."""
        return {"code": self.code, "zh": self.render("zh"), "en": self.render("en"),
                "params": {k: str(v) for k, v in self.params.items()}}

    def to_record(self) -> dict[str, Any]:
        """What a record keeps: the code, the Chinese template and the parameters.

        The template is the translation key, not rendered text: the record is rendered in the
        reader's language when it is shown (:meth:`from_record`).
        """
        return {"code": self.code, "text": self.text,
                "params": {k: _param_record(v) for k, v in self.params.items()}}

    @classmethod
    def from_record(cls, value: Any) -> "Msg":
        """A message from :meth:`to_record`'s form; plain text (an older record) is kept as is."""
        if isinstance(value, Msg):
            return value
        if isinstance(value, Mapping) and isinstance(value.get("text"), str):
            params = {k: cls.from_record(v) if _is_record(v) else v
                      for k, v in dict(value.get("params") or {}).items()}
            return cls(str(value.get("code") or "text"), value["text"], params)
        return cls("text", "{text}", {"text": "" if value is None else str(value)})


def _is_record(value: Any) -> bool:
    return isinstance(value, Mapping) and isinstance(value.get("text"), str) and "code" in value


def _param_record(value: Any) -> Any:
    if isinstance(value, Msg):
        return value.to_record()
    return value if isinstance(value, (str, int, float, bool)) or value is None else str(value)


def render_record(value: Any, lang: str | None = None) -> str:
    """Render a stored message in ``lang``: :meth:`Msg.to_record`'s form, its JSON text
    (:func:`stored_text`), or plain text from an older record (shown as it is)."""
    if isinstance(value, str) and value.startswith("{"):
        try:
            value = json.loads(value)
        except ValueError:
            pass
    return Msg.from_record(value).render(lang)


def stored_text(msg: Msg, limit: int = 500) -> str:
    """``msg`` as JSON text for a text column (code, template, parameters: never rendered).

    Long parameters are shortened so the JSON fits ``limit`` characters and stays readable.
    """
    record = msg.to_record()
    text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    if len(text) > limit:
        params = {k: (v[:60] + "…" if isinstance(v, str) and len(v) > 60 else v)
                  for k, v in record["params"].items()}
        text = json.dumps({**record, "params": params}, ensure_ascii=False, separators=(",", ":"))
    return text if len(text) <= limit else msg.render("zh")[:limit]
