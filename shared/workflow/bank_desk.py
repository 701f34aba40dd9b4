"""A bank's own desk: new and imported cases get the bank as their mortgagee (Qt-free).

Which bank a counter belongs to is master data: the server's bank profiles list each bank's
``service_points``, and the logged-in operator's service point (from the operator list) picks
the profile (:func:`desk_profile`). Every new case of a business with a mortgagee made there
gets the bank filled and locked (:func:`shared.domain.bank_profile.apply_profile`); an import
too, unless it names another bank, which is refused. The counter, the CLI and the bank's
endpoint call these, so the rule is the same on every path.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from shared.domain.bank_profile import BankProfile, apply_profile, for_service_point
from shared.domain.case import Case
from shared.domain.catalog import Catalog
from shared.domain.identifiers import normalize
from shared.domain.operators import OperatorSession, operator_label
from shared.errors import ValidationError, os_error_msg
from shared.i18n import Msg


def desk_profile(store, actor: Any) -> BankProfile | None:
    """The bank whose desk the logged-in operator works at (None: not a bank's desk, or no
    master data yet). Blocking: reads the store."""
    if not isinstance(actor, OperatorSession) or not actor.service_point:
        return None
    from shared.masterdata import current_bank_profiles
    return for_service_point(current_bank_profiles(store), actor.service_point)


def takes_mortgagee(catalog: Catalog, business_code: str) -> bool:
    """Whether the business has a mortgagee (the bank) among its roles."""
    return any(r.role == "mortgagee" for r in catalog.business(business_code).roles)


def make_case(catalog: Catalog, business_code: str, actor: Any, profile: BankProfile | None, *,
              channel: str = "counter") -> Case:
    """A new (unsaved) case of ``business_code``; with ``profile`` (the desk's bank, as
    :func:`desk_profile` found it) the bank filled in and locked."""
    case = Case(business_code, catalog_version=catalog.version, channel=channel, operator=operator_label(actor))
    if profile is not None and takes_mortgagee(catalog, business_code):
        apply_profile(case, profile, operator_label(actor))
    return case


def new_case(store, catalog: Catalog, business_code: str, actor: Any, *, channel: str = "counter") -> Case:
    """A new (unsaved) case of ``business_code``; at a bank's desk with the bank filled in.
    Blocking: reads the master data."""
    profile = desk_profile(store, actor) if takes_mortgagee(catalog, business_code) else None
    return make_case(catalog, business_code, actor, profile, channel=channel)


def bank_import(store, catalog: Catalog, case: Case, actor: Any) -> Case:
    """An imported case at a bank's desk: the bank is this desk's, filled and locked (an import
    naming another bank as mortgagee is refused: it belongs to another desk)."""
    if not takes_mortgagee(catalog, case.business_code):
        return case
    profile = desk_profile(store, actor)
    if profile is None:
        return case
    named = [normalize(p.id_number) for p in case.parties if p.role == "mortgagee" and p.id_number]
    if any(code != profile.credit_code for code in named):
        raise ValidationError(Msg("import.other_bank", "导入数据的抵押权人不是本网点所属银行（{bank}），未导入",
                                  {"bank": profile.name}),
                              {"$.parties": Msg("import.other_bank_party", "抵押权人应为本行")})
    apply_profile(case, profile, operator_label(actor))
    return case


# -- importing the loan system's data at the counter ----------------------------------------
IMAGE_MIMES = ("image/jpeg", "image/png", "image/tiff")


def payload_of_file(path: Path | str) -> tuple[bytes, Path | None]:
    """What a file the officer opened or dropped holds for an import: an import JSON (its
    folder holds its material files), a text file with the compact payload, or a photo or
    scan of the loan approval sheet whose QR code holds it. Bounded before it is read; a
    :class:`ValidationError` says what is wrong."""
    import errno

    from shared.domain.importer import LIMITS, MAX_FILE_BYTES, sniff_mime
    from shared.platform import read_regular
    path = Path(path)
    try:
        data = read_regular(path, MAX_FILE_BYTES)
    except OSError as exc:
        if exc.errno == errno.EFBIG:
            raise ValidationError(Msg("import.too_big", "文件 {name} 超过 {mb} MB",
                                      {"name": path.name[:80], "mb": MAX_FILE_BYTES // 2 ** 20})) from None
        raise ValidationError(Msg("import.open", "无法读取导入文件 {path}：{err}",
                                  {"path": path.name[:80], "err": os_error_msg(exc)})) from None
    if sniff_mime(data) in IMAGE_MIMES:
        return qr_payload(data), None
    if len(data) > LIMITS["import_bytes"]:
        raise ValidationError(Msg("import.too_large", "导入文件过大（{kb} KB，最多 {max} KB）",
                                  {"kb": len(data) >> 10, "max": LIMITS["import_bytes"] >> 10}))
    return data, path.parent


def qr_payload(image: bytes) -> bytes:
    """The compact import payload in the QR code of a photo or scan of the loan approval sheet."""
    import cv2
    import numpy as np

    from shared.capture.barcode import read_barcodes
    from shared.domain.importer import is_compact
    from shared.security.image_limits import ImageRefused, check_image
    try:
        check_image(image)
    except ImageRefused:
        raise ValidationError(Msg("import.sheet_image", "无法读取贷款审批单的图片")) from None
    bgr = cv2.imdecode(np.frombuffer(image, np.uint8), cv2.IMREAD_COLOR)
    if bgr is None:
        raise ValidationError(Msg("import.sheet_image", "无法读取贷款审批单的图片"))
    for code in read_barcodes(bgr, ("QRCODE",)):
        if is_compact(code.text.strip()):
            return code.text.strip().encode("ascii", "replace")
    raise ValidationError(Msg("import.no_qr", "图片中没有找到贷款审批单的二维码"))


def import_loan(store, catalog: Catalog, data: bytes, base_dir: Path | None, actor: Any) -> tuple[Case, bool]:
    """Import the loan system's data (a file's bytes, or a scanned QR code's text) as a draft:
    checked by the importer, the bank filled in at a bank's desk, stored in one transaction.
    The same loan imported again gives the draft made the first time. Returns (the case,
    whether it existed). Blocking. The operator must be allowed to edit cases."""
    from shared.domain.importer import parse_import_bytes
    from shared.domain.operators import Permission
    from shared.store.operators import require
    require(store, actor, Permission.EDIT_CASES, "import")
    return save_loan(store, catalog, parse_import_bytes(data, base_dir, catalog), actor)


def save_loan(store, catalog: Catalog, result, actor: Any) -> tuple[Case, bool]:
    """Store a checked import (:class:`~shared.domain.importer.ImportResult`) as
    :func:`import_loan` does (the CLI checks the file before it opens the store)."""
    from shared.domain.importer import save_import
    from shared.domain.operators import Permission
    from shared.store.operators import require
    require(store, actor, Permission.EDIT_CASES, "import")
    bank_import(store, catalog, result.case, actor)
    result.case.operator = operator_label(actor)
    case = save_import(store, result)
    return case, result.existing
