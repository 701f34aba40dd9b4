"""P8: the interview record PDF renders in <= 300 ms and is <= 200 KB with its embedded font.

Baseline (same run): the same record's questions, answers, closing and commitment set as plain
reportlab paragraphs in the same font, embedded the same way (the app's registered TrueType
subset), with no layout of ours: no heading, table, signatures or fallback-font markup. The
time and size ratios say what the record's own layout costs over the least a PDF with that
text and that embedded font must cost.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "documents"))

from bench._common import bench_line, figure, median_ms  # noqa: E402
from docfixtures import PLACE, build_case  # noqa: E402

from shared.documents import fonts, render  # noqa: E402
from shared.domain.catalog import default_catalog  # noqa: E402
from shared.devices.idcard.fake_identities import FakeFactory  # noqa: E402


def _baseline(case) -> bytes:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    style = ParagraphStyle("b", fontName=fonts.fontset().name, fontSize=10, leading=14, wordWrap="CJK")
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
    ms, runs = figure(lambda: median_ms(lambda: render("interview", case, business, place=PLACE), repeat=15),
                      300, label="interview record (ms per render, median of 15 per run)")
    base_ms = median_ms(lambda: _baseline(case), repeat=15)
    print("interview record: {} bytes ({:.1f} KB, goal <= 200 KB {}), font {}".format(
        len(pdf), len(pdf) / 1024, "PASS" if len(pdf) <= 200 * 1024 else "MISS", fonts.fontset().main.path))
    print("baseline, same text in the same embedded font: {} bytes, {:.1f} ms; size ratio {:.2f}x, "
          "time ratio {:.2f}x".format(len(base), base_ms, len(pdf) / len(base), ms / base_ms))
    bench_line("P8", "interview_pdf_ms", ms, "<=", 300, runs=runs)


if __name__ == "__main__":
    main()
