"""Every registration business of the catalog, on every channel it is offered on, walked
headless through the workflow session, step by step, to a case the core lets submit."""

from __future__ import annotations

import pytest
from flow_helpers import (add_required_pages, complete, fill_form, interview_everyone, pass_identity)

from shared.domain.catalog import default_catalog
from shared.domain.steps import StepStatus

CASES = [(b.code, ch) for b in default_catalog().businesses.values() if b.kind == "registration"
         for ch in b.channels]


def test_every_registration_business_is_covered():
    codes = {code for code, _ in CASES}
    assert {"mortgage_first_general", "mortgage_first_maximum", "mortgage_change", "mortgage_cancel",
            "refinance", "transfer_mortgage", "advance_notice_mortgage", "kiosk_mortgage_cancel",
            "kiosk_change_name", "kiosk_change_id", "kiosk_change_location", "kiosk_change_area"} <= codes
    assert ("kiosk_change_name", "kiosk") in CASES and ("kiosk_change_name", "counter") in CASES


@pytest.mark.parametrize("business,channel", CASES)
def test_whole_flow_of_each_business(new_session, fake, business, channel):
    session = new_session(business, channel)
    first = session.steps()
    assert first[0].key == "data" and first[-1].key == "submit"
    assert first[-1].status == StepStatus.BLOCKED
    fill_form(session, fake)
    assert session.step("data").done, session.step("data").blockers
    pass_identity(session)
    assert all(s.done for s in session.steps() if s.kind == "identity")
    interview_everyone(session)
    assert all(s.done for s in session.steps() if s.kind == "interview")
    add_required_pages(session)
    pass_identity(session, check_no=2)
    assert session.blockers() == {}, {k: [m.render() for m in v] for k, v in session.blockers().items()}
    assert session.step("submit").status == StepStatus.NOT_STARTED
    stored = session.store.get_case(session.case_id)
    assert stored.channel == channel and stored.business_code == business


@pytest.mark.parametrize("business", ["refinance", "transfer_mortgage", "advance_notice_mortgage"])
def test_combined_businesses_check_and_interview_every_applicant(new_session, fake, business):
    session = new_session(business)
    complete(session, fake)
    biz = session.business
    persons = [p for p in session.snapshot().parties if p.kind == "person"
               and biz.role(p.role).identity_check]
    identity = [s for s in session.steps() if s.kind == "identity"]
    assert len(identity) == len(persons) >= 1
    if biz.face_checks >= 2:
        assert len([s for s in session.steps() if s.kind == "recheck"]) == len(persons)
    assert session.blockers() == {}
