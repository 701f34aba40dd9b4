"""The business catalog: business types, their parties, fields, checklists and documents.

The catalog is data (``resources/catalog/``), versioned, validated against
``schema.json`` when loaded. A broken file gives a :class:`CatalogError` naming the file and
the path inside it. Later the server sends newer versions; :func:`load_catalog` accepts any
directory of the same layout.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from shared import platform
from shared.errors import CatalogError
from shared.i18n import Msg, N_

CATALOG_DIR = platform.resource("catalog")


@dataclass(frozen=True)
class FieldDef:
    """One form field: ``key`` is a dotted path into the case (``property.unit_number``)."""

    key: str
    label: str
    type: str
    validator: str | None = None
    required: bool = False
    choices: tuple[str, ...] = ()
    default: Any = None
    max_length: int | None = None
    when: dict | None = None
    other_text: bool = False  # a choice whose "其他" is replaced by free text (stored as typed)


@dataclass(frozen=True)
class RoleDef:
    """A party role of a business (抵押人, 抵押权人...) with how many parties it takes."""

    role: str
    name: str
    party_kinds: tuple[str, ...]
    min: int
    max: int
    side: str = "applicant"
    identity_check: bool = True
    when: dict | None = None


@dataclass(frozen=True)
class MaterialSlot:
    """A checklist slot (收件材料) of a business."""

    code: str
    name: str
    requirement: str
    condition: dict | None = None
    condition_text: str = ""
    sources: tuple[str, ...] = ("doccam", "scanner", "file")
    min_pages: int = 1
    max_pages: int = 20
    original: str = "copy"
    per_party: str | None = None
    # the field holding a contract number: that contract found filed (网签备案) by an authorized
    # query stands in for the paper (see shared.domain.authorization.filing_replaces)
    filing_field: str | None = None


@dataclass(frozen=True)
class RegistrationDef:
    """One registration of a business: linked businesses (转移+抵押, 借新还旧, 预告+抵押预告) have
    two or three applied for together in one case (一并申请、一并受理), each with its own
    application section and its own outcome. ``fields`` are prefixes of the keys it owns."""

    code: str
    name: str
    registration_type: str
    right_type: str
    roles: tuple[str, ...]
    fields: tuple[str, ...] = ()
    when: dict | None = None


@dataclass(frozen=True)
class BusinessType:
    """A business type as the catalog defines it."""

    code: str
    name: str
    name_en: str
    kind: str
    channels: tuple[str, ...]
    registration_type: str | None
    roles: tuple[RoleDef, ...]
    fields: tuple[FieldDef, ...]
    materials: tuple[MaterialSlot, ...]
    interview: str | None
    face_checks: int
    documents: tuple[str, ...]
    mortgage_kind: str | None = None
    right_type: str | None = None
    combined_with: tuple[str, ...] = ()
    description: str = ""
    registrations: tuple[RegistrationDef, ...] = ()  # empty: one registration (the business's own)
    # where its interview template is read: the ``interview`` folder of the catalog it came from
    interview_dir: Path | None = field(default=None, compare=False, repr=False)

    def field(self, key: str) -> FieldDef:
        """The field definition ``key``; KeyError when the business has none."""
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(key)

    def role(self, role: str) -> RoleDef:
        """The role definition ``role``; KeyError when the business has none."""
        for r in self.roles:
            if r.role == role:
                return r
        raise KeyError(role)

    def slot(self, code: str) -> MaterialSlot:
        """The material slot ``code``; KeyError when the business has none."""
        for m in self.materials:
            if m.code == code:
                return m
        raise KeyError(code)


@dataclass
class Catalog:
    """All business types of one catalog version."""

    version: str
    businesses: dict[str, BusinessType]
    id_kinds: dict[str, dict]
    party_kinds: dict[str, dict]
    directory: Path = field(default=CATALOG_DIR)

    def business(self, code: str) -> BusinessType:
        """The business type ``code``; CatalogError when the catalog has none."""
        try:
            return self.businesses[code]
        except KeyError:
            raise CatalogError(Msg("catalog.unknown_business", "业务类型“{code}”不在业务目录 {version} 中",
                                   {"code": code, "version": self.version})) from None

    def for_channel(self, channel: str, kind: str | None = "registration") -> list[BusinessType]:
        return [b for b in self.businesses.values()
                if channel in b.channels and (kind is None or b.kind == kind)]


def detail_message(text: str | Msg, **params: Any) -> Msg:
    """What is wrong in a master-data file, kept translatable (``text`` is marked with ``N_``)."""
    return text if isinstance(text, Msg) else Msg("catalog.detail", text, params)


def where_text(where: Iterable[Any]) -> str | Msg:
    """The position inside a JSON file (``a/0/b``), or "the root"."""
    return "/".join(str(p) for p in where) or Msg("catalog.root", "(根)")


def _fail(path: Path, where: Iterable[Any], text: str | Msg, **params: Any) -> CatalogError:
    return CatalogError(Msg("catalog.invalid", "业务目录文件 {file} 有误，位置 {where}：{text}",
                            {"file": str(path), "where": where_text(where),
                             "text": detail_message(text, **params)}))


def read_json(path: Path, fail=None) -> Any:
    """Read a master-data JSON file; ``fail(path, where, text)`` builds the error (catalog's by default).

    ``text`` is a :class:`~shared.i18n.Msg`, so the error can be shown in any language.
    """
    fail = fail or _fail
    try:
        return json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise fail(path, [], Msg("catalog.no_file", "文件不存在")) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise fail(path, [], Msg("catalog.bad_json", "第{line}行不是有效的 JSON：{error}",
                                 {"line": getattr(exc, "lineno", "?"), "error": str(exc)})) from None


def condition_fields(cond: dict | None) -> set[str]:
    """Every field key a condition refers to."""
    if not cond:
        return set()
    keys = {cond["field"]} if "field" in cond else set()
    for sub in cond.get("all", []) + cond.get("any", []):
        keys |= condition_fields(sub)
    if "not" in cond:
        keys |= condition_fields(cond["not"])
    return keys


def _business(raw: dict, groups: dict, defaults: dict, path: Path, interview_dir: Path | None = None) -> BusinessType:
    fields: dict[str, FieldDef] = {}
    for gi, group in enumerate(raw["field_groups"]):
        if group not in groups:
            raise _fail(path, ["field_groups", gi], N_("未知的字段组“{group}”"), group=group)
        for f in groups[group]:
            fields[f["key"]] = FieldDef(**{**f, "choices": tuple(f.get("choices", ()))})
    for f in raw["fields"]:  # a business field of the same key overrides the group's
        fields[f["key"]] = FieldDef(**{**f, "choices": tuple(f.get("choices", ()))})
    roles = tuple(RoleDef(**{**r, "party_kinds": tuple(r["party_kinds"])}) for r in raw["roles"])
    slots = []
    for m in raw["materials"]:
        merged = {**defaults, **m}
        slots.append(MaterialSlot(**{**merged, "sources": tuple(merged["sources"])}))
    codes = [s.code for s in slots]
    if len(set(codes)) != len(codes):
        raise _fail(path, ["materials"], N_("材料编码重复"))
    known = set(fields)
    for i, s in enumerate(slots):
        unknown = condition_fields(s.condition) - known
        if unknown:
            raise _fail(path, ["materials", i, "condition"], N_("条件引用了未定义的字段 {fields}"),
                        fields=", ".join(sorted(unknown)))
    for i, r in enumerate(roles):
        if r.min > r.max:
            raise _fail(path, ["roles", i], N_("min 大于 max"))
    regs = tuple(RegistrationDef(**{**r, "roles": tuple(r["roles"]), "fields": tuple(r.get("fields", ()))})
                 for r in raw.get("registrations", ()))
    if len({r.code for r in regs}) != len(regs):
        raise _fail(path, ["registrations"], N_("登记编码重复"))
    role_codes = {r.role for r in roles}
    for i, reg in enumerate(regs):
        if set(reg.roles) - role_codes:
            raise _fail(path, ["registrations", i, "roles"], N_("登记引用了未定义的角色 {roles}"),
                        roles=", ".join(sorted(set(reg.roles) - role_codes)))
        unknown = condition_fields(reg.when) - known
        if unknown:
            raise _fail(path, ["registrations", i, "when"], N_("条件引用了未定义的字段 {fields}"),
                        fields=", ".join(sorted(unknown)))
    for i, s in enumerate(slots):
        if s.filing_field and s.filing_field not in known:
            raise _fail(path, ["materials", i, "filing_field"], N_("条件引用了未定义的字段 {fields}"),
                        fields=s.filing_field)
    keep = {k: raw[k] for k in ("code", "name", "name_en", "kind", "registration_type", "interview",
                                "mortgage_kind", "right_type", "description") if k in raw}
    return BusinessType(channels=tuple(raw["channels"]), roles=roles, fields=tuple(fields.values()),
                        materials=tuple(slots), face_checks=raw.get("face_checks", 1),
                        documents=tuple(raw["documents"]), combined_with=tuple(raw.get("combined_with", ())),
                        interview_dir=interview_dir, registrations=regs, **keep)


VALIDATION_VERSION = b"catalog-validation-1"   # bump when load_catalog checks anything new


def _validated_marker(digest: str) -> Path | None:
    """Where the note that the catalog with ``digest`` passed its schema lives (``None``: no
    data directory to keep it in)."""
    from shared.config import default_data_dir
    try:
        return default_data_dir() / "cache" / "catalog-valid" / digest
    except (OSError, RuntimeError):  # no home directory
        return None


def _remember_valid(marker: Path | None) -> None:
    if marker is None:
        return
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
    except OSError:  # a read-only data directory: validated again at the next start
        pass


def load_catalog(directory: Path | str = CATALOG_DIR, *, validate: bool | None = None) -> Catalog:
    """Load and validate the catalog in ``directory``; raise :class:`CatalogError` if broken.

    The JSON-schema validation (about 100 ms with loading jsonschema: most of a counter's start
    beyond Qt, bench P7) is skipped when exactly these files, byte for byte, passed it before
    on this machine: a note named by the BLAKE2b digest of the schema, the index and every
    business file is kept under the data directory's ``cache/catalog-valid``. Any changed byte
    gives another digest, so a changed catalog is always validated again. ``validate=True``
    always validates (``False`` never: not used by the product)."""
    import hashlib

    directory = Path(directory)
    index_path = directory / "index.json"
    index = read_json(index_path)
    schema_path = directory / "schema.json"
    schema = read_json(schema_path)
    for key in ("catalog_version", "businesses", "field_groups", "id_kinds", "party_kinds"):
        if key not in index:
            raise _fail(index_path, [key], N_("缺少必填项"))
    digest = hashlib.blake2b(VALIDATION_VERSION, digest_size=32)
    paths = [schema_path, index_path] + [directory / "businesses" / "{}.json".format(code)
                                         for code in index["businesses"]]
    raws = {}
    for path in paths:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise _fail(path, [], Msg("catalog.no_file", "文件不存在")) from None
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
        raws[path] = data
    marker = _validated_marker(digest.hexdigest())
    if validate is None:
        validate = marker is None or not marker.exists()
    validator = None
    if validate:
        import jsonschema  # loaded here: only catalog validation needs it
        validator = jsonschema.Draft202012Validator(schema)
    interview_dir = directory / "interview" if (directory / "interview").is_dir() else None
    businesses: dict[str, BusinessType] = {}
    for code in index["businesses"]:
        path = directory / "businesses" / "{}.json".format(code)
        raw = _parse(path, raws[path])
        if validator is not None:
            errors = sorted(validator.iter_errors(raw), key=lambda e: list(e.absolute_path))
            if errors:
                raise _fail(path, errors[0].absolute_path, "{error}", error=errors[0].message)
        if raw["code"] != code:
            raise _fail(path, ["code"], N_("编码“{code}”与文件名不一致"), code=raw["code"])
        businesses[code] = _business(raw, index["field_groups"], index.get("material_defaults", {}), path,
                                     interview_dir)
    catalog = Catalog(str(index["catalog_version"]), businesses, index["id_kinds"], index["party_kinds"], directory)
    if validator is not None:
        _remember_valid(marker)
    return catalog


def _parse(path: Path, data: bytes) -> Any:
    """``data`` (read from ``path``) as JSON, or the same error :func:`read_json` gives."""
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _fail(path, [], Msg("catalog.bad_json", "第{line}行不是有效的 JSON：{error}",
                                  {"line": getattr(exc, "lineno", "?"), "error": str(exc)})) from None


def default_catalog() -> Catalog:
    """The catalog in ``$YIZHAN_CATALOG_DIR`` if set, else the one shipped in ``resources/catalog``."""
    import os
    return _cached_catalog(os.environ.get("YIZHAN_CATALOG_DIR") or str(CATALOG_DIR))


def catalog_at(directory: Path | str) -> Catalog:
    """The catalog of a folder that never changes once written (the shipped one, an accepted
    master-data version), loaded once."""
    return _cached_catalog(str(directory))


@lru_cache(maxsize=8)
def _cached_catalog(directory: str) -> Catalog:
    return load_catalog(directory)
