"""P3: barcode decoding on 1280x960 photos of pages (QR with Chinese text + Code128).

Goal: median <= 20 ms with the app's reader (``read_barcodes``: default back end zxing-cpp,
restricted to QR and Code128, grey conversion, the 1.5x retry for a missed Code128).

Baseline in the same run: zxing-cpp called directly on the same BGR photos with the same
options (formats QR + Code128, no rotate / invert retries) and nothing else; the ratio says
what the app's wrapper costs on top of the library. Printed alongside: pyzbar restricted the
same way.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import bench_line, figure, median_ms  # noqa: E402
from shared.devices import testpages as tp  # noqa: E402
from shared.capture.barcode import default_backend, read_barcodes  # noqa: E402

QR = "不动产权证书：闽(2023)福州市不动产权第0012345号;unit=350102003004GB00012F00030012"


def zxing_direct(photo):
    """zxing-cpp with the app's options, nothing around it."""
    import zxingcpp

    return zxingcpp.read_barcodes(photo, formats=[zxingcpp.BarcodeFormat.QRCode, zxingcpp.BarcodeFormat.Code128],
                                  try_rotate=False, try_invert=False)


def main() -> None:
    photos = []
    for seed in range(4):
        page = tp.make_page(width=1000, qr_text=QR, code128_text="HT2023081500{}".format(seed),
                            qr_box=4)
        photos.append(tp.make_photo(page, size=(1280, 960), seed=seed, fill=0.95,
                                    rotate_deg=(-3, 2, 5, -6)[seed]).image)
    backend = default_backend()
    readers = {"app": lambda p: read_barcodes(p, backend=backend), "zxing-cpp direct": zxing_direct,
               "pyzbar": lambda p: read_barcodes(p, backend="pyzbar")}
    timings: dict[str, float] = {}
    runs: dict[str, list[float]] = {}
    for name, fn in readers.items():
        found = sum(len(fn(p)) for p in photos)

        def one_run(fn=fn):
            return statistics.median(median_ms(lambda p=p: fn(p), repeat=9) for p in photos)
        timings[name], runs[name] = figure(one_run, 20.0, label="{} ({})".format(name, backend)
                                           if name == "app" else name)
        print("{}: {:.1f} ms median over {} photos, {}/{} symbols read".format(
            name, timings[name], len(photos), found, 2 * len(photos)))
    print("app ({}) / zxing-cpp direct, same options: {:.2f}x; pyzbar / zxing-cpp direct {:.1f}x".format(
        backend, timings["app"] / timings["zxing-cpp direct"], timings["pyzbar"] / timings["zxing-cpp direct"]))
    bench_line("P3", "barcode_ms", timings["app"], "<=", 20, runs=runs["app"])


if __name__ == "__main__":
    main()
