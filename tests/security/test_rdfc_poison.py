"""Poison datasets: blank node graphs built so RDFC-1.0's N-degree search explodes.

Without a limit a 10-node clique (W3C test074) runs for hours in pyld. vckit must stop each of
these with ``CanonicalizationWorkLimitError`` quickly. Each test has a pytest-timeout hang guard
(10 s); the "well under a second" figures are measured by ``benchmarks/bench_security.py``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import pytest
from tests.conftest import vectors_dir

from vckit import rdfc
from vckit.errors import CanonicalizationWorkLimitError

pytestmark = pytest.mark.timeout(10)


def _clique(size: int) -> str:
    return "".join(
        f"_:e{a} <http:/example.com/p> _:e{b} .\n" for a in range(size) for b in range(size)
    )


def _stopped_quickly(function: Callable[[], object]) -> None:
    with pytest.raises(CanonicalizationWorkLimitError, match=r"RDFC-1\.0 work limit exceeded"):
        function()


def test_w3c_test074_clique_is_stopped() -> None:
    text = (vectors_dir("rdfc10", "rdfc10") / "test074-in.nq").read_text(encoding="utf-8")
    _stopped_quickly(lambda: rdfc.canonicalize(text))


@pytest.mark.parametrize("size", [10, 16, 40])
def test_generated_cliques_are_stopped(size: int) -> None:
    text = _clique(size)
    _stopped_quickly(lambda: rdfc.canonicalize(text))


def test_clique_is_stopped_through_the_quads_entry_point() -> None:
    quads = rdfc.parse_nquads(_clique(12))
    _stopped_quickly(lambda: rdfc.canonicalize_quads(quads))
    _stopped_quickly(lambda: rdfc.canonicalize_with_map(quads))


def _twin_hubs(leaves: int) -> str:
    """Two identical blank hubs, each with ``leaves`` indistinguishable blank children."""
    return "".join(
        f"_:hub{hub} <urn:child> _:leaf{hub}x{index} .\n"
        for hub in range(2)
        for index in range(leaves)
    )


def test_twin_blank_hubs_with_identical_leaves_are_stopped() -> None:
    """Hashing a leaf recurses into its hub, whose 29 other leaves tie: 29! permutations."""
    _stopped_quickly(lambda: rdfc.canonicalize(_twin_hubs(30)))


def test_huge_permutations_are_charged_by_length() -> None:
    """3,000 leaves per hub: every permutation is long, so it costs its length, not one unit."""
    _stopped_quickly(lambda: rdfc.canonicalize(_twin_hubs(3000)))


def test_one_blank_hub_with_many_identical_leaves_is_fine() -> None:
    """The hub's first-degree hash is unique, so each leaf's N-degree hash is one cheap step."""
    text = "".join(f"_:hub <urn:child> _:leaf{index} .\n" for index in range(3000))
    output = rdfc.canonicalize(text)
    assert output.count("\n") == 3000
    assert output.startswith("_:c14n0 <urn:child> _:c14n1 .\n")


def test_long_chain_of_identical_nodes_is_a_work_limit_error_not_recursion_error() -> None:
    text = "".join(f"_:n{index} <urn:next> _:n{index + 1} .\n" for index in range(600))
    with pytest.raises(CanonicalizationWorkLimitError, match="recursion deeper than 200"):
        rdfc.canonicalize(text, work_limit=10**9)


def test_deep_caller_stack_still_gets_a_work_limit_error() -> None:
    """Even when the caller has used most of the stack, no RecursionError escapes."""
    text = "".join(f"_:n{index} <urn:next> _:n{index + 1} .\n" for index in range(150))
    outcome: list[BaseException] = []

    def descend(depth: int) -> None:
        if depth:
            descend(depth - 1)
            return
        try:
            rdfc.canonicalize(text, work_limit=10**9)
        except BaseException as exc:  # record whatever escapes, then assert on it
            outcome.append(exc)

    descend(sys.getrecursionlimit() - 150)
    assert len(outcome) == 1
    assert isinstance(outcome[0], CanonicalizationWorkLimitError)


def test_raising_the_limit_lets_a_moderately_symmetric_graph_through() -> None:
    text = _clique(5)
    with pytest.raises(CanonicalizationWorkLimitError, match=r"\(100 units of Hash N-Degree"):
        rdfc.canonicalize(text, work_limit=100)
    output = rdfc.canonicalize(text, work_limit=1_000_000)
    assert output.count("\n") == 25
    assert "_:c14n4" in output
