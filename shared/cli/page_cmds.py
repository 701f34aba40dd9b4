"""``yizhan page process`` and ``yizhan barcode read``: the page pipeline from a shell.

Both use exactly the code the app uses. ``page process`` writes the processed page to OUT
(the operator chose that path; the app itself keeps pages only in the encrypted store).
"""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers) -> None:
    """Add the ``page`` and ``barcode`` commands."""
    page = subparsers.add_parser("page", help="文档页面处理 / document pages")
    page_sub = page.add_subparsers(dest="page_command", metavar="ACTION")
    proc = page_sub.add_parser("process", help="校正、增强并压缩一页材料 / process one page")
    proc.add_argument("input", type=Path, help="照片或扫描件（JPEG、PNG、TIFF、PDF 第一页）")
    proc.add_argument("output", type=Path, help="输出文件（.jpg，黑白页可能为 .png）")
    proc.add_argument("--mode", choices=["auto", "text", "colour"], default="auto")
    proc.add_argument("--target-kb", type=int, default=150)
    proc.add_argument("--no-outline", action="store_true", help="不找页面边框（平板扫描件）")
    proc.set_defaults(func=cmd_page_process)
    page.set_defaults(func=lambda args: (page.print_help(), 2)[1])

    bc = subparsers.add_parser("barcode", help="条码识别 / barcodes")
    bc_sub = bc.add_subparsers(dest="barcode_command", metavar="ACTION")
    read = bc_sub.add_parser("read", help="识别图片中的二维码和条码 / read barcodes")
    read.add_argument("image", type=Path)
    read.add_argument("--backend", choices=["zxing", "pyzbar"], default=None,
                      help="识别引擎（默认 zxing，未安装时用 pyzbar）")
    read.add_argument("--classify", action="store_true", help="同时列出识别出的字段")
    read.set_defaults(func=cmd_barcode_read)
    bc.set_defaults(func=lambda args: (bc.print_help(), 2)[1])


def _first_page(path: Path):
    from shared.devices.file_source import FileSource

    with FileSource([path]) as src:
        for image in src.acquire():
            return image
    raise AssertionError("a file source yields at least one page or raises")


def _write_output(out: Path, data: bytes, atomic_write) -> None:
    """The processed page to OUT: a regular file (or a new one), written atomically; a clear
    message otherwise (a FIFO, a device or a folder is never replaced)."""
    from shared.errors import CaptureError, file_error_msg
    from shared.i18n import Msg
    try:
        atomic_write(out, data, mode=0o600)
    except OSError as exc:
        raise CaptureError(Msg("page.out_write", "无法写入输出文件 {path}：{err}",
                               {"path": str(out)[:200], "err": file_error_msg(exc)})) from None


def cmd_page_process(args: argparse.Namespace) -> int:
    """Process one page and print what was done."""
    from shared.capture.page import process_page
    from shared.config import atomic_write

    image = _first_page(args.input)
    page = process_page(image, mode=args.mode, target_kb=args.target_kb,
                        detect_outline=not args.no_outline)
    out = args.output
    if page.format == "png" and out.suffix.lower() in (".jpg", ".jpeg"):
        out = out.with_suffix(".png")
    _write_output(out, page.data, atomic_write)
    corners = " ".join("({:.0f},{:.0f})".format(x, y) for x, y in page.corners) \
        if page.corners else "未找到（整幅处理）"
    print("输入: {}x{}".format(image.shape[1], image.shape[0]))
    print("页面角点: {}".format(corners))
    print("纠斜角度: {:.2f}°".format(page.deskew_angle))
    print("模式: {}".format(page.mode))
    print("标记: {}".format(",".join(page.flags) or "无"))
    print("清晰度: {:.0f}".format(page.sharpness))
    print("步骤: {}".format(" ".join(page.steps)))
    print("输出: {} {}x{} {} {:.1f} KB".format(out, page.width, page.height, page.format,
                                               page.size_bytes / 1024))
    return 0


def cmd_barcode_read(args: argparse.Namespace) -> int:
    """Print each symbol as ``TYPE<tab>text``; exit 1 when none is found."""
    from shared.capture.barcode import classify_value, read_barcodes

    image = _first_page(args.image)
    codes = read_barcodes(image, backend=args.backend)
    for code in codes:
        print("{}\t{}".format(code.type, code.text))
        if args.classify:
            for field, value in classify_value(code.text):
                print("  {}\t{}".format(field, value))
    if not codes:
        print("未识别到条码")
        return 1
    return 0
