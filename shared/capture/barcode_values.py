"""What a barcode's text is: unit number, certificate number, proof number, contract number.

Registries print different payloads: the bare number, a sentence holding it, or key=value
pairs (``unit=...;contract=...``) or JSON. :func:`classify_value` returns every value it
recognises with the case field it belongs to, so the UI can offer each for its field.
"""

from __future__ import annotations

import json
import re

UNIT_NUMBER = "unit_number"
CERTIFICATE_NUMBER = "certificate_number"   # 不动产权证书号
PROOF_NUMBER = "proof_number"               # 不动产登记证明号
CONTRACT_NUMBER = "contract_number"

UNIT_RE = re.compile(r"^\d{12}[GJZ][ABSXCDEFLNHGWY]\d{5}[FLQW]\d{8}$")
_UNIT_SEARCH = re.compile(r"(?<![0-9A-Z])(\d{12}[GJZ][ABSXCDEFLNHGWY]\d{5}[FLQW]\d{8})(?![0-9A-Z])")
_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_CERT_TMPL = (r"([{p}])\s*[(（〔\[]\s*(\d{{4}})\s*[)）〕\]]\s*([\u4e00-\u9fa5]{{1,20}}?)\s*"
              r"{kind}\s*第\s*(\d{{1,12}})\s*号")
CERT_RE = re.compile(_CERT_TMPL.format(p=_PROVINCES, kind="不动产权"))
PROOF_RE = re.compile(_CERT_TMPL.format(p=_PROVINCES, kind="不动产证明"))
DEFAULT_CONTRACT_PREFIXES = ("HT",)

# Keys seen in registry and bank QR payloads (English and pinyin initials).
_KEYS = {
    UNIT_NUMBER: ("unit", "unit_number", "unitno", "bdcdyh", "dyh"),
    CERTIFICATE_NUMBER: ("cert", "certificate", "certificate_number", "bdcqzh", "cqzh", "zsh"),
    PROOF_NUMBER: ("proof", "proof_number", "bdcdjzmh", "zmh", "djzmh"),
    CONTRACT_NUMBER: ("contract", "contract_number", "contractno", "htbh", "dyhth"),
}
_KEY_TO_FIELD = {k: f for f, keys in _KEYS.items() for k in keys}
_PAIR_SPLIT = re.compile(r"[;&|\n\r]+")


def _contract_re(prefixes) -> re.Pattern:
    alts = "|".join(re.escape(p) for p in prefixes)
    return re.compile(r"(?<![0-9A-Za-z])((?:{})[-_]?\d{{6,24}})(?![0-9A-Za-z])".format(alts))


def _canon(value: str) -> str:
    return re.sub(r"\s+", "", value)


def _pairs(text: str) -> list[tuple[str, str]]:
    """key=value pairs from a JSON object or a ``k=v;k=v`` / ``k:v`` payload."""
    text = text.strip()
    if text.startswith("{"):
        try:
            obj = json.loads(text)
        except ValueError:
            obj = None
        if isinstance(obj, dict):
            return [(str(k), str(v)) for k, v in obj.items() if isinstance(v, (str, int))]
    out = []
    for part in _PAIR_SPLIT.split(text):
        m = re.match(r"\s*([A-Za-z_]+)\s*[=:：]\s*(.+?)\s*$", part)
        if m:
            out.append((m.group(1), m.group(2)))
    return out


def _scan(text: str, contract_re: re.Pattern) -> list[tuple[str, str]]:
    """Values recognised by their shape anywhere in free text."""
    found = [(UNIT_NUMBER, m.group(1)) for m in _UNIT_SEARCH.finditer(text)]
    found += [(CERTIFICATE_NUMBER, _canon(m.group(0))) for m in CERT_RE.finditer(text)]
    found += [(PROOF_NUMBER, _canon(m.group(0))) for m in PROOF_RE.finditer(text)]
    found += [(CONTRACT_NUMBER, m.group(1)) for m in contract_re.finditer(text)]
    return found


def classify_value(text: str, contract_prefixes=DEFAULT_CONTRACT_PREFIXES
                   ) -> list[tuple[str, str]]:
    """Every (field, value) recognised in a barcode's ``text``, in order, without repeats.

    Fields: ``unit_number`` (28-character GB/T 37346 code), ``certificate_number``
    (…不动产权第N号), ``proof_number`` (…不动产证明第N号), ``contract_number`` (one of
    ``contract_prefixes`` + digits, or any value under a contract key in a key=value payload).
    """
    contract_re = _contract_re(contract_prefixes)
    found: list[tuple[str, str]] = []
    for key, value in _pairs(text):
        field = _KEY_TO_FIELD.get(key.lower())
        if field is None:
            continue
        value = _canon(value)
        # A keyed value must still have its field's shape, except contract numbers whose
        # format is each bank's own.
        shaped = [v for f, v in _scan(value, contract_re) if f == field]
        if shaped:
            found.append((field, shaped[0]))
        elif field == CONTRACT_NUMBER and value:
            found.append((field, value))
    found += _scan(text, contract_re)
    seen, out = set(), []
    for item in found:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out


def is_unit_number(value: str) -> bool:
    """True when ``value`` has the shape of a real-estate unit number."""
    return bool(UNIT_RE.match(value))
