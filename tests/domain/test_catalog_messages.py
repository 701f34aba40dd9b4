"""A broken catalog or interview template says so in the reader's language."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from shared.domain.catalog import default_catalog, load_catalog
from shared.domain.interview import load_template
from shared.errors import CatalogError

HAN = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture
def catalog_copy(tmp_path):
    target = tmp_path / "catalog"
    shutil.copytree(default_catalog().directory, target)
    return target


def _error(load, *args) -> CatalogError:
    with pytest.raises(CatalogError) as err:
        load(*args)
    return err.value


def test_missing_business_file_in_english(catalog_copy):
    (catalog_copy / "businesses" / "refinance.json").unlink()
    err = _error(load_catalog, catalog_copy)
    assert err.msg.render("zh").endswith("(根)：文件不存在")
    english = err.msg.render("en")
    assert english.endswith("(root): the file does not exist") and not HAN.search(english)


def test_duplicate_material_codes_in_english(catalog_copy):
    path = catalog_copy / "businesses" / "mortgage_cancel.json"
    raw = json.loads(path.read_text("utf-8"))
    raw["materials"].append(dict(raw["materials"][0]))
    path.write_text(json.dumps(raw, ensure_ascii=False), "utf-8")
    err = _error(load_catalog, catalog_copy)
    assert "mortgage_cancel.json" in err.msg.render("en")
    assert err.msg.render("en").endswith("materials: duplicate material codes")


def test_bad_json_names_the_line_in_either_language(catalog_copy):
    (catalog_copy / "businesses" / "refinance.json").write_text('{\n"code": ', "utf-8")
    err = _error(load_catalog, catalog_copy)
    assert "第2行不是有效的 JSON" in err.msg.render("zh")
    assert "line 2 is not valid JSON" in err.msg.render("en")


def test_interview_template_errors_in_english(tmp_path):
    err = _error(load_template, "Bad-Name", tmp_path)
    english = err.msg.render("en")
    assert "at (root): invalid template name." in english and not HAN.search(english)
