"""P2: a 5 MP camera photo of a page (JPEG bytes) to the final archived page.

Goal: median <= 200 ms and output <= 150 KB. Baseline: the JPEG decode alone, measured in
the same run. Similarity: SSIM (skimage, on a 600 px wide grey copy) of the delivered page
against the same page before lossy encoding.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from bench._common import bench_line, median_ms  # noqa: E402
from shared.devices import testpages as tp  # noqa: E402
from shared.capture.page import decode_image_bytes, process_page  # noqa: E402


def _ssim(page) -> float:
    from skimage.metrics import structural_similarity

    ref = page.image if page.image.ndim == 2 else cv2.cvtColor(page.image, cv2.COLOR_BGR2GRAY)
    out = cv2.cvtColor(page.decode(), cv2.COLOR_BGR2GRAY)
    size = (600, int(600 * ref.shape[0] / ref.shape[1]))
    return float(structural_similarity(cv2.resize(ref, size, interpolation=cv2.INTER_AREA),
                                       cv2.resize(out, size, interpolation=cv2.INTER_AREA)))


def main() -> None:
    page = tp.make_page(width=1654, qr_text="unit=350102003004GB00012F00030012;"
                        "contract=HT20230815001", code128_text="HT20230815001")
    photo = tp.make_photo(page, size=(2592, 1944), seed=7)
    jpeg = tp.encode_jpeg(photo.image, 92)  # what a 5 MP document camera delivers
    print("input: 2592x1944 JPEG, {:.0f} KB".format(len(jpeg) / 1024))

    decode_ms = median_ms(lambda: decode_image_bytes(jpeg), repeat=15)
    page_ms = median_ms(lambda: process_page(decode_image_bytes(jpeg)), repeat=15)
    result = process_page(decode_image_bytes(jpeg), keep_image=True)
    err = float(np.hypot(*(np.array(result.corners) - photo.corners).T).max())
    print("baseline JPEG decode alone: {:.1f} ms".format(decode_ms))
    print("decode + page pipeline: {:.1f} ms (ratio to decode {:.2f}x)".format(
        page_ms, page_ms / decode_ms))
    print("page: {}x{} mode={} q={} corner error {:.1f} px, steps: {}".format(
        result.width, result.height, result.mode, result.quality, err, " ".join(result.steps)))
    kb = result.size_bytes / 1024
    print("output: {:.1f} KB (goal <=150) {}; similarity SSIM {:.3f} to the lossless page".format(
        kb, "PASS" if kb <= 150 else "MISS", _ssim(result)))
    bench_line("P2", "page_ms", page_ms, "<=", 200)


if __name__ == "__main__":
    main()
