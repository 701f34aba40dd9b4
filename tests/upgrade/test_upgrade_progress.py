"""An upgrade tells how far it is: the core's callback (migration steps, then the search index
case by case), and the CLI's line on stderr."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import old_store  # noqa: E402


def test_the_upgrade_of_a_version_1_store_reports_its_progress_to_the_end(tmp_path):
    from shared.store import Store
    from shared.store.schema import SCHEMA_VERSION
    data, config = tmp_path / "data", tmp_path / "config"
    old_store.build_v1_store(data, config, cases=250)
    seen: list[tuple[int, int]] = []
    with Store.open(data, config, progress=lambda done, total: seen.append((done, total))) as store:
        assert store.run(lambda conn: conn.execute("PRAGMA user_version").fetchone()[0]) == SCHEMA_VERSION
        assert len(store.list_cases(limit=1000)) == 250
    total = (SCHEMA_VERSION - 1) + 250  # every migration step, then every case indexed
    assert {t for _, t in seen} == {total}
    assert seen[0][0] == 0 and seen[-1] == (total, total)
    dones = [d for d, _ in seen]
    assert dones == sorted(dones) and len(set(dones)) == len(dones)
    assert 90 <= len(seen) <= 101  # thinned to one report per percent, but it moves
    again: list = []
    with Store.open(data, config, progress=lambda *a: again.append(a)):
        pass
    assert again == []  # an up-to-date store has nothing to report


def test_the_cli_shows_the_upgrade_on_stderr(tmp_path, capsys):
    from shared.cli.main import main
    from shared.config import config_dir_for
    data = tmp_path / "data"
    old_store.build_v1_store(data, config_dir_for(data), cases=40)
    assert main(["--data-dir", str(data), "case", "list"]) == 0
    out = capsys.readouterr()
    from shared.store.schema import SCHEMA_VERSION
    total = (SCHEMA_VERSION - 1) + 40  # every migration step, then every case indexed
    assert "正在升级本机数据库：100%（{0}/{0}）\n".format(total) in out.err and "正在升级本机数据库：0%" in out.err
    assert len(out.out.strip().splitlines()) == 40  # then the command ran on the upgraded store
    assert main(["--data-dir", str(data), "case", "list"]) == 0
    assert "升级" not in capsys.readouterr().err
