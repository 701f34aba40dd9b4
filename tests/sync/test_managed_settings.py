"""Settings the registry manages come with master data: a ``settings`` document, checked
against a whitelist and bounds, wins over the service point's own settings; a bad one is
refused whole and the previous one stays."""

from __future__ import annotations

import pytest

from sync_helpers import drain, fast_service, make_case


@pytest.fixture
def published(srv):
    from devserver import masterdata
    yield masterdata
    masterdata.reset()


@pytest.mark.parametrize("doc", [
    {"settings": {"language": 1}},                        # not on the whitelist
    {"settings": {"audit_retention_days": 100}},          # under the one-year floor
    {"settings": {"sync.interval_s": 5}},                 # below its bound
    {"settings": {"operators.idle_lock_minutes": True}},  # not an integer
    {"settings": {"retention_days": "30"}},
    {"settings": {}, "extra": 1},
    [],
])
def test_a_settings_document_outside_the_whitelist_or_bounds_is_refused(doc):
    from shared.errors import CatalogError
    from shared.masterdata import managed_values
    with pytest.raises(CatalogError) as err:
        managed_values(doc)
    assert "settings" in err.value.msg.render()


def test_a_sync_pass_brings_the_managed_settings_and_they_win(store, settings, outbox, fake, published, tmp_path):
    from shared.workflow.auth import Authenticator
    from shared.workflow.context import AppContext
    assert settings.get("offline_limits")["max_unsent"] == 10000  # the test's own, open limits
    published.publish("settings", {"settings": {"offline_limits.max_unsent": 1, "operators.idle_lock_minutes": 2,
                                                "audit_retention_days": 500}}, "s1")
    outbox.submit(make_case(store, fake).id)
    drain(fast_service(store, settings, outbox=outbox))
    assert settings.get("offline_limits") == {"min_free_mb": 0, "max_unsent": 1, "max_days_without_sync": 3650}
    assert settings.is_managed("offline_limits.max_unsent") and not settings.is_managed("offline_limits.min_free_mb")
    assert settings.get("audit_retention_days") == 500 and settings.values["audit_retention_days"] == 400  # local kept
    auth = Authenticator(store, settings)
    assert auth.setting("idle_lock_minutes") == 2
    auth.login("S1001", "Officer2026")  # the pass enrolled the operator list: submitting needs a login
    outbox.submit(make_case(store, fake).id)  # one unsent packet is now the registry's limit
    assert [m.code for m in outbox.guard_rails()] == ["sync.blocked_unsent"]
    data_dir = store.path.parent
    fresh = AppContext.create(data_dir, tmp_path / "other-config")  # a restart reads them from disk
    assert fresh.settings.get("operators.idle_lock_minutes") == 2 and fresh.settings.is_managed("audit_retention_days")
    published.publish("settings", {"settings": {"audit_retention_days": 30}}, "s2")  # under the floor
    drain(fast_service(store, settings, outbox=outbox))
    assert settings.get("audit_retention_days") == 500  # refused whole: the previous document stays
    assert AppContext.create(data_dir, tmp_path / "other-config").settings.get("audit_retention_days") == 500
