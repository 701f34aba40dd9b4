"""Login at this device, offline: argon2id hashes from the operator list, lock-out after five
failures, first-login and expired passwords, disabled accounts, a clock moved back; each
refusal has a clear message and an audit row."""

from __future__ import annotations

import datetime as _dt

import pytest
from op_helpers import PASSWORDS, operator_list

from shared.errors import ValidationError
from shared.workflow.auth import AuthError, Authenticator, enroll


def _actions(store):
    return [(r[2], r[3], r[5]) for r in store.audit_rows()]


def test_login_names_the_operator_in_the_audit_log(store, auth):
    result = auth.login("O1", PASSWORDS["O1"])
    assert not result.must_change and result.session.label == "王芳（O1）"
    assert store.operator == "王芳（O1）"
    assert ("王芳（O1）", "login", "staff_id=O1 roles=officer") in _actions(store)
    auth.logout()
    assert auth.current is None and ("王芳（O1）", "logout", "staff_id=O1 reason=user") in _actions(store)


def test_a_wrong_password_is_refused_and_five_lock_the_account(store, auth):
    for i in range(4):
        with pytest.raises(AuthError) as err:
            auth.login("O1", "wrong")
        assert "再错 {} 次".format(4 - i) in err.value.msg.render("zh")
    with pytest.raises(AuthError) as err:
        auth.login("O1", "wrong")
    assert "已锁定" in err.value.msg.render("zh")
    with pytest.raises(AuthError) as err:  # even the right password, while locked
        auth.login("O1", PASSWORDS["O1"])
    assert err.value.code == "auth.locked"
    actions = [a for _, a, _ in _actions(store)]
    assert actions.count("login_failed") == 6 and "account_locked" in actions
    later = Authenticator(store, clock=lambda: _dt.datetime.now(_dt.timezone.utc) + _dt.timedelta(minutes=16))
    assert later.login("O1", PASSWORDS["O1"]).session.staff_id == "O1"


def test_unknown_disabled_and_clock_moved_back(store, auth):
    with pytest.raises(AuthError) as err:
        auth.login("NOBODY", "x")
    assert err.value.code == "auth.wrong"
    enroll(store, operator_list("2", disabled=("O2",)))
    with pytest.raises(AuthError) as err:
        auth.login("O2", PASSWORDS["O2"])
    assert err.value.code == "auth.disabled"
    auth.login("O1", PASSWORDS["O1"])
    back = Authenticator(store, clock=lambda: _dt.datetime.now(_dt.timezone.utc) - _dt.timedelta(days=2))
    with pytest.raises(AuthError) as err:
        back.login("SUP1", PASSWORDS["SUP1"])
    assert err.value.code == "auth.clock_back"
    actions = [a for _, a, _ in _actions(store)]
    assert "clock_back" in actions and "operator_disabled" in actions


def test_a_disabled_operator_is_logged_out_at_the_next_sync(store, auth):
    auth.login("O2", PASSWORDS["O2"])
    assert auth.still_valid()
    enroll(store, operator_list("3", disabled=("O2",)))
    assert not auth.still_valid() and auth.current is None


def test_first_login_needs_a_new_password(store, auth):
    result = auth.login("NEW", PASSWORDS["NEW"])
    assert result.must_change and result.session is None and auth.current is None
    with pytest.raises(ValidationError):
        auth.change_password("NEW", PASSWORDS["NEW"], "short1")
    session = auth.change_password("NEW", PASSWORDS["NEW"], "good-pass-42")
    assert session.staff_id == "NEW" and auth.current == session
    auth.logout()
    assert not auth.login("NEW", "good-pass-42").must_change
    # the list's unchanged first-login code does not take the new password back
    enroll(store, operator_list("4"))
    auth.logout()
    assert auth.login("NEW", "good-pass-42").session is not None


def test_an_expired_password_must_be_changed(store, auth):
    future = Authenticator(store, clock=lambda: _dt.datetime.now(_dt.timezone.utc) + _dt.timedelta(days=91))
    assert future.login("O1", PASSWORDS["O1"]).reason == "expired"


def test_unlock_checks_the_same_operator(store, auth):
    auth.login("O1", PASSWORDS["O1"])
    auth.lock()
    with pytest.raises(AuthError):
        auth.unlock("wrong")
    assert auth.unlock(PASSWORDS["O1"]).staff_id == "O1"
    actions = [a for _, a, _ in _actions(store)]
    assert "idle_lock" in actions and "unlock" in actions


def test_idle_lock_clock():
    from shared.workflow.auth import IdleLock
    now = [0.0]
    idle = IdleLock(5, clock=lambda: now[0])
    now[0] = 299
    assert not idle.due()
    idle.touch()
    now[0] = 598
    assert not idle.due()
    now[0] = 600
    assert idle.due()
    idle.engage()
    assert not idle.due() and idle.locked


def test_unlock_counts_failures_and_refuses_a_disabled_account(store, auth):
    auth.login("O2", PASSWORDS["O2"])
    auth.lock()
    for _ in range(5):
        with pytest.raises(AuthError):
            auth.unlock("wrong")
    with pytest.raises(AuthError) as err:  # locked now, even with the right password
        auth.unlock(PASSWORDS["O2"])
    assert err.value.code == "auth.locked"
    auth.logout()
    auth.login("O1", PASSWORDS["O1"])
    auth.lock()
    enroll(store, operator_list("9", disabled=("O1",)))
    with pytest.raises(AuthError) as err:
        auth.unlock(PASSWORDS["O1"])
    assert err.value.code == "auth.disabled"


def test_an_expired_account_is_refused(store, auth):
    enroll(store, operator_list("10", valid_until={"O2": "2020-12-31", "O1": "2999-12-31"}))
    with pytest.raises(AuthError) as err:
        auth.login("O2", PASSWORDS["O2"])
    assert err.value.code == "auth.account_expired" and "2020-12-31" in err.value.msg.render("zh")
    assert auth.login("O1", PASSWORDS["O1"]).session is not None
    assert any(r[3] == "login_failed" and r[5].endswith("reason=expired_account") for r in store.audit_rows())
