"""P2: pages on a small CPU. (1) A 5 MP camera photo of a page (JPEG bytes) to the final
archived page, on one core: median <= 200 ms (and output <= 150 KB). (2) A 600 dpi A4 colour
scan, as the scanner driver hands it over (a PIL image of 4960 x 7016), to the stored page:
<= 400 ms on one core and <= 80 MB of memory beyond the delivered scan.

Each figure runs in its own process pinned to one core with ``sched_setaffinity`` (what
``taskset -c 0`` does). The scan is timed through what the materials tab runs per scanned page:
the driver's image to an array (``sane_source.scan_to_bgr``), the barcode values read on that
capture, the page pipeline for a scanner (no outline search). Its memory is the process's peak
resident size (VmHWM, reset before) during that work minus its size with the scan delivered.
Baselines in the same runs: the photo's JPEG decode alone; for the scan, converting the full
scan to an array (what any use of the scan costs before doing anything). Similarity: SSIM
(skimage, on a 600 px wide grey copy) of the delivered photo page against the page before
lossy encoding.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from bench._common import bench_line, figure, median_ms  # noqa: E402
from shared.devices import testpages as tp  # noqa: E402
from shared.capture.page import decode_image_bytes, process_page  # noqa: E402

QR = "unit=350102003004GB00012F00030012;contract=HT20230815001"


def _ssim(page) -> float:
    from skimage.metrics import structural_similarity

    ref = page.image if page.image.ndim == 2 else cv2.cvtColor(page.image, cv2.COLOR_BGR2GRAY)
    out = cv2.cvtColor(page.decode(), cv2.COLOR_BGR2GRAY)
    size = (600, int(600 * ref.shape[0] / ref.shape[1]))
    return float(structural_similarity(cv2.resize(ref, size, interpolation=cv2.INTER_AREA),
                                       cv2.resize(out, size, interpolation=cv2.INTER_AREA)))


def photo_child() -> None:
    page = tp.make_page(width=1654, qr_text=QR, code128_text="HT20230815001")
    photo = tp.make_photo(page, size=(2592, 1944), seed=7)
    jpeg = tp.encode_jpeg(photo.image, 92)  # what a 5 MP document camera delivers
    decode_ms = median_ms(lambda: decode_image_bytes(jpeg), repeat=9)
    page_ms = median_ms(lambda: process_page(decode_image_bytes(jpeg)), repeat=9)
    result = process_page(decode_image_bytes(jpeg), keep_image=True)
    err = float(np.hypot(*(np.array(result.corners) - photo.corners).T).max())
    print("  photo 2592x1944 JPEG {:.0f} KB -> page {}x{} mode={} q={} {:.1f} KB (goal <=150 KB), corner "
          "error {:.1f} px, SSIM {:.3f}; decode alone {:.1f} ms".format(
              len(jpeg) / 1024, result.width, result.height, result.mode, result.quality,
              result.size_bytes / 1024, err, _ssim(result), decode_ms), flush=True)
    print("RESULT {:.3f} {:.3f}".format(page_ms, decode_ms))


def scan_child() -> None:
    from PIL import Image

    from shared.capture.intake import process, read_values
    from shared.devices.sane_source import SCAN_MAX_SIDE, scan_to_bgr

    side = int(os.environ.get("P2_SCAN_MAX_SIDE", SCAN_MAX_SIDE))  # 99999: the full-size path of before

    page = tp.make_page(width=4960, qr_text=QR, code128_text="HT20230815001")  # A4 at 600 dpi
    scan = Image.fromarray(cv2.cvtColor(page.image, cv2.COLOR_BGR2RGB))
    del page
    import gc
    gc.collect()

    def rss_mb() -> float:
        with open("/proc/self/status") as f:
            return next(int(line.split()[1]) / 1024 for line in f if line.startswith("VmRSS:"))

    def peak_mb() -> float:
        with open("/proc/self/status") as f:
            return next(int(line.split()[1]) / 1024 for line in f if line.startswith("VmHWM:"))

    def reset_peak() -> None:  # the peak so far (drawing the test page) is not the scan's
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")

    found = []

    def one() -> None:
        image = scan_to_bgr(scan, side)
        found[:] = read_values(image)
        data, _mime, meta = process(image, "scanner")
        found.append(("page", "{}x{} {} KB".format(meta["width"], meta["height"], len(data) // 1024)))
    # memory first, in a fresh process: the peak above the delivered scan
    reset_peak()
    base = rss_mb()
    one()
    extra = peak_mb() - base
    ms = median_ms(one, repeat=5, warmup=0)
    full = median_ms(lambda: cv2.cvtColor(np.asarray(scan), cv2.COLOR_RGB2BGR), repeat=5, warmup=1)
    print("  scan {}x{} ({:.0f} MB as RGB): values and page {}; full-size conversion alone {:.1f} ms".format(
        scan.size[0], scan.size[1], scan.size[0] * scan.size[1] * 3 / 2**20, found, full), flush=True)
    print("RESULT {:.3f} {:.3f} {:.3f}".format(ms, full, extra))


def measure(kind: str, extra: list) -> float:
    cpu = min(os.sched_getaffinity(0))
    out = subprocess.run([sys.executable, os.path.abspath(__file__), "--child", kind, str(cpu)],
                         capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        if line.startswith("RESULT"):
            values = [float(v) for v in line.split()[1:]]
            extra.append(values[1:])
            return values[0]
        print(line)
    raise RuntimeError("no result from the pinned {} run:\n{}".format(kind, out))


def main() -> None:
    import statistics

    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        os.sched_setaffinity(0, {int(sys.argv[3])})
        {"photo": photo_child, "scan": scan_child}[sys.argv[2]]()
        return
    photo_extra: list = []
    photo_ms, photo_runs = figure(lambda: measure("photo", photo_extra), 200.0, runs=3,
                                  label="5 MP photo -> page, one core (ms)")
    decode = statistics.median(e[0] for e in photo_extra)
    print("baseline JPEG decode alone, one core: {:.1f} ms; ratio {:.2f}x".format(decode, photo_ms / decode))
    scan_extra: list = []
    scan_ms, scan_runs = figure(lambda: measure("scan", scan_extra), 400.0, runs=3,
                                label="600 dpi A4 scan -> stored page, one core (ms)")
    full = statistics.median(e[0] for e in scan_extra)
    mem_runs = [e[1] for e in scan_extra]
    print("baseline full-size scan to array alone, one core: {:.1f} ms; ratio {:.2f}x".format(full, scan_ms / full))
    print("peak memory beyond the delivered scan: {} MB".format(" ".join("{:.1f}".format(m) for m in mem_runs)))
    bench_line("P2", "page_one_core_ms", photo_ms, "<=", 200, runs=photo_runs)
    bench_line("P2", "scan_600dpi_one_core_ms", scan_ms, "<=", 400, runs=scan_runs)
    bench_line("P2", "scan_600dpi_extra_mb", statistics.median(mem_runs), "<=", 80, runs=mem_runs)


if __name__ == "__main__":
    main()
