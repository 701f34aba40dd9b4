"""P8: the interview record PDF renders in <= 300 ms and is <= 200 KB with its embedded font.

Baseline (same run): the same record's text set with reportlab's built-in STSong-Light CID
font, which is not embedded (a reader without the font shows nothing): the ratio says what
embedding the subset costs in size.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "documents"))

from bench._common import bench_line, median_ms  # noqa: E402
from docfixtures import PLACE, build_case  # noqa: E402

from shared.documents import fonts, render  # noqa: E402
from shared.domain.catalog import default_catalog  # noqa: E402
from shared.devices.idcard.fake_identities import FakeFactory  # noqa: E402


def _baseline(case) -> bytes:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("b", fontName="STSong-Light", fontSize=10, leading=14, wordWrap="CJK")
    story = []
    for record in case.interview.values():
        for a in record["answers"]:
            story.append(Paragraph("问：{} 答：{}".format(a["question"], a["answer_text"]), style))
        story += [Paragraph(record["closing"], style), Paragraph(record["commitment"], style)]
    buf = io.BytesIO()
    SimpleDocTemplate(buf).build(story)
    return buf.getvalue()


def main() -> None:
    case = build_case(FakeFactory(8))
    business = default_catalog().business(case.business_code)
    fonts.fontset()  # registering the TTC once is start-up work, not per document
    pdf = render("interview", case, business, place=PLACE)
    base = _baseline(case)
    ms = median_ms(lambda: render("interview", case, business, place=PLACE), repeat=15)
    base_ms = median_ms(lambda: _baseline(case), repeat=15)
    print("interview record: {} bytes ({:.1f} KB, goal <= 200 KB {}), font {}".format(
        len(pdf), len(pdf) / 1024, "PASS" if len(pdf) <= 200 * 1024 else "MISS", fonts.fontset().main.path))
    print("baseline STSong-Light (not embedded): {} bytes, {:.1f} ms; size ratio {:.2f}x, time ratio {:.2f}x".format(
        len(base), base_ms, len(pdf) / len(base), ms / base_ms))
    bench_line("P8", "interview_pdf_ms", ms, "<=", 300)


if __name__ == "__main__":
    main()
