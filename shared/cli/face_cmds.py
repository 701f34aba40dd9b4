"""``yizhan face check IMAGE``: the quality report of a photo, as JSON.

Exit code 0 when the face passes every gate, 1 otherwise (so scripts can test photos).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from shared.errors import CaptureError
from shared.i18n import Msg


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``face`` command group."""
    face = subparsers.add_parser("face", help="人脸采集质量检查 / face capture quality")
    sub = face.add_subparsers(dest="face_command", metavar="ACTION")
    check = sub.add_parser("check", help="检查照片是否符合人脸采集要求 / check a face photo")
    check.add_argument("image", type=Path, help="image file (JPEG/PNG)")
    check.add_argument("--detector", choices=["auto", "blazeface", "haar"], default="auto")
    check.add_argument("--config", type=Path, default=None,
                       help="JSON file with FaceQualityConfig thresholds")
    check.set_defaults(func=_check)
    face.set_defaults(func=lambda args: (face.print_help(), 2)[1])


def _check(args: argparse.Namespace) -> int:
    import cv2
    from shared.capture.face import FaceAnalyzer
    from shared.capture.face_quality import FaceQualityConfig

    from shared.devices.page_io import check_pixels
    from shared import platform
    from shared.devices.file_source import DEFAULT_MAX_BYTES
    try:  # a regular file within the page limit (never a FIFO or a device)
        data = platform.read_regular(args.image, DEFAULT_MAX_BYTES)
    except OSError:
        data = b""  # unreadable: the message below
    frame = None
    if data:
        try:
            check_pixels(data, args.image.name)
        except CaptureError as err:
            if err.code == "file.too_many_pixels":
                raise
            data = b""  # unreadable: the message below
    if data:
        frame = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    if frame is None:
        raise CaptureError(Msg("face.unreadable", "无法读取图片 {path}，请检查文件是否为 JPEG 或 PNG",
                               {"path": str(args.image)}))
    config = None
    if args.config:
        try:  # a small JSON file (never a FIFO or a device); a bad one is a message
            raw = json.loads(platform.read_regular(args.config, 1 << 20).decode("utf-8"))
            config = FaceQualityConfig.from_dict(raw) if isinstance(raw, dict) else None
        except (OSError, ValueError, RecursionError, TypeError):
            config = None
        if config is None:
            raise CaptureError(Msg("face.config_unreadable", "无法读取人脸质量配置 {path}，请检查它是不是 JSON 对象",
                                   {"path": str(args.config)[:200]}))
    report = FaceAnalyzer(config, detector=args.detector).assess(frame)
    out = report.to_dict()
    out["image"] = str(args.image)
    print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0 if report.passed else 1
