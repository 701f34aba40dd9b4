"""CJK fonts for the printed documents: found on the machine, embedded, checked per character.

Archival documents must embed their font, so reportlab's built-in ``STSong-Light`` (never
embedded) is not used. We look for a TrueType-outline CJK font (WenQuanYi Micro Hei / Zen Hei,
AR PL UMing on Debian; SimSun / Microsoft YaHei on Windows), register it once, lazily
(registering a TTC costs 80-190 ms), and embed a subset.

Rare characters (生僻字 such as 䶮 U+4DAE or 𠈌 U+2020C) are checked against the font's cmap.
A character the main font lacks is drawn with the first fallback font that has it (Droid Sans
Fallback, HanaMin, SimSun-ExtB...); a character no font has is reported, so the document is
refused with the list instead of printing an empty box or dropping it.

``YIZHAN_PDF_FONT`` (``path`` or ``path#index``) overrides the main font;
``YIZHAN_PDF_FALLBACK_FONTS`` (paths separated by ``os.pathsep``) replaces the fallback list.
"""

from __future__ import annotations

import logging
import os
import struct
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from shared.errors import DocumentError
from shared.i18n import Msg

log = logging.getLogger(__name__)

MAIN_NAME = "YizhanCJK"
_WIN_FONTS = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
MAIN_CANDIDATES = (
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    ("/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf", 0),
    (str(_WIN_FONTS / "simsun.ttc"), 0),
    (str(_WIN_FONTS / "msyh.ttc"), 0),
    (str(_WIN_FONTS / "simhei.ttf"), 0),
)
FALLBACK_CANDIDATES = (
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
    ("/usr/share/fonts/truetype/hanazono/HanaMinA.ttf", 0),
    ("/usr/share/fonts/truetype/hanazono/HanaMinB.ttf", 0),
    ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),
    (str(_WIN_FONTS / "simsunb.ttf"), 0),
    (str(_WIN_FONTS / "msjh.ttc"), 0),
)


@dataclass
class LoadedFont:
    """A registered font: its reportlab name, file and the code points it covers."""

    name: str
    path: str
    index: int
    cmap: frozenset = field(repr=False, default=frozenset())


class FontSet:
    """The main font plus fallbacks loaded only when a character needs one."""

    def __init__(self, main: LoadedFont, fallback_paths: list[tuple[str, int]]) -> None:
        self.main = main
        self._fallback_paths = list(fallback_paths)
        self._fallbacks: list[LoadedFont] = []
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        return self.main.name

    def _load_fallbacks(self) -> list[LoadedFont]:
        with self._lock:
            while self._fallback_paths:
                path, index = self._fallback_paths.pop(0)
                font = _register("{}-F{}".format(MAIN_NAME, len(self._fallbacks) + 1), path, index)
                if font:
                    self._fallbacks.append(font)
            return self._fallbacks

    def font_for(self, char: str) -> str | None:
        """The name of the first font that has ``char`` (``None``: no font has it)."""
        if _needs_no_glyph(char) or ord(char) in self.main.cmap:
            return self.main.name
        for font in self._load_fallbacks():
            if ord(char) in font.cmap:
                return font.name
        return None

    def missing(self, text: str) -> list[str]:
        """The characters of ``text`` no available font can draw (in order, once each)."""
        out: list[str] = []
        for ch in text:
            if ch not in out and self.font_for(ch) is None:
                out.append(ch)
        return out

    def markup(self, text: str, missing: set[str] | None = None) -> str:
        """``text`` escaped for a Paragraph, with runs in fallback fonts tagged.

        Characters no font has are added to ``missing`` (and left out of the markup) so the
        caller can refuse the whole document with the complete list.
        """
        parts: list[str] = []
        run_font, run = self.main.name, ""
        for ch in text:
            font = self.font_for(ch)
            if font is None:
                if missing is not None:
                    missing.add(ch)
                continue
            if font != run_font:
                parts.append(_tag(run, run_font, self.main.name))
                run_font, run = font, ""
            run += ch
        parts.append(_tag(run, run_font, self.main.name))
        return "".join(parts)


def _tag(run: str, font: str, main: str) -> str:
    if not run:
        return ""
    text = escape(run).replace("\n", "<br/>")
    return text if font == main else '<font face="{}">{}</font>'.format(font, text)


def _needs_no_glyph(char: str) -> bool:
    return char in "\n\r\t " or unicodedata.category(char) in ("Cc", "Cf", "Zs")


def _utf16_hex(code: int) -> str:
    return "".join("{:04X}".format(unit) for unit in struct.unpack(">{}H".format(2 if code > 0xFFFF else 1),
                                                                       chr(code).encode("utf-16-be")))


def _to_unicode_cmap(fontname: str, subset) -> str:
    """reportlab's ToUnicode CMap, but with characters beyond the BMP (CJK Ext B such as 𠈌)
    written as UTF-16 surrogate pairs: reportlab writes ``<2020C>``, which readers cut to
    U+2020, so the text copied or extracted from the PDF would be wrong."""
    lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
             "<< /Registry (%s)" % fontname, "/Ordering (%s)" % fontname, "/Supplement 0", ">> def",
             "/CMapName /%s def" % fontname, "/CMapType 2 def", "1 begincodespacerange",
             "<00> <%02X>" % (len(subset) - 1), "endcodespacerange", "%d beginbfchar" % len(subset)]
    lines += ["<%02X> <%s>" % (i, _utf16_hex(v)) for i, v in enumerate(subset)]
    lines += ["endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


def _register(name: str, path: str, index: int) -> LoadedFont | None:
    """Register a TrueType font with reportlab; ``None`` if it is absent or unusable."""
    if not os.path.isfile(path):
        return None
    from reportlab.pdfbase import pdfmetrics, ttfonts
    from reportlab.pdfbase.ttfonts import TTFont, TTFError

    ttfonts.makeToUnicodeCMap = _to_unicode_cmap

    try:
        font = TTFont(name, path, subfontIndex=index) if path.lower().endswith(".ttc") else TTFont(name, path)
    except (TTFError, OSError, ValueError) as exc:  # e.g. CFF outlines: "postscript outlines are not supported"
        log.warning("font %s not usable: %s", path, exc)
        return None
    pdfmetrics.registerFont(font)
    return LoadedFont(name, path, index, frozenset(font.face.charToGlyph))


def _split_spec(spec: str) -> tuple[str, int]:
    path, _, index = spec.partition("#")
    return path, int(index or 0)


def _main_candidates() -> list[tuple[str, int]]:
    override = os.environ.get("YIZHAN_PDF_FONT")
    return [_split_spec(override)] if override else list(MAIN_CANDIDATES)


def _fallback_candidates() -> list[tuple[str, int]]:
    override = os.environ.get("YIZHAN_PDF_FALLBACK_FONTS")
    if override is not None:
        return [_split_spec(p) for p in override.split(os.pathsep) if p]
    return list(FALLBACK_CANDIDATES)


_fontset: FontSet | None = None
_fontset_lock = threading.Lock()


def fontset() -> FontSet:
    """The registered fonts (found and registered on first use, then cached)."""
    global _fontset
    with _fontset_lock:
        if _fontset is None:
            for path, index in _main_candidates():
                main = _register(MAIN_NAME, path, index)
                if main:
                    _fontset = FontSet(main, _fallback_candidates())
                    break
            else:
                raise DocumentError(Msg("document.no_font",
                                        "找不到可嵌入的中文字体（TrueType）。请安装文泉驿微米黑（fonts-wqy-microhei）"
                                        "或在 Windows 上确认 C:\\Windows\\Fonts\\simsun.ttc 存在，"
                                        "也可用环境变量 YIZHAN_PDF_FONT 指定字体文件"))
        return _fontset


def reset_fonts() -> None:
    """Forget the cached font choice (tests that change the font environment)."""
    global _fontset
    with _fontset_lock:
        _fontset = None


def missing_glyphs_error(chars: list[str] | set[str]) -> DocumentError:
    """The error for characters no installed font can draw, listing each with its code point."""
    ordered = sorted(set(chars))
    listing = "、".join("{}（U+{:04X}）".format(c, ord(c)) for c in ordered)
    return DocumentError(Msg("document.missing_glyphs",
                             "以下字符在已安装的字体中都没有字形，文档无法正确打印：{chars}。"
                             "请安装包含这些字符的字体（如花园明朝 fonts-hanazono）后重试，"
                             "或按证件核对后改用规范字形",
                             {"chars": listing}))
