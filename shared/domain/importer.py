"""Import of a case's core data from a bank system (the "less typing" path).

The format (``yizhan-case-import/1``, documented in the README)::

    {"format": "yizhan-case-import/1", "business": "mortgage_first_general",
     "parties": [{"role": "mortgagor", "kind": "person", "name": "…", "id_kind": "1",
                  "id_number": "…", "phone": "…", "address": "…"}],
     "property": {"unit_number": "…", "certificate_number": "…", "location": "…",
                  "area": "89.50", "use": "住宅"},
     "mortgage": {"contract_number": "…", "amount": "1000000", "debt_from": "2026-01-01", …},
     "reason": "…", "remarks": "…",
     "materials": {"identity": ["materials/id_front.jpg"], …}}

Groups (``property``, ``mortgage``, ``change``, ``cancel``…) map onto the catalog's dotted
keys. Everything is checked before anything is written; every error names its JSON path.

Every input is bounded before it is read (:data:`LIMITS`): the import file's size (a regular
file only, never a FIFO or a device), its nesting depth, string lengths, the number of
parties and materials, the type of every container; a key the format does not know is an
error with its JSON path, never dropped. Material files are regular files inside the import
file's directory, within a size cap, and their type is proven by decoding them (an image's
pixel count is checked before it is decoded). Any front end or endpoint that takes an import
goes through :func:`parse_import_bytes`, so the same limits hold everywhere.

``loan_reference`` (optional, :data:`REFERENCE_RE`) is the loan's number in the bank's system:
:func:`save_import` is idempotent on it (with the mortgagee's credit code), so importing the
same loan twice returns the draft made the first time.

The compact form (:data:`COMPACT_PREFIX`), what the loan system prints as a QR code on the loan
approval sheet: ``YZI1.`` + base64url (no padding) of the zlib-compressed import JSON, at most
:data:`LIMITS` ``["compact"]`` characters, inflated to at most ``["import_bytes"]``; it holds
no material files (a sheet cannot carry them). :func:`parse_import_bytes` takes either form.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import re
import zlib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from shared.domain.case import Agent, Case, Party
from shared.domain.catalog import Catalog, default_catalog
from shared.domain.validation import field_errors
from shared.errors import ValidationError, os_error_msg
from shared.security.masking import has_control
from shared.i18n import Msg
from shared.platform import read_regular

FORMAT = "yizhan-case-import/1"
#: Every version this program reads (the newest first); a document of another names its own.
FORMATS = (FORMAT,)
FORMAT_PREFIX = "yizhan-case-import/"
MAX_FILE_BYTES = 30 * 1024 * 1024
LIMITS = {"import_bytes": 1 << 20, "depth": 6, "string": 2000, "parties": 20, "materials": 200, "keys": 200,
          "compact": 4000, "key": 100, "number": 40, "materials_bytes": 100 << 20}
COMPACT_PREFIX = "YZI1."
REFERENCE_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,63}")
PARTY_KEYS = {"role", "kind", "name", "id_kind", "id_number", "phone", "address", "legal_rep", "share", "agent"}
AGENT_KEYS = {f.name for f in fields(Agent)}
TOP_KEYS = {"format", "business", "parties", "materials", "loan_reference"}
MAGIC = ((b"\xff\xd8\xff", "image/jpeg"), (b"\x89PNG\r\n\x1a\n", "image/png"), (b"%PDF-", "application/pdf"),
         (b"II*\x00", "image/tiff"), (b"MM\x00*", "image/tiff"))


def sniff_mime(data: bytes) -> str | None:
    """The MIME type of an image or PDF, judged by its content, not its name."""
    for magic, mime in MAGIC:
        if data.startswith(magic):
            return mime
    return None


@dataclass
class ImportResult:
    """A validated import, ready to be written: the case and its material files."""

    case: Case
    files: list[tuple[str, str, bytes]] = field(default_factory=list)  # slot, mime, data
    reference: str = ""  # the loan's reference in the bank's system ("" when not given)
    existing: bool = False  # save_import found the loan imported before and returned that case


def _json_path(path: str) -> str:
    return "$." + path if not path.startswith("$") else path


def _invalid(errors: dict[str, Msg]) -> ValidationError:
    return ValidationError(Msg("import.invalid", "导入数据有{n}处错误", {"n": len(errors)}), errors)


def _short(key: Any, n: int = 60) -> str:
    """A key or name as a message shows it: at most ``n`` characters (a 500,000-character key
    is named, not repeated)."""
    text = str(key)
    return text if len(text) <= n else text[:n] + "…"


class _BadNumber:
    """A JSON number the import refuses (more than ``LIMITS["number"]`` characters, NaN,
    Infinity): kept as a marker so that :func:`_bounds` names it with its path."""

    def __init__(self, text: str) -> None:
        self.length = len(text)


class _Object(dict):
    """A JSON object; ``duplicates``: the keys it held more than once (the last one would win
    silently in ``json``)."""

    duplicates: list[str]


def _number(convert):
    def parse(text: str):
        if len(text) > LIMITS["number"]:
            return _BadNumber(text)
        value = convert(text)
        return value if value == value and value not in (float("inf"), float("-inf")) else _BadNumber(text)
    return parse


def _pairs(pairs: list[tuple[str, Any]]) -> _Object:
    obj = _Object()
    obj.duplicates = []
    for k, v in pairs:
        if k in obj and k not in obj.duplicates:
            obj.duplicates.append(k)
        obj[k] = v
    return obj


def loads_bounded(text: str) -> Any:
    """``json.loads`` for an import: numbers bounded in length (NaN and Infinity refused) and
    duplicate keys kept for :func:`_bounds` to report, each with its path."""
    return json.loads(text, object_pairs_hook=_pairs, parse_int=_number(int), parse_float=_number(float),
                      parse_constant=_BadNumber)


def _bounds(value: Any, where: str, depth: int, errors: dict[str, Msg]) -> None:
    """Depth, string and number lengths, key lengths, duplicate keys and key counts of the
    whole document, before any of it is used."""
    if depth > LIMITS["depth"]:
        errors[where] = Msg("import.depth", "嵌套层数超过 {n} 层", {"n": LIMITS["depth"]})
        return
    if isinstance(value, _BadNumber):
        errors[where] = Msg("import.number", "数字无效或过长（最多 {max} 位）", {"max": LIMITS["number"]})
    elif isinstance(value, str):
        if len(value) > LIMITS["string"]:
            errors[where] = Msg("import.string", "文字过长（{n} 字，最多 {max} 字）", {"n": len(value), "max": LIMITS["string"]})
        elif has_control(value):  # an escape or a bidi override in a name would reach screens and papers
            errors[where] = Msg("import.control", "含有控制字符或不可见的格式字符，请删除后重新导出")
    elif isinstance(value, dict):
        if len(value) > LIMITS["keys"]:
            errors[where] = Msg("import.keys", "字段过多（最多 {max} 个）", {"max": LIMITS["keys"]})
            return
        for k in getattr(value, "duplicates", ()):
            errors["{}.{}".format(where, _short(k))] = Msg("import.duplicate", "字段 {key} 出现了多次",
                                                            {"key": _short(k)})
        for k, v in value.items():
            if len(k) > LIMITS["key"]:
                errors["{}.{}".format(where, _short(k))] = Msg("import.key_long", "字段名过长（{n} 字，最多 {max} 字）",
                                                                {"n": len(k), "max": LIMITS["key"]})
                continue
            _bounds(v, "{}.{}".format(where, _short(k)), depth + 1, errors)
    elif isinstance(value, list):
        if len(value) > LIMITS["materials"]:
            errors[where] = Msg("import.list", "列表过长（最多 {max} 项）", {"max": LIMITS["materials"]})
            return
        for i, v in enumerate(value):
            _bounds(v, "{}[{}]".format(where, i), depth + 1, errors)


def _scalar(v: Any) -> bool:
    return v is None or isinstance(v, (str, bool, int, float))


def encode_compact(raw: dict) -> str:
    """An import document in the compact form a QR code carries (the loan system's side;
    tests and the sample sheet use it)."""
    text = json.dumps(raw, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return COMPACT_PREFIX + base64.urlsafe_b64encode(zlib.compress(text, 9)).decode("ascii").rstrip("=")


def decode_compact(text: str) -> bytes:
    """The import JSON a compact payload holds: bounded before and while it is inflated."""
    text = text.strip()
    if len(text) > LIMITS["compact"]:
        raise ValidationError(Msg("import.compact_long", "条码内容过长（{n} 字符，最多 {max}）",
                                  {"n": len(text), "max": LIMITS["compact"]}))
    body = text[len(COMPACT_PREFIX):]
    try:
        packed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        inflater = zlib.decompressobj()
        data = inflater.decompress(packed, LIMITS["import_bytes"] + 1)
    except (binascii.Error, ValueError, zlib.error):
        raise ValidationError(Msg("import.compact_bad", "条码内容不是有效的贷款审批数据（{f}）",
                                  {"f": COMPACT_PREFIX.rstrip(".")})) from None
    if len(data) > LIMITS["import_bytes"] or inflater.unconsumed_tail:
        raise ValidationError(Msg("import.too_large", "导入文件过大（{kb} KB，最多 {max} KB）",
                                  {"kb": len(data) >> 10, "max": LIMITS["import_bytes"] >> 10}))
    if not inflater.eof:
        raise ValidationError(Msg("import.compact_bad", "条码内容不是有效的贷款审批数据（{f}）",
                                  {"f": COMPACT_PREFIX.rstrip(".")}))
    return data


def is_compact(data: bytes | str) -> bool:
    """Whether ``data`` is (starts as) a compact payload."""
    head = data[:len(COMPACT_PREFIX)]
    return (head.decode("ascii", "replace") if isinstance(head, bytes) else head) == COMPACT_PREFIX


def parse_import_bytes(data: bytes, base_dir: Path | None, catalog: Catalog | None = None) -> ImportResult:
    """An import document as bytes (from a file, a request or a scanned QR code, plain JSON or
    the compact form): bounded, then parsed. ``base_dir``: where its material files are (None:
    it may name none)."""
    if is_compact(data.lstrip()[:16]):
        if len(data) > LIMITS["compact"] * 2:
            raise ValidationError(Msg("import.compact_long", "条码内容过长（{n} 字符，最多 {max}）",
                                      {"n": len(data), "max": LIMITS["compact"]}))
        data = decode_compact(data.decode("ascii", "replace"))
        base_dir = None
    if len(data) > LIMITS["import_bytes"]:
        raise ValidationError(Msg("import.too_large", "导入文件过大（{kb} KB，最多 {max} KB）",
                                  {"kb": len(data) >> 10, "max": LIMITS["import_bytes"] >> 10}))
    try:
        raw = loads_bounded(data.decode("utf-8"))
    except RecursionError:
        raise ValidationError(Msg("import.depth_json", "导入文件嵌套过深")) from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValidationError(Msg("import.json", "导入文件不是有效的 JSON：{err}", {"err": str(exc)[:200]})) from None
    return parse_import(raw, base_dir, catalog)


def parse_import(raw: Any, base_dir: Path | None, catalog: Catalog | None = None) -> ImportResult:
    """Validate an import document; raise :class:`ValidationError` listing every error."""
    catalog = catalog or default_catalog()
    errors: dict[str, Msg] = {}
    if not isinstance(raw, dict):
        raise ValidationError(Msg("import.not_object", "导入文件应为 JSON 对象"))
    _bounds(raw, "$", 0, errors)
    if errors:
        raise _invalid(errors)
    for key, want in (("parties", list), ("materials", dict)):
        if key in raw and not isinstance(raw[key], want):
            errors["$." + key] = (Msg("import.want_list", "{key} 应为 JSON 数组", {"key": key}) if want is list
                                  else Msg("import.want_object", "{key} 应为 JSON 对象", {"key": key}))
    if len(raw.get("parties") or []) > LIMITS["parties"]:
        errors["$.parties"] = Msg("import.parties", "当事人过多（最多 {max} 个）", {"max": LIMITS["parties"]})
    if errors:
        raise _invalid(errors)
    fmt = raw.get("format")
    if isinstance(fmt, str) and fmt.startswith(FORMAT_PREFIX) and fmt not in FORMATS:
        errors["$.format"] = Msg("import.version", "不支持的导入格式版本“{f}”，本程序支持：{ok}",
                                 {"f": fmt[:60], "ok": "、".join(FORMATS)})
    elif fmt not in FORMATS:
        errors["$.format"] = Msg("import.format", "format 应为“{f}”", {"f": FORMAT})
    ref = raw.get("loan_reference")
    if ref is not None and not (isinstance(ref, str) and REFERENCE_RE.fullmatch(ref)):
        errors["$.loan_reference"] = Msg("import.reference", "loan_reference 应为 1–64 位字母、数字或 ._/-")
    if raw.get("materials") and base_dir is None:
        errors["$.materials"] = Msg("import.no_materials", "条码或接口导入的数据不能包含材料文件，请在柜台采集纸质材料")
    code = raw.get("business")
    if not isinstance(code, str) or code not in catalog.businesses:  # (a list here was a traceback: found by fuzzing)
        code = _short(code) if isinstance(code, str) else type(code).__name__
        errors["$.business"] = Msg("import.business", "未知的业务类型“{code}”", {"code": code})
        raise _invalid(errors)
    biz = catalog.business(code)
    case = Case(code, catalog_version=catalog.version, channel="import",
                loan_reference=ref if isinstance(ref, str) else "")
    known = {f.key for f in biz.fields}
    for key, value in raw.items():
        if key in TOP_KEYS:
            continue
        if isinstance(value, list):
            errors[_json_path(key)] = Msg("import.want_value", "{key} 应为 JSON 对象或值", {"key": _short(key)})
            continue
        items = value.items() if isinstance(value, dict) else [(None, value)]
        for sub, v in items:
            dotted = key if sub is None else "{}.{}".format(key, sub)
            if dotted not in known:
                errors[_json_path(_short(dotted, 80))] = Msg("import.unknown_field", "业务“{biz}”没有字段 {key}",
                                                              {"biz": biz.name, "key": _short(dotted, 80)})
            elif not _scalar(v):
                errors[_json_path(dotted)] = Msg("import.scalar", "{key} 应为文字、数字或真假值", {"key": dotted})
            else:
                fd = biz.field(dotted)
                case.set(dotted, v if fd.type == "bool" else ("" if v is None else str(v)))
    for i, p in enumerate(raw.get("parties") or []):
        if not isinstance(p, dict):
            errors["$.parties[{}]".format(i)] = Msg("import.party", "当事人应为 JSON 对象")
            continue
        for k in set(p) - PARTY_KEYS:
            errors["$.parties[{}].{}".format(i, _short(k))] = Msg("import.party_key", "当事人没有字段 {key}", {"key": _short(k)})
        for k, v in p.items():
            if k != "agent" and k in PARTY_KEYS and not _scalar(v):
                errors["$.parties[{}].{}".format(i, k)] = Msg("import.scalar", "{key} 应为文字、数字或真假值", {"key": k})
        values = {k: ("" if v is None else str(v)) for k, v in p.items() if k in PARTY_KEYS - {"agent"} and _scalar(v)}
        agent = p.get("agent")
        if agent is not None and not isinstance(agent, dict):
            errors["$.parties[{}].agent".format(i)] = Msg("import.want_object", "{key} 应为 JSON 对象", {"key": "agent"})
            agent = None
        if isinstance(agent, dict):
            for k, v in agent.items():
                if k not in AGENT_KEYS:
                    errors["$.parties[{}].agent.{}".format(i, _short(k))] = Msg("import.party_key", "当事人没有字段 {key}",
                                                                               {"key": _short(k)})
                elif not _scalar(v):
                    errors["$.parties[{}].agent.{}".format(i, k)] = Msg("import.scalar", "{key} 应为文字、数字或真假值", {"key": k})
            agent = {k: ("" if v is None else str(v)) for k, v in agent.items() if k in AGENT_KEYS and _scalar(v)}
        case.parties.append(Party(**{"role": "", **values}, agent=Agent(**agent) if agent else None))
    for path, msg in field_errors(case, biz, catalog).items():
        errors[_json_path(path)] = msg
    result = ImportResult(case, reference=case.loan_reference)
    slots = {s.code for s in biz.materials}
    count = total = 0
    seen: set[tuple[str, Any]] = set()  # (slot, file identity): the same file twice in a slot is kept once
    read_by_id: dict[Any, bytes] = {}  # file identity -> its bytes: each file read (and counted) once
    over_total = Msg("import.materials_total", "材料文件合计超过 {mb} MB，请分批导入或在柜台采集",
                     {"mb": LIMITS["materials_bytes"] >> 20})
    for slot, files in (raw.get("materials") or {}).items():
        if slot not in slots:
            errors["$.materials.{}".format(_short(slot))] = Msg("import.slot", "业务“{biz}”没有材料“{slot}”",
                                                                {"biz": biz.name, "slot": _short(slot)})
            continue
        if not isinstance(files, list):
            errors["$.materials.{}".format(slot)] = Msg("import.want_list", "{key} 应为 JSON 数组", {"key": slot})
            continue
        for j, rel in enumerate(files):
            where = "$.materials.{}[{}]".format(slot, j)
            count += 1
            if count > LIMITS["materials"]:
                errors[where] = Msg("import.materials", "材料文件过多（最多 {max} 个）", {"max": LIMITS["materials"]})
                break
            if not isinstance(rel, str) or not rel or "\x00" in rel:
                errors[where] = Msg("import.material_path", "材料应为导入文件所在目录中的文件名")
                continue
            if base_dir is None:
                errors[where] = Msg("import.no_files", "通过接口导入时不能引用文件；材料在柜台采集")
                continue
            ident, size = _file_stat(base_dir, rel)
            if (slot, ident) in seen:
                continue
            if ident in read_by_id:
                data = read_by_id[ident]
            else:
                if total + size > LIMITS["materials_bytes"]:
                    errors[where] = over_total
                    break
                data, msg = read_material(base_dir, rel)
                if msg:
                    errors[where] = msg
                    continue
                total += len(data)
                if total > LIMITS["materials_bytes"]:  # grew since it was measured
                    errors[where] = over_total
                    break
                read_by_id[ident] = data
            seen.add((slot, ident))
            result.files.append((slot, sniff_mime(data) or "", data))
        else:
            continue
        break  # past a limit: no more files are read
    if errors:
        raise _invalid(errors)
    return result


def _file_stat(base_dir: Path, rel: str) -> tuple[Any, int]:
    """``(identity, size)`` of a material file, from one ``stat``: its device and inode (a link
    or another spelling of the path is the same file; else its resolved path) and its size
    (0 when it cannot be read: :func:`read_material` then says what is wrong with it)."""
    try:
        path = (Path(base_dir).resolve() / rel).resolve()
        st = os.stat(path)
    except (OSError, ValueError):
        return ("unresolved", rel), 0
    return ((st.st_dev, st.st_ino) if st.st_ino else str(path)), max(0, st.st_size)


def read_material(base_dir: Path, rel: str) -> tuple[bytes, Msg | None]:
    """A material file named by an import: inside ``base_dir``, regular, bounded, and of a
    type proven by decoding it (an image) or by its structure (a PDF)."""
    import errno
    if not isinstance(rel, str) or "\x00" in rel:
        return b"", Msg("import.material_path", "材料应为导入文件所在目录中的文件名")
    name = Path(rel).name[:80]
    root = Path(base_dir).resolve()
    path = (root / rel).resolve()
    if not path.is_relative_to(root):
        return b"", Msg("import.outside", "材料文件 {name} 不在导入文件所在的目录中", {"name": name})
    try:
        data = read_regular(path, MAX_FILE_BYTES)
    except OSError as exc:
        if exc.errno == errno.EFBIG:
            return b"", Msg("import.too_big", "文件 {name} 超过 {mb} MB", {"name": name, "mb": MAX_FILE_BYTES // 2**20})
        return b"", Msg("import.read", "无法读取文件 {name}：{err}", {"name": name, "err": os_error_msg(exc)})
    mime = sniff_mime(data)
    if mime is None or not _decodes(data, mime):
        return b"", Msg("import.type", "文件 {name} 不是 JPEG、PNG、TIFF 或 PDF", {"name": name})
    return data, None


_STARTXREF = re.compile(rb"startxref\s+(\d{1,12})\s+%%EOF\s*$")
_PDF_HEADER = re.compile(rb"%PDF-[12]\.\d")
_XREF_AT = re.compile(rb"\s*(xref\b|\d{1,10}\s+\d{1,5}\s+obj\b)")


def pdf_structure_ok(data: bytes) -> bool:
    """A minimal structural check of a PDF (no parser is a dependency of the core): the
    ``%PDF-1.x``/``2.x`` header, a ``startxref`` offset and ``%%EOF`` at the end, and at that
    offset a cross-reference table (``xref``) or stream (``N G obj``) inside the file, and at
    least one object. ``%PDF-`` + garbage + ``%%EOF`` is not a PDF."""
    if not _PDF_HEADER.match(data):
        return False
    m = _STARTXREF.search(data[-1024:])
    if m is None:
        return False
    offset = int(m.group(1))
    if not 0 < offset < len(data) or not _XREF_AT.match(data, offset):
        return False
    return re.search(rb"\d{1,10}\s+\d{1,5}\s+obj\b", data) is not None


def _decodes(data: bytes, mime: str) -> bool:
    """Whether the content really is what its first bytes claim (an image within the pixel
    limit whose data decodes; a PDF whose structure holds: :func:`pdf_structure_ok`)."""
    if mime == "application/pdf":
        return pdf_structure_ok(data)
    from shared.security.image_limits import ImageRefused, check_image
    try:
        check_image(data, verify=True)
    except ImageRefused:
        return False
    return True


def load_import(path: Path, catalog: Catalog | None = None) -> ImportResult:
    """Read and validate an import file (a regular file of at most ``LIMITS["import_bytes"]``)."""
    try:
        data = read_regular(Path(path), LIMITS["import_bytes"])
    except OSError as exc:
        import errno
        if exc.errno == errno.EFBIG:
            raise ValidationError(Msg("import.too_large", "导入文件过大（{kb} KB，最多 {max} KB）",
                                      {"kb": "?", "max": LIMITS["import_bytes"] >> 10})) from None
        raise ValidationError(Msg("import.open", "无法读取导入文件 {path}：{err}",
                                  {"path": str(path), "err": os_error_msg(exc)})) from None
    return parse_import_bytes(data, Path(path).parent, catalog)


def reference_key(case: Case) -> str | None:
    """The ``sync_state`` key that remembers which case a loan became (None: no reference)."""
    if not case.loan_reference:
        return None
    bank = next((p.id_number for p in case.parties if p.role == "mortgagee" and p.id_number), "")
    digest = hashlib.sha256("{}\0{}".format(bank.upper(), case.loan_reference).encode("utf-8")).hexdigest()
    return "import.loan." + digest[:40]


def save_import(store, result: ImportResult) -> Case:
    """Write the case and its files in one transaction: all or nothing. A loan imported before
    (same reference, same bank) whose case is still there is not imported again: that case is
    returned (``result.existing`` set)."""
    case = result.case
    key = reference_key(case)

    def work(tx) -> Case:
        if key is not None:
            before = tx.sync_state.get(key)
            found = tx.find_case(before) if isinstance(before, str) else None
            if found is not None:
                result.existing = True
                return found
        tx.write_case(case, "import")
        for slot, mime, data in result.files:
            info = tx.add_blob(case.id, "page", data, mime, slot)
            case.materials.setdefault(slot, []).append(info.id)
        if result.files:
            tx.write_case(case, "update")
        if key is not None:
            tx.sync_state.put(key, case.id)
        return case
    return store.transaction(work)
