"""Master data in use: pulled documents are validated, then used; broken ones are refused."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from shared import masterdata
from shared.domain.catalog import CATALOG_DIR, default_catalog
from shared.errors import CatalogError

SHIPPED_VERSION = default_catalog().version
NEW = "2026.12.1"


def catalog_content(version: str = NEW) -> dict:
    """The shipped catalog as the server sends it, with a new version, a renamed business and a changed template."""
    files = {p.relative_to(CATALOG_DIR).as_posix(): json.loads(p.read_text("utf-8"))
             for p in sorted(CATALOG_DIR.rglob("*.json"))}
    files["index.json"]["catalog_version"] = version
    files["businesses/refinance.json"]["name"] = "转贷（新版目录）"
    files["interview/mortgage_first.json"]["title"] = "抵押权首次登记询问笔录（新版）"
    files["interview/mortgage_first.json"]["version"] = version
    return {"files": files}


def files_under(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")}


def test_nothing_pulled_gives_the_shipped_master_data(tmp_path):
    assert masterdata.current_catalog(tmp_path).version == SHIPPED_VERSION
    assert masterdata.current_catalog(tmp_path).directory == CATALOG_DIR
    assert masterdata.current_regions(tmp_path)["350102"] == "福州市鼓楼区"
    assert masterdata.current_bank_profiles() == {}  # bank profiles ship with no client: the server's only
    assert {v.kind: v.source for v in masterdata.versions(tmp_path)} == {
        **dict.fromkeys(("catalog", "interview", "regions"), masterdata.SHIPPED), "banks": masterdata.SERVER}
    assert {v.kind: v.version for v in masterdata.versions(tmp_path)}["banks"] == "—"


def test_a_pulled_valid_catalog_is_used_by_the_next_case(tmp_path):
    from shared.domain.interview import template_for_business
    masterdata.accept(tmp_path, "catalog", NEW, catalog_content())
    catalog = masterdata.current_catalog(tmp_path)
    assert catalog.version == NEW
    assert catalog.business("refinance").name == "转贷（新版目录）"
    # the business's template comes from the same (pulled) catalog
    template = template_for_business(catalog.business("mortgage_first_general"))
    assert template.title == "抵押权首次登记询问笔录（新版）"
    assert masterdata.current_template("mortgage_first", tmp_path).title == "抵押权首次登记询问笔录（新版）"
    # the shipped catalog and its templates are untouched; another data dir still gets them
    assert masterdata.current_catalog(tmp_path / "other").version == SHIPPED_VERSION
    assert template_for_business(default_catalog().business("mortgage_first_general")).title != template.title
    used = {v.kind: v for v in masterdata.versions(tmp_path)}
    assert (used["catalog"].version, used["catalog"].source) == (NEW, masterdata.SERVER)
    assert used["interview"].source == masterdata.SERVER and NEW in used["interview"].version
    assert used["regions"].source == masterdata.SHIPPED
    assert used["catalog"].text().render() == NEW + "（来源：服务器）"


def test_a_newer_version_replaces_the_older_and_old_folders_are_pruned(tmp_path):
    first = masterdata.accept(tmp_path, "catalog", NEW, catalog_content())
    second = masterdata.accept(tmp_path, "catalog", "2026.12.2", catalog_content("2026.12.2"))
    third = masterdata.accept(tmp_path, "catalog", "2026.12.3", catalog_content("2026.12.3"))
    assert masterdata.current_catalog(tmp_path).version == "2026.12.3"
    kind_dir = masterdata.master_root(tmp_path) / "catalog"
    # the current and the previous one (a screen may still read it) stay
    assert sorted(p.name for p in kind_dir.iterdir() if p.is_dir()) == sorted([second.directory.name, third.directory.name])
    assert not first.directory.exists()


def _schema_error(files):
    files["businesses/refinance.json"]["kind"] = "no_such_kind"


def _missing_business(files):
    del files["businesses/refinance.json"]


def _bad_json(files):  # a file the server passed on as text that is not JSON
    files["businesses/refinance.json"] = '{"code": "refinance", '


def _broken_template(files):
    files["interview/mortgage_first.json"]["questions"][0]["type"] = "essay"


def _missing_template(files):
    del files["interview/mortgage_first.json"]


def _version_mismatch(files):
    files["index.json"]["catalog_version"] = "2027.1.1"


def _business_code_path(files):
    files["index.json"]["businesses"].append("../interview/mortgage_first")


@pytest.mark.parametrize("breaker", [_schema_error, _missing_business, _bad_json, _broken_template,
                                     _missing_template, _version_mismatch, _business_code_path])
def test_a_broken_catalog_is_refused_and_the_previous_kept(tmp_path, breaker):
    masterdata.accept(tmp_path, "catalog", NEW, catalog_content())
    kind_dir = masterdata.master_root(tmp_path) / "catalog"
    before = files_under(kind_dir)
    content = catalog_content("2026.12.9")
    breaker(content["files"])
    with pytest.raises(CatalogError):
        masterdata.accept(tmp_path, "catalog", "2026.12.9", content)
    assert masterdata.current_catalog(tmp_path).version == NEW
    assert files_under(kind_dir) == before  # nothing half-written is left behind


def test_a_broken_first_catalog_leaves_the_shipped_one_in_use(tmp_path):
    content = catalog_content()
    _missing_business(content["files"])
    with pytest.raises(CatalogError):
        masterdata.accept(tmp_path, "catalog", NEW, content)
    assert masterdata.pulled(tmp_path, "catalog") is None
    assert masterdata.current_catalog(tmp_path).version == SHIPPED_VERSION


@pytest.mark.parametrize("name", ["../../settings", "catalog/../x", "/etc/passwd", "Catalog", "catalog.json",
                                  "outcome_reasons", "", None])
def test_a_document_name_never_becomes_a_path(tmp_path, name):
    data = tmp_path / "data"
    data.mkdir()
    with pytest.raises(CatalogError) as err:
        masterdata.accept(data, name, NEW, {"regions": {"350102": "福州市鼓楼区"}})
    assert err.value.code == "masterdata.bad_name"
    assert files_under(tmp_path) == {"data"}


@pytest.mark.parametrize("rel", ["../../settings.json", "businesses/../../../x.json", "/tmp/x.json",
                                 "interview/a/b.json", "businesses/Refinance.json", "catalog/../x.json",
                                 "index.json/../../x.json", "businesses\\..\\x.json"])
def test_a_catalog_file_name_outside_the_layout_is_refused(tmp_path, rel):
    data = tmp_path / "data"
    data.mkdir()
    content = catalog_content()
    content["files"][rel] = {"code": "x"}
    with pytest.raises(CatalogError) as err:
        masterdata.accept(data, "catalog", NEW, content)
    assert err.value.code == "masterdata.bad_file"
    assert files_under(tmp_path) == {"data"}


def _plant_link(link, target) -> bool:
    """A link to ``target`` at ``link``; False where the OS made none (Wine's symlink call
    reports success and creates nothing, so there is nothing to refuse there)."""
    import os
    link.symlink_to(target)
    return os.path.lexists(link)


def test_files_are_written_only_inside_their_folder(tmp_path):
    root = tmp_path / "incoming"
    root.mkdir()
    with pytest.raises(CatalogError):
        masterdata._write_inside(root, "../escape.json", b"{}")
    if _plant_link(root / "businesses", tmp_path):  # a link planted in the folder is not followed out
        with pytest.raises(CatalogError):
            masterdata._write_inside(root, "businesses/escape.json", b"{}")
        assert not (tmp_path / "escape.json").exists()
    masterdata._write_inside(root, "interview/ok.json", b"{}")
    assert (root / "interview" / "ok.json").read_bytes() == b"{}"


def test_a_planted_link_is_refused_even_where_resolve_does_not_follow_it(tmp_path, monkeypatch):
    """What Windows' Python under Wine did: ``resolve`` kept the link's own path, so the
    containment check alone passed; the folder walk refuses the link itself."""
    import os
    from pathlib import Path
    root = tmp_path / "incoming"
    root.mkdir()
    if not _plant_link(root / "businesses", tmp_path):
        pytest.skip("this OS made no link (Wine reports success and creates nothing)")
    monkeypatch.setattr(Path, "resolve", lambda self, strict=False: Path(os.path.abspath(self)))
    with pytest.raises(CatalogError):
        masterdata._write_inside(root, "businesses/escape.json", b"{}")
    assert not (tmp_path / "escape.json").exists()
    masterdata._write_inside(root, "interview/ok.json", b"{}")
    assert (root / "interview" / "ok.json").read_bytes() == b"{}"


@pytest.mark.parametrize("version", ["../x", "", "1 2", "v" * 65, 3])
def test_a_version_must_be_a_plain_label(tmp_path, version):
    with pytest.raises(CatalogError) as err:
        masterdata.accept(tmp_path, "regions", version, {"regions": {"350102": "福州市鼓楼区"}})
    assert err.value.code == "masterdata.bad_version"


def test_regions_validated_then_used(tmp_path):
    regions = dict(masterdata.current_regions())
    regions["350104"] = "福州市仓山区"
    masterdata.accept(tmp_path, "regions", "r2", {"format": "yizhan-regions/1", "regions": regions})
    assert masterdata.region_name("350104001002GB00001F00010001", tmp_path) == "福州市仓山区"
    for bad in ({"regions": {"35010": "短"}}, {"regions": {}}, {"regions": {"350104": 7}}, {"districts": regions}, []):
        with pytest.raises(CatalogError):
            masterdata.accept(tmp_path, "regions", "r3", bad)
    assert masterdata.pulled(tmp_path, "regions").version == "r2"
    assert masterdata.current_regions(tmp_path)["350104"] == "福州市仓山区"
    assert {v.kind: v.version for v in masterdata.versions(tmp_path)}["regions"] == "r2"


def test_bank_profiles_validated_then_kept_in_the_store(store):
    from devserver.masterdata import BANKS_FILE
    from shared.domain.bank_profile import load_profiles
    data_dir = Path(store.path).parent
    assert load_profiles(store) == {}  # nothing pulled yet: no bank is known
    raw = json.loads(BANKS_FILE.read_text("utf-8"))
    raw["profiles"][0]["documents"][0]["reference"] = "BA-2027-0001-01"
    raw["profiles"][0]["documents"][2]["holder"] = "欧阳明远"
    masterdata.accept(data_dir, "banks", "b2", raw, store)
    assert load_profiles(store)["913101045H9QMXC80W"].documents[0].reference == "BA-2027-0001-01"
    assert masterdata.current_bank_profiles(store)["913101045H9QMXC80W"].documents[2].holder == "欧阳明远"
    # the officers' names are in the encrypted store only, never in clear on disk
    for path in data_dir.parent.rglob("*"):
        if path.is_file():
            assert "欧阳明远".encode() not in path.read_bytes(), path
    broken = copy.deepcopy(raw)
    broken["profiles"][0]["credit_code"] = "not a code"
    missing = copy.deepcopy(raw)
    del missing["profiles"][1]["name"]
    for bad in (broken, missing, {"profiles": "none"}, []):
        with pytest.raises(CatalogError):
            masterdata.accept(data_dir, "banks", "b3", bad, store)
    assert load_profiles(store)["913101045H9QMXC80W"].documents[0].reference == "BA-2027-0001-01"
    assert masterdata.current_version(data_dir, "banks") == "b2"
    assert {v.kind: (v.version, v.source) for v in masterdata.versions(data_dir)}["banks"] == ("b2", masterdata.SERVER)


def test_a_damaged_pointer_falls_back_to_the_shipped_catalog(tmp_path):
    masterdata.accept(tmp_path, "catalog", NEW, catalog_content())
    pointer = masterdata.master_root(tmp_path) / "catalog" / masterdata.POINTER
    for text in ("{not json", json.dumps({"version": NEW, "folder": "../../elsewhere"}), json.dumps([1])):
        pointer.write_text(text, "utf-8")
        assert masterdata.current_catalog(tmp_path).version == SHIPPED_VERSION


def test_an_older_case_opens_with_the_current_catalog(tmp_path, capsys):
    from shared.cli.main import main
    samples = Path(__file__).resolve().parents[2] / "resources" / "samples"
    data = tmp_path / "d"
    assert main(["--data-dir", str(data), "case", "import", str(samples / "case_mortgage_first.json")]) == 0
    case_id = capsys.readouterr().out.strip()
    content = catalog_content()
    content["files"]["businesses/mortgage_first_general.json"]["name"] = "抵押权首次登记（一般抵押·新版）"
    masterdata.accept(data, "catalog", NEW, content)
    assert main(["--data-dir", str(data), "case", "show", case_id]) in (0, None)
    out = capsys.readouterr().out
    assert "抵押权首次登记（一般抵押·新版）" in out  # the CLI reads the current (pulled) catalog
    from shared.store import Store
    with Store.open(data) as store:
        assert store.get_case(case_id).catalog_version == SHIPPED_VERSION  # made under the shipped one
    # a case imported now records the catalog it is made under
    assert main(["--data-dir", str(data), "case", "import", str(samples / "case_mortgage_first.json")]) == 0
    new_id = capsys.readouterr().out.strip()
    with Store.open(data) as store:
        assert store.get_case(new_id).catalog_version == NEW


def test_the_interview_takes_the_sides_of_the_catalog_its_template_came_with(tmp_path, fake):
    from shared.domain.case import Case, Party
    from shared.domain.interview import InterviewSession, template_for_business
    content = catalog_content()
    roles = content["files"]["businesses/mortgage_first_general.json"]["roles"]
    next(r for r in roles if r["role"] == "mortgagor")["side"] = "right_holder"
    masterdata.accept(tmp_path, "catalog", NEW, content)
    p = fake.person()
    case = Case("mortgage_first_general", catalog_version=NEW)
    party = Party("mortgagor", "person", p.name, "1", p.id_number, p.phone, p.address)
    case.parties = [party]
    pulled = template_for_business(masterdata.current_catalog(tmp_path).business("mortgage_first_general"))
    shipped = template_for_business(default_catalog().business("mortgage_first_general"))
    assert InterviewSession(pulled, case, party).side == "right_holder"
    assert InterviewSession(shipped, case, party).side == "obligor"
