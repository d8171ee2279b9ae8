"""Would rdf-canonize (JavaScript) canonicalize this dataset? Its deep-iterations limit, replayed.

rdf-canonize 5, which the Digital Bazaar stack and DCC's wallet and verifier use, allows at most
``N ** maxWorkFactor`` calls of Hash N-Degree Quads, where ``N`` is the number of blank nodes whose
first-degree hashes are not unique (``maxWorkFactor`` defaults to 1), and throws "Maximum deep
iterations exceeded" past that. RDFC-1.0 itself has no such limit, so a dataset vckit canonicalizes
can still be one the JS stack refuses.

How many calls rdf-canonize makes depends on how it prunes permutations: it visits them in
Steinhaus-Johnson-Trotter order starting from the sorted blank node labels, and skips a
permutation as soon as its path is greater than the chosen one (without the length test of the
specification). This module replays exactly that, call for call, on the labels it is given; it is
only meaningful on a dataset labelled as jsonld.js labels it (``vckit.jsonld.deep_iteration_nodes``
takes care of that). It is not on vckit's canonicalization path.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from vckit.errors import CanonicalizationWorkLimitError
from vckit.rdfc._canon import _blank_nodes, _first_degree_line, hash_function
from vckit.rdfc._ndegree import DEFAULT_WORK_LIMIT, MAX_RECURSION_DEPTH, WorkBudget
from vckit.rdfc._terms import Quad

__all__ = ["check_work_factor", "has_shared_first_degree_hashes", "js_deep_iteration_excess"]

_MAX_SAFE_INTEGER: Final = 2**53 - 1


class _DeepIterationsExceeded(Exception):
    """rdf-canonize would throw "Maximum deep iterations exceeded" here."""


def _sjt_permutations(items: list[str]) -> list[list[str]]:
    """All permutations of ``items`` in the order rdf-canonize's ``Permuter`` yields them."""
    current = sorted(items)
    left = dict.fromkeys(current, True)
    result: list[list[str]] = []
    length = len(current)
    while True:
        result.append(list(current))
        mobile: str | None = None
        position = 0
        for index in range(length):
            element = current[index]
            looks_left = left[element]
            if (mobile is None or element > mobile) and (
                (looks_left and index > 0 and element > current[index - 1])
                or (not looks_left and index < length - 1 and element > current[index + 1])
            ):
                mobile = element
                position = index
        if mobile is None:
            return result
        swap = position - 1 if left[mobile] else position + 1
        current[position] = current[swap]
        current[swap] = mobile
        for element in current:
            if element > mobile:
                left[element] = not left[element]


class _Replay:
    """rdf-canonize's ``RDFC10Sync`` state, reduced to what decides the number of calls."""

    def __init__(
        self,
        quads_of: dict[str, list[Quad]],
        first_hash: dict[str, str],
        canonical: dict[str, str],
        hash_algorithm: str,
        remaining: int,
        budget: WorkBudget,
    ) -> None:
        self.quads_of = quads_of
        self.first_hash = first_hash
        self.canonical = canonical
        self.hash = hash_function(hash_algorithm)
        self.remaining = remaining
        self.budget = budget

    def related_hash(self, related: str, predicate: str, issuer: dict[str, str], pos: str) -> str:
        identifier = self.canonical.get(related) or issuer.get(related) or self.first_hash[related]
        return self.hash(pos + identifier if pos == "g" else pos + predicate + identifier)

    def hash_n_degree(
        self, identifier: str, issuer: dict[str, str], depth: int
    ) -> tuple[str, dict[str, str]]:
        if self.remaining == 0:
            raise _DeepIterationsExceeded
        self.remaining -= 1
        quads = self.quads_of[identifier]
        self.budget.spend(1 + len(quads))
        if depth > MAX_RECURSION_DEPTH:
            raise CanonicalizationWorkLimitError(
                f"RDFC-1.0 Hash N-Degree Quads recursion deeper than {MAX_RECURSION_DEPTH}"
            )
        groups: dict[str, list[str]] = {}
        for subject, predicate, obj, graph in quads:
            for related, position in ((subject, "s"), (obj, "o"), (graph, "g")):
                if related[:2] == "_:" and related != identifier:
                    key = self.related_hash(related, predicate, issuer, position)
                    groups.setdefault(key, []).append(related)
        canonical = self.canonical
        data: list[str] = []
        for related_hash in sorted(groups):
            data.append(related_hash)
            chosen_path = ""
            chosen_issuer = issuer
            for permutation in _sjt_permutations(groups[related_hash]):
                self.budget.spend(len(permutation))
                issuer_copy = issuer.copy()
                path = ""
                recursion: list[str] = []
                skip = False
                for related in permutation:
                    label = canonical.get(related)
                    if label is None:
                        label = issuer_copy.get(related)
                        if label is None:
                            recursion.append(related)
                            label = issuer_copy[related] = f"_:b{len(issuer_copy)}"
                    path += label
                    if chosen_path and path > chosen_path:
                        skip = True
                        break
                if skip:
                    continue
                for related in recursion:
                    result_hash, result_issuer = self.hash_n_degree(related, issuer_copy, depth + 1)
                    path += issuer_copy[related] + "<" + result_hash + ">"
                    issuer_copy = result_issuer
                    if chosen_path and path > chosen_path:
                        skip = True
                        break
                if skip:
                    continue
                if not chosen_path or path < chosen_path:
                    chosen_path = path
                    chosen_issuer = issuer_copy
            data.append(chosen_path)
            issuer = chosen_issuer
        return self.hash("".join(data)), issuer


def _first_degree(
    quads: Iterable[Quad], hash_algorithm: str
) -> tuple[dict[str, list[Quad]], dict[str, str], dict[str, str], list[list[str]]]:
    """Quads per blank node, first-degree hashes, the canonical labels of the nodes whose hash
    is unique, and the groups of nodes sharing one (in hash order), as rdf-canonize has them."""
    hash_hex = hash_function(hash_algorithm)
    quads_of: dict[str, list[Quad]] = {}
    for quad in quads:
        for node in _blank_nodes(quad):
            quads_of.setdefault(node, []).append(quad)
    first_hash: dict[str, str] = {}
    by_hash: dict[str, list[str]] = {}
    for node, node_quads in quads_of.items():
        lines = sorted(_first_degree_line(quad, node) for quad in node_quads)
        value = first_hash[node] = hash_hex("".join(lines))
        by_hash.setdefault(value, []).append(node)
    canonical: dict[str, str] = {}
    shared: list[list[str]] = []
    for value in sorted(by_hash):
        nodes = by_hash[value]
        if len(nodes) == 1:
            canonical[nodes[0]] = f"_:c14n{len(canonical)}"
        else:
            shared.append(nodes)
    return quads_of, first_hash, canonical, shared


def check_work_factor(max_work_factor: int) -> None:
    """``max_work_factor`` must be a non-negative int (rdf-canonize's option)."""
    if isinstance(max_work_factor, bool) or not isinstance(max_work_factor, int):
        raise TypeError("max_work_factor must be an int")
    if max_work_factor < 0:
        raise ValueError("max_work_factor must be >= 0")


def has_shared_first_degree_hashes(quads: Iterable[Quad], hash_algorithm: str = "sha256") -> bool:
    """Whether any two blank nodes share a first-degree hash (labels do not matter for that);
    without such nodes rdf-canonize makes no N-degree call at all."""
    return bool(_first_degree(quads, hash_algorithm)[3])


def js_deep_iteration_excess(
    quads: Iterable[Quad],
    *,
    max_work_factor: int = 1,
    hash_algorithm: str = "sha256",
    work_limit: int | None = None,
) -> tuple[str, ...]:
    """The blank nodes with shared first-degree hashes, if rdf-canonize would refuse the dataset.

    Empty when rdf-canonize canonicalizes it within ``N ** max_work_factor`` calls of Hash
    N-Degree Quads. The replay itself is bounded by ``work_limit`` (as vckit's own RDFC-1.0):
    a dataset too costly to replay raises ``CanonicalizationWorkLimitError``.
    """
    check_work_factor(max_work_factor)
    quads_of, first_hash, canonical, shared = _first_degree(quads, hash_algorithm)
    non_unique = tuple(node for nodes in shared for node in nodes)
    allowed = len(non_unique) ** max_work_factor if max_work_factor else 0
    if not shared or allowed > _MAX_SAFE_INTEGER:
        return ()
    budget = WorkBudget(DEFAULT_WORK_LIMIT if work_limit is None else work_limit)
    replay = _Replay(quads_of, first_hash, canonical, hash_algorithm, allowed, budget)
    try:
        for nodes in shared:
            results: list[tuple[str, dict[str, str]]] = []
            for node in nodes:
                if node not in canonical:
                    results.append(replay.hash_n_degree(node, {node: "_:b0"}, 0))
            results.sort(key=lambda result: result[0])
            for _, issuer in results:
                for node in issuer:
                    if node not in canonical:
                        canonical[node] = f"_:c14n{len(canonical)}"
    except _DeepIterationsExceeded:
        return non_unique
    return ()
