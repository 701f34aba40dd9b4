"""R1: kill -9 of the client at random points of submit and sync loses and duplicates nothing."""

from __future__ import annotations

from sync_r1_child import Harness


def test_kill_trials_nothing_lost_nothing_duplicated(srv, tmp_path):
    harness = Harness(srv, tmp_path, seed=20261122)
    result = harness.trials(20)
    assert result["local_problems"] == []
    assert result["server_problems"] == []
    assert result["cases"] == 20
    assert result["killed"] >= 10  # most runs really died mid-way
