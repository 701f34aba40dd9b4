"""B4: a straightened page keeps the sheet's true proportions.

Synthetic photos of standard sheets (A4 upright and sideways, the property certificate's
page, an ID card) taken by a pinhole camera at various tilts, focal lengths and positions,
rendered on a desk with cv2.warpPerspective, go through the page pipeline (outline search,
aspect estimate, warp, margin crop, deskew). The error is |delivered aspect / true aspect - 1|.
Goal: max error <= 1 %. Baseline: today's method on the same detected outline (the longer of
each pair of opposite sides), and the estimate before snapping to a standard sheet.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

from bench._common import bench_line  # noqa: E402
from shared.capture import page_geometry as geo  # noqa: E402
from shared.capture.page import process_page  # noqa: E402
from shared.devices import testpages as tp  # noqa: E402

SHEETS = {"A4": (210.0, 297.0), "A4-landscape": (297.0, 210.0),
          "property-cert": (185.0, 260.0), "id-card": (85.6, 54.0)}
SIZE = (2592, 1944)  # a 5 MP camera


def _cases(n: int = 32):
    rng = np.random.default_rng(2026)
    fixed = [(0, 15, 0), (15, 0, 0), (0, -20, 0), (0, 0, 0)]  # one or no vanishing point
    names = list(SHEETS)
    for i in range(n):
        if i < len(fixed):
            yaw, pitch, roll = fixed[i]
        else:
            yaw, pitch, roll = rng.uniform(-20, 20), rng.uniform(-20, 20), rng.uniform(-10, 10)
        yield dict(sheet=names[i % len(names)], yaw=yaw, pitch=pitch, roll=roll,
                   focal=float(rng.uniform(0.55, 0.85)), fill=float(rng.uniform(0.6, 0.85)),
                   shift=(float(rng.uniform(-0.05, 0.05)), float(rng.uniform(-0.05, 0.05))))


def _err(aspect: float, true: float) -> float:
    return abs(aspect / true - 1)


def main() -> None:
    new, raw, old = [], [], []
    for i, c in enumerate(_cases()):
        sw, sh = SHEETS[c["sheet"]]
        true = sw / sh
        corners = tp.camera_corners((sw, sh), SIZE, focal=c["focal"], yaw=c["yaw"],
                                    pitch=c["pitch"], roll=c["roll"], fill=c["fill"],
                                    shift=c["shift"])
        page = tp.make_page(width=900 if sw < sh else 1270, aspect=sh / sw)
        photo = tp.make_photo(page, size=SIZE, corners=corners, seed=i)
        result = process_page(photo.image)
        found = np.array(result.corners, np.float64)
        est = geo.estimate_aspect(found, SIZE, snap=False)
        ow, oh = geo.warp_size(found, 10 ** 6)
        new.append(_err(result.width / result.height, true))
        raw.append(_err(est.measured, true))
        old.append(_err(ow / oh, true))
        print("{:2d} {:13s} yaw {:6.1f} pitch {:6.1f} roll {:6.1f} f {:.2f}: error {:.2%} "
              "(before snap {:.2%}, {}; today {:.2%}) {}".format(
                  i, c["sheet"], c["yaw"], c["pitch"], c["roll"], c["focal"], new[-1], raw[-1],
                  est.method, old[-1], [s for s in result.steps if s.startswith("aspect")][0]))
    print("delivered page: median {:.2%} max {:.2%} over {} photos".format(
        statistics.median(new), max(new), len(new)))
    print("estimate before snapping: median {:.2%} max {:.2%}".format(
        statistics.median(raw), max(raw)))
    print("baseline (today: longer opposite sides): median {:.2%} max {:.2%}; "
          "ratio of max errors today/new {:.1f}x".format(
              statistics.median(old), max(old), max(old) / max(max(new), 1e-6)))
    bench_line("B4", "max_aspect_error_pct", 100 * max(new), "<=", 1.0)


if __name__ == "__main__":
    main()
