"""The case list's query: keyed search index, literal matching, keyset pages, newest packet."""

import shutil
from pathlib import Path

from shared.domain.case import Case, Party
from shared.store import Store
from shared.store.db import open_connection
from shared.store.keys import FileKeyProvider
from shared.store.schema import SCHEMA_VERSION

DATA = Path(__file__).parent / "data"


def _case(name: str, id_number: str = "", unit: str = "") -> Case:
    c = Case("mortgage_cancel")
    c.parties = [Party("mortgagor", "person", name, "1", id_number)]
    if unit:
        c.set("property.unit_number", unit)
    return c


def _ids(store, q="", **kw):
    return [r.id for r in store.list_cases(q, **kw)]


def test_name_fragments_of_one_and_two_characters_are_found(store, fake):
    people = [fake.person() for _ in range(30)]
    cases = [store.save_case(_case(p.name, p.id_number)) for p in people]
    target, person = cases[7], people[7]
    for q in (person.name, person.name[1:], person.name[:2], person.id_number, person.id_number[-4:],
              person.id_number[3:9].lower()):
        assert target.id in _ids(store, q), q
        expected = {c.id for c, p in zip(cases, people) if q.upper() in p.id_number or q in p.name}
        assert set(_ids(store, q)) == expected, q
    assert set(_ids(store, person.name[-1])) == {c.id for c, p in zip(cases, people) if person.name[-1] in p.name}


def test_exact_unit_number_and_fragment(store, fake):
    units = [fake.unit_number() for _ in range(5)]
    cases = [store.save_case(_case("李四", unit=u)) for u in units]
    assert _ids(store, units[2]) == [cases[2].id]
    assert _ids(store, units[3][12:22]) == [cases[3].id]


def test_like_wildcards_match_literally(store):
    odd = store.save_case(_case("A_B%C"))
    store.save_case(_case("AxByC"))
    store.save_case(_case("王五"))
    store.save_case(_case("A_QQ_B AxB"))  # holds the grams of "a_b" and a LIKE match, not the text
    assert _ids(store, "%") == [odd.id]
    assert _ids(store, "_B%") == [odd.id]
    assert _ids(store, "A_B") == [odd.id]
    assert _ids(store, "a_b%c") == [odd.id]  # ASCII letters in any case, still literal
    assert store.count_matching("%") == 1


def test_index_holds_keyed_integers_and_follows_writes_and_deletes(tmp_path, store, fake):
    p = fake.person()
    case = store.save_case(_case(p.name, p.id_number))
    tokens = store.run(lambda conn: conn.execute("SELECT token FROM search_index WHERE case_id = ?",
                                                 (case.id,)).fetchall())
    assert tokens and all(isinstance(t, int) for (t,) in tokens)
    with Store.open(tmp_path / "other", tmp_path / "other-config") as other:  # another key: other tokens
        other.save_case(_case(p.name, p.id_number))
        theirs = other.run(lambda conn: {t for (t,) in conn.execute("SELECT token FROM search_index")})
    assert not theirs & {t for (t,) in tokens}
    case.parties[0].name = "赵六"
    store.save_case(case)
    assert _ids(store, p.name) == [] and _ids(store, "赵六") == [case.id]
    store.delete_draft(case.id)
    assert store.run(lambda conn: conn.execute("SELECT count(*) FROM search_index").fetchone()[0]) == 0


def test_keyset_pages_cover_the_list_once_in_order(store):
    for i in range(23):
        store.save_case(_case("张{}".format(i)))
    everything = _ids(store, limit=100)
    pages, after = [], None
    while True:
        rows = store.list_cases("张", limit=5, after=after)
        pages += [r.id for r in rows]
        if len(rows) < 5:
            break
        after = (rows[-1].updated_at, rows[-1].id)
    assert pages == everything and len(set(pages)) == 23
    assert store.count_matching("张") == 23 and store.count_matching("") == 23


def test_each_row_carries_its_newest_packet(store, sample_case):
    store.save_case(sample_case)
    other = store.save_case(_case("王五"))

    def add(tx):
        tx.outbox.insert("p1", sample_case.id, 1, "f1", 10, "s", "sig", "2026-01-01T00:00:00+00:00")
        tx.outbox.insert("p2", sample_case.id, 2, "f2", 10, "s", "sig", "2026-01-02T00:00:00+00:00")
        tx.outbox.update("p2", state="registered", outcome={"receipt_number": "R-9"})
    store.transaction(add)
    rows = {r.id: r for r in store.list_cases()}
    assert rows[sample_case.id].packet.packet_id == "p2"
    assert rows[sample_case.id].packet.outcome == {"receipt_number": "R-9"}
    assert rows[other.id].packet is None


def test_an_old_store_gets_its_index_on_opening(tmp_path, fake):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(DATA / "store_v1.db", data / "yizhan.db")
    provider = FileKeyProvider(tmp_path / "config" / "store.key")
    provider.save(bytes.fromhex((DATA / "store_v1.key").read_text().strip()))
    with Store.open(data, key_provider=provider) as s:
        assert s.run(lambda conn: conn.execute("PRAGMA user_version").fetchone()[0]) == SCHEMA_VERSION
        assert s.run(lambda conn: conn.execute("SELECT count(*) FROM meta WHERE key = 'search_index'").fetchone()[0]) == 0
        rows = s.list_cases()
        assert len(rows) == 3
        for r in rows:
            case = s.get_case(r.id)
            assert r.id in _ids(s, case.parties[0].name[-2:])
            assert _ids(s, r.unit_number) == [r.id]


def test_a_version_6_store_with_cases_is_indexed_when_migrated(tmp_path, fake):
    key = bytes(range(32))
    path = tmp_path / "yizhan.db"
    conn = open_connection(path, key, migrate_to=6)
    p = fake.person()
    conn.execute("INSERT INTO cases(id, business_code, state, created_at, updated_at, doc, unit_number)"
                 " VALUES ('YZ1', 'mortgage_cancel', 'draft', 't', 't', '{}', '')")
    conn.execute("INSERT INTO parties VALUES ('YZ1', 0, 'mortgagor', ?, ?)", (p.name, p.id_number))
    conn.close()
    with Store(path, key) as s:
        assert _ids(s, p.name[1:]) == ["YZ1"]
        assert _ids(s, p.id_number[-5:]) == ["YZ1"]


def test_a_search_reads_only_its_rarest_grams_and_still_finds_exactly(store, fake, monkeypatch):
    """Grams most cases hold (a shared unit-number prefix) are left out of the index read; the
    literal check keeps the answer exact, whichever tokens were kept."""
    from shared.store import search

    monkeypatch.setattr(search, "PROBE_CAP", 6)
    monkeypatch.setattr(search, "NARROW_BUDGET", 4)
    people = [fake.person() for _ in range(12)]
    units = ["350102003004GB00012F0003{:04d}".format(i) for i in range(12)]
    cases = [store.save_case(_case(p.name, p.id_number, u)) for p, u in zip(people, units)]
    key = store._search_key
    frag = units[5][-8:]  # "00030005": "000" and "003" in every case, "005" in one
    groups = search.query_token_groups(key, frag)
    narrowed = store.run(lambda conn: search.narrow_groups(conn, groups))
    unit_group = groups[2]
    assert len(unit_group) > 1 and any(len(g) == 1 and g[0] in unit_group for g in narrowed)
    assert _ids(store, frag) == [cases[5].id] and store.count_matching(frag) == 1
    shared = units[0][:12]  # every token frequent: the group is read whole, all twelve found
    assert set(_ids(store, shared)) == {c.id for c in cases} and store.count_matching(shared) == 12
    assert _ids(store, "99999") == [] and store.count_matching("99999") == 0  # a gram nobody holds
    for p, c in zip(people, cases):
        assert _ids(store, p.id_number) == [c.id]
        assert c.id in _ids(store, p.name)
