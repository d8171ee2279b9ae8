"""The RDFC-1.0 work limit weighs each Hash N-Degree Quads call by the related quads it reads,
so the limit bounds time on any shape (issue 16: a clique with 8,000 literals per node ran
for seconds while spending few units)."""

from __future__ import annotations

import pytest

from vckit import rdfc
from vckit.errors import CanonicalizationWorkLimitError
from vckit.rdfc._terms import Quad


def hubs(links: int, literals: int) -> list[Quad]:
    """Two blank hubs with equal first-degree hashes, each linked to ``links`` distinct leaves
    (unique, so canonically labelled first) and carrying ``literals`` equal literals."""
    quads: list[Quad] = []
    for hub in ("_:h0", "_:h1"):
        for index in range(links):
            leaf = f"_:{hub[2:]}leaf{index}"
            quads.append((hub, "<urn:link>", leaf, ""))
            quads.append((leaf, "<urn:value>", f'"{hub}-{index}"', ""))
        quads.extend((hub, "<urn:note>", f'"n{index}"', "") for index in range(literals))
    return quads


def spent(quads: list[Quad]) -> int:
    """The exact work a dataset costs: the smallest limit it canonicalizes under."""
    low, high = 0, 1_000_000
    while low < high:
        middle = (low + high) // 2
        try:
            rdfc.canonicalize_quads(quads, work_limit=middle)
        except CanonicalizationWorkLimitError:
            low = middle + 1
        else:
            high = middle
    return low


def test_each_call_costs_its_related_quads() -> None:
    # per hub: one call (1 + 100 related quads) + one unit per single-member related group
    assert spent(hubs(100, 0)) == 2 * (1 + 100 + 100)
    assert spent(hubs(10, 0)) == 2 * (1 + 10 + 10)


def test_literals_are_not_read_by_hash_n_degree() -> None:
    assert spent(hubs(10, 5_000)) == spent(hubs(10, 0))


def test_limit_is_enforced_at_the_weighted_cost() -> None:
    quads = hubs(100, 0)
    with pytest.raises(CanonicalizationWorkLimitError, match=r"\(401 units"):
        rdfc.canonicalize_quads(quads, work_limit=401)
    assert rdfc.canonicalize_quads(quads, work_limit=402).count("\n") == len(quads)
