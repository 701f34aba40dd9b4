"""Every translatable string has its English, with the same placeholders (the .ts is complete)."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "yizhan_en.ts"
FIELDS = re.compile(r"\{[^{}]*\}")


def test_no_string_lacks_its_translation():
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "i18n_extract.py"), "--check"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout[-2000:]


def test_placeholders_survive_translation():
    bad = []
    for message in ET.parse(TS).getroot().iter("message"):
        source, target = message.findtext("source") or "", message.find("translation")
        if target is None or target.get("type") in ("unfinished", "obsolete"):
            continue
        if sorted(FIELDS.findall(source)) != sorted(FIELDS.findall(target.text or "")):
            bad.append(source)
    assert bad == []


def test_messages_render_in_english():
    from shared import i18n
    from shared.domain.identifiers import validate_resident_id
    assert i18n.translate("已保存 {id}", "en").format(id="YZ1") == "Saved YZ1"
    msg = validate_resident_id("11010519491231002Y")
    assert msg is not None and msg.render("en") != msg.render("zh") and not re.search(r"[\u4e00-\u9fff]", msg.render("en"))
