"""Material intake: captured images into a checklist slot, with barcode values and page state.

The counter's materials tab (and any other front end) calls these from a worker thread:
:func:`intake` reads barcodes on each ORIGINAL capture, runs the page pipeline, and stores
every page of the batch encrypted in one transaction (a failure stores nothing).
:func:`slot_status` says what a slot's state is (missing, n pages, needs attention).
Qt-free; cv2 is loaded only when images are processed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from shared.domain.case import Case
from shared.domain.catalog import BusinessType, MaterialSlot
from shared.domain.validation import evaluate, validate_value
from shared.errors import CaptureError
from shared.i18n import Msg

log = logging.getLogger("yizhan.capture.intake")

# barcode_values field -> case field key (the first one the business type has).
VALUE_FIELDS = {
    "unit_number": ("property.unit_number",),
    "certificate_number": ("property.certificate_number",),
    "contract_number": ("mortgage.contract_number",),
    "proof_number": ("change.registration_certificate",),
}
# The papers each number is printed on (a value read off another page may be unrelated).
SOURCE_SLOTS = {
    "property.unit_number": ("property_certificate", "certificate", "registration_certificate", "proof"),
    "property.certificate_number": ("property_certificate", "certificate"),
    "mortgage.contract_number": ("debt_contract", "mortgage_contract", "loan_contract"),
}
ATTENTION_FLAGS = ("blank", "blurred", "dark")
PAGE_MIME = {"jpeg": "image/jpeg", "png": "image/png"}


@dataclass(frozen=True)
class ValueOffer:
    """A value read from a barcode, offered for a case field (applied only when confirmed)."""

    key: str     # case field key, e.g. property.unit_number
    label: str   # the field's label
    value: str
    current: str = ""      # the field's value when offered (applied only while it still is)
    slot: str = ""         # the slot whose page carried the barcode
    problem: Msg | None = None  # the field validator's verdict on the value (None: valid)

    @property
    def replaces(self) -> bool:
        """Whether applying it would overwrite a value already there."""
        return bool(self.current)

    @property
    def unrelated(self) -> bool:
        """Whether the page it came from is not where this field's number is printed (a unit
        number read off a contract page): shown as such, never applied in one click."""
        return bool(self.slot) and self.slot not in SOURCE_SLOTS.get(self.key, (self.slot,))


@dataclass
class IntakeResult:
    """What one capture stored: the pages (id, data, meta) and the values found on them."""

    pages: list[dict] = field(default_factory=list)
    values: list[tuple[str, str]] = field(default_factory=list)  # (barcode field, value)

    @property
    def flagged(self) -> int:
        return sum(1 for p in self.pages if set(p["meta"].get("flags", ())) & set(ATTENTION_FLAGS))


@dataclass(frozen=True)
class SlotStatus:
    """A slot's state for the checklist: ``inactive``, ``reference`` (bank profile),
    ``generated``, ``missing``, ``empty`` (optional, nothing yet), ``attention`` or ``ok``."""

    state: str
    pages: int
    problems: tuple[Msg, ...] = ()


def check_limit(slot: MaterialSlot, have: int, adding: int) -> None:
    """Refuse a capture that would take the slot over its page limit."""
    if have >= slot.max_pages:
        raise CaptureError(Msg("material.full", "材料“{name}”最多{max}页，已满。请先删除不需要的页面再采集",
                               {"name": slot.name, "max": slot.max_pages}))
    if have + adding > slot.max_pages:
        raise CaptureError(Msg("material.over_limit",
                               "材料“{name}”最多{max}页，已有{have}页，本次{n}页超出上限，未保存。"
                               "请删除多余页面或分批采集",
                               {"name": slot.name, "max": slot.max_pages, "have": have, "n": adding}))


def read_values(image) -> list[tuple[str, str]]:
    """Every classified (field, value) in the barcodes of one original capture."""
    from shared.capture.barcode import read_barcodes
    from shared.capture.barcode_values import classify_value

    found: list[tuple[str, str]] = []
    try:
        codes = read_barcodes(image)
    except CaptureError as exc:  # no barcode engine: capture still works, values are typed
        log.warning("barcode reading unavailable: %s", exc.code)
        return []
    for code in codes:
        for item in classify_value(code.text):
            if item not in found:
                found.append(item)
    return found


def process(image, source: str) -> tuple[bytes, str, dict]:
    """The page pipeline on one image: (data, mime, metadata incl. flags and source)."""
    from shared.capture.page import process_page

    page = process_page(image, detect_outline=source != "scanner")
    meta = page.metadata()
    meta["source"] = source
    return page.data, PAGE_MIME.get(page.format, "image/jpeg"), meta


def intake(store, case_id: str, slot: MaterialSlot, images: list, source: str, have: int = 0) -> IntakeResult:
    """Read, process and store ``images`` as pages of ``slot`` (blocking; from a worker)."""
    check_limit(slot, have, len(images))
    result = IntakeResult()
    processed = []
    for image in images:
        for item in read_values(image):  # on the original capture: better than on the processed page
            if item not in result.values:
                result.values.append(item)
        processed.append(process(image, source))

    def work(conn):
        return [store.blobs.add_in(conn, case_id, "page", data, mime, slot=slot.code, meta=meta)
                for data, mime, meta in processed]
    infos = store.write(work)
    result.pages = [{"id": info.id, "data": data, "meta": meta}
                    for info, (data, _, meta) in zip(infos, processed)]
    return result


def offers(values: list[tuple[str, str]], case: Case, biz: BusinessType, slot: str = "") -> list[ValueOffer]:
    """The values worth offering: for a field the business has, different from what is there,
    each with the current value, the slot it was read in and its validator's verdict."""
    keys = {f.key: f for f in biz.fields}
    out = []
    for name, value in values:
        key = next((k for k in VALUE_FIELDS.get(name, ()) if k in keys), None)
        if key is None:
            continue
        current = str(case.get(key, "") or "")
        offer = ValueOffer(key, keys[key].label, value, current, slot, value_problem(keys[key], value))
        if value != current and offer not in out:
            out.append(offer)
    return out


def value_problem(fd, value: str) -> Msg | None:
    """What is wrong with ``value`` for field ``fd`` read from a barcode: the field's validator,
    and for a certificate number the shape 省(年)市县不动产权第N号 (None: it may be applied)."""
    problem = validate_value(fd, value)
    if problem is None and fd.key == "property.certificate_number":
        from shared.capture.barcode_values import CERT_RE
        if CERT_RE.fullmatch(str(value).strip()) is None:
            problem = Msg("offer.certificate_shape", "不是不动产权证书号的格式（如 闽(2021)福州市不动产权第0001234号）")
    return problem


def check_offer(offer: ValueOffer, biz: BusinessType) -> Msg | None:
    """The verdict on an offered value (None: it may be applied)."""
    return value_problem(biz.field(offer.key), offer.value)


def slot_status(slot: MaterialSlot, case: Case, metas: dict[str, dict]) -> SlotStatus:
    """The slot's state from the case's page list and the pages' stored metadata."""
    ids = case.materials.get(slot.code, [])
    n = len(ids)
    if slot.requirement == "conditional" and not evaluate(slot.condition, case):
        return SlotStatus("inactive", n)
    if "bank_profile" in slot.sources:
        return SlotStatus("reference", n)
    problems = []
    flagged = [i + 1 for i, bid in enumerate(ids) if set(metas.get(bid, {}).get("flags", ())) & set(ATTENTION_FLAGS)]
    if flagged:
        problems.append(Msg("material.flagged", "第{pages}页可能空白、模糊或过暗，请检查后重拍",
                            {"pages": "、".join(str(p) for p in flagged)}))
    if n > slot.max_pages:
        problems.append(Msg("material.too_many", "材料“{name}”最多{n}页", {"name": slot.name, "n": slot.max_pages}))
    if problems:
        return SlotStatus("attention", n, tuple(problems))
    if n >= max(1, slot.min_pages):
        return SlotStatus("ok", n)
    if "generated" in slot.sources:
        return SlotStatus("generated", n)
    if slot.requirement == "optional":
        return SlotStatus("empty", n)
    return SlotStatus("missing", n)


_sim_video: str | None = None


def doccam_source(spec) -> int | str:
    """What :class:`~shared.devices.doccam.DocumentCamera` opens for a settings spec.

    ``"auto"``: /dev/video0 (or the first video device) when there is one, else the
    simulated camera; ``"sim"``: a video of a generated page (:mod:`doccam_sim`, synthetic,
    no personal data) written once per process; digits: that device index; anything else: a
    video file or an image-sequence pattern. Blocking (the simulated video takes ~2 s).
    """
    global _sim_video
    spec = str(spec if spec is not None else "auto").strip()
    if spec.isdigit():
        return int(spec)
    if spec == "auto":
        from shared.devices.pages import _video_devices

        devices = _video_devices()
        if devices:
            tail = devices[0].replace("/dev/video", "")
            return int(tail) if tail.isdigit() else devices[0]
        spec = "sim"
    if spec == "sim":
        if _sim_video is None:
            import os
            import tempfile

            from shared.devices.doccam_sim import write_video

            path = os.path.join(tempfile.mkdtemp(prefix="yizhan-doccam-sim-"), "doccam_sim.avi")
            write_video(path)
            _sim_video = path
        return _sim_video
    return spec


def scan(device: str, source: str, max_pages: int) -> list:
    """Scan up to ``max_pages`` pages from a SANE ``device`` (``flatbed`` or ``adf``). Blocking."""
    from shared.devices.sane_source import SaneSource

    with SaneSource(device, source=source) as scanner:
        return list(scanner.acquire(max_pages=max_pages))


def load_files(paths: list) -> list:
    """Every page of the files (type by content, size limit). Blocking."""
    from shared.devices.file_source import FileSource

    with FileSource(paths) as src:
        return list(src.acquire())
