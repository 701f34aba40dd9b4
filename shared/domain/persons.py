"""One person in several roles: the mortgagor who is also the debtor is one human being.

A case lists parties per role, so the same person can appear twice (抵押人 and 债务人). Their
identity is read and checked once and they are interviewed once: :func:`person_key` says who is
who (the normalised ID number of a person, else the party's own id), and :func:`first_of_each`
keeps the first party of every person, in case order.
"""

from __future__ import annotations

from typing import Iterable

from shared.domain.case import Party
from shared.domain.identifiers import normalize


def person_key(party: Party) -> str:
    """Who the party is: ``person:<ID number>`` for a person with one, else ``party:<party_id>``."""
    number = normalize(party.id_number or "")
    if party.kind == "person" and number:
        return "person:{}:{}".format(party.id_kind, number)
    return "party:" + party.party_id


def first_of_each(parties: Iterable[Party]) -> list[Party]:
    """The parties with every person kept once (the first of their roles), in order."""
    seen: set[str] = set()
    out = []
    for party in parties:
        key = person_key(party)
        if key not in seen:
            seen.add(key)
            out.append(party)
    return out


def same_person(parties: Iterable[Party], party: Party) -> list[Party]:
    """Every party that is the same person as ``party`` (itself included)."""
    key = person_key(party)
    return [p for p in parties if person_key(p) == key]
