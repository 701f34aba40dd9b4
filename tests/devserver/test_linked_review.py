"""The registry decides linked registrations together, and reads older packets and outcomes."""

from __future__ import annotations

from test_registry_minimum import complete_case

from devserver import registry
from shared.domain.catalog import default_catalog
from shared.domain.registrations import manifest_entries, registration_outcomes


def _complete_refinance(fake):
    case, manifest = complete_case(fake, "refinance")
    case.set("change.registration_certificate", "闽(2020)福州市不动产证明第0001234号")
    for slot in ("registration_certificate", "extinguishment_proof"):
        manifest["files"].append({"name": "files/page-" + slot, "blob_id": "page-" + slot, "kind": "page", "slot": slot})
        case.materials[slot] = ["page-" + slot]
    return case, manifest


def test_linked_registrations_accepted_together(fake):
    case, manifest = _complete_refinance(fake)
    manifest["registrations"] = manifest_entries(case, default_catalog().business("refinance"))
    kind, payload = registry.review(case.to_dict(), manifest, dict(registry.DEFAULT_RULES))
    assert kind == "accepted", payload
    assert [(r["code"], r["state"]) for r in payload["registrations"]] == [
        ("mortgage_cancel", "accepted"), ("mortgage_first", "accepted")]


def test_an_older_packet_without_the_list_is_reviewed_by_the_catalog(fake):
    case, manifest = _complete_refinance(fake)
    assert "registrations" not in manifest
    kind, payload = registry.review(case.to_dict(), manifest, dict(registry.DEFAULT_RULES))
    assert kind == "accepted"
    assert [r["code"] for r in payload["registrations"]] == ["mortgage_cancel", "mortgage_first"]


def test_a_manifest_naming_other_registrations_refuses_them_all(fake):
    case, manifest = _complete_refinance(fake)
    manifest["registrations"] = [{"code": "mortgage_first", "name": "抵押权首次登记"}]  # the cancellation left out
    kind, payload = registry.review(case.to_dict(), manifest, dict(registry.DEFAULT_RULES))
    assert kind == "not_accepted"
    assert payload["reasons"][0]["code"] == "registrations_mismatch"
    assert {r["state"] for r in payload["registrations"]} == {"not_accepted"}


def test_a_case_wide_gap_is_every_registrations_gap(fake):
    case, manifest = complete_case(fake, "refinance")  # the old mortgage's papers missing
    kind, payload = registry.review(case.to_dict(), manifest, dict(registry.DEFAULT_RULES))
    assert kind == "correction_requested"
    assert {r["state"] for r in payload["registrations"]} == {"correction_requested"}


def test_single_registration_business_has_no_list(fake):
    case, manifest = complete_case(fake)
    kind, payload = registry.review(case.to_dict(), manifest, dict(registry.DEFAULT_RULES))
    assert kind == "accepted" and "registrations" not in payload


def test_an_older_outcome_reads_as_every_registrations_outcome(fake):
    case, _ = _complete_refinance(fake)
    biz = default_catalog().business("refinance")
    case.outcome = {"state": "proof_issued", "receipt_number": "SL1", "proof_number": "P1"}  # before linked registrations
    got = registration_outcomes(case, biz)
    assert [(g["code"], g["state"], g["receipt_number"]) for g in got] == [
        ("mortgage_cancel", "proof_issued", "SL1"), ("mortgage_first", "proof_issued", "SL1")]
    case.outcome["registrations"] = [{"code": "mortgage_first", "state": "proof_issued", "receipt_number": "SL2"}]
    assert [g["receipt_number"] for g in registration_outcomes(case, biz)] == ["SL1", "SL2"]
    single = registration_outcomes(case, default_catalog().business("mortgage_first_general"))
    assert [g["code"] for g in single] == ["main"]
