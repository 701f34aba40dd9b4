"""P3: barcode decoding on 1280x960 photos of pages (QR with Chinese text + Code128).

Goal: median <= 20 ms with the app's default back end (zxing-cpp, restricted to QR and
Code128). Printed alongside: pyzbar restricted the same way, and the ratio to zxing-cpp.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import bench_line, median_ms  # noqa: E402
from shared.devices import testpages as tp  # noqa: E402
from shared.capture.barcode import default_backend, read_barcodes  # noqa: E402

QR = "不动产权证书：闽(2023)福州市不动产权第0012345号;unit=350102003004GB00012F00030012"


def main() -> None:
    photos = []
    for seed in range(4):
        page = tp.make_page(width=1000, qr_text=QR, code128_text="HT2023081500{}".format(seed),
                            qr_box=4)
        photos.append(tp.make_photo(page, size=(1280, 960), seed=seed, fill=0.95,
                                    rotate_deg=(-3, 2, 5, -6)[seed]).image)
    backend = default_backend()
    timings = {}
    for name in ("zxing", "pyzbar"):
        found = sum(len(read_barcodes(p, backend=name)) for p in photos)
        per = [median_ms(lambda p=p: read_barcodes(p, backend=name), repeat=9) for p in photos]
        timings[name] = statistics.median(per)
        print("{}: {:.1f} ms median over {} photos, {}/{} symbols read".format(
            name, timings[name], len(photos), found, 2 * len(photos)))
    print("default backend: {}; ratio to zxing-cpp {:.2f}x; pyzbar/zxing-cpp {:.1f}x".format(
        backend, timings[backend] / timings["zxing"], timings["pyzbar"] / timings["zxing"]))
    bench_line("P3", "barcode_ms", timings[backend], "<=", 20)


if __name__ == "__main__":
    main()
