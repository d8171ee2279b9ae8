"""Hash N-Degree Quads (RDFC-1.0 section 4.8) with a work limit.

Only blank nodes that share a first-degree hash get here. The search over permutations of
related blank nodes is exponential on purpose-built graphs (a clique of ten blank nodes never
finishes in pyld), so every call and every blank node placed in a permutation is charged to a
``WorkBudget``; running out raises ``CanonicalizationWorkLimitError`` instead of hanging.

Issuers are plain ``dict``s (blank node term -> issued ``_:bN``): insertion order is issue order
and ``len`` is the next counter, so copying one is a single C-level ``dict.copy``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from itertools import permutations

from vckit.errors import CanonicalizationWorkLimitError
from vckit.rdfc._terms import Quad

__all__ = ["DEFAULT_WORK_LIMIT", "MAX_RECURSION_DEPTH", "NDegreeHasher", "WorkBudget"]

HashFn = Callable[[str], str]
Issuer = dict[str, str]

#: Work units one canonicalization may spend in Hash N-Degree Quads: one per call plus one per
#: related quad the call reads, and one per blank node placed in a permutation. Each unit is a
#: few dictionary operations and string joins, so time stays proportional to the budget whatever
#: the shape: a long permutation costs its length, a node with many related quads their number.
#: Typical credentials spend none: their blank nodes have unique first-degree hashes. The W3C
#: "evil" tests 044-046 spend 6,636 (a few milliseconds); the 10-node clique of test074 would
#: spend billions and is stopped after about 0.1 s. Pass ``work_limit=`` to raise it for known,
#: deliberately symmetric data.
DEFAULT_WORK_LIMIT = 50_000

#: Deepest Hash N-Degree Quads recursion allowed. A chain of blank nodes with identical
#: first-degree hashes recurses once per link; past this depth Python's own recursion limit
#: would be near, so it is reported as exceeding the work limit instead of a RecursionError.
MAX_RECURSION_DEPTH = 200


def _stack_headroom() -> int:
    """Python frames left before the recursion limit, below the caller.

    The recursion is capped by this too, so a caller already deep in the stack gets the same
    ``CanonicalizationWorkLimitError`` from the compiled build (whose recursion uses no Python
    frames) as from the pure one (about two frames per level).
    """
    frame = sys._getframe()
    used = 0
    while frame is not None:
        used += 1
        frame = frame.f_back  # type: ignore[assignment]
    return max(0, sys.getrecursionlimit() - used - 30)


class WorkBudget:
    """Counts the work Hash N-Degree Quads does and stops it at ``limit`` units."""

    __slots__ = ("limit", "spent")

    def __init__(self, limit: int) -> None:
        if isinstance(limit, bool) or not isinstance(limit, int):
            raise TypeError("work_limit must be an int (or None for DEFAULT_WORK_LIMIT)")
        if limit < 0:
            raise ValueError("work_limit must be >= 0")
        self.limit = limit
        self.spent = 0

    def spend(self, units: int) -> None:
        self.spent += units
        if self.spent > self.limit:
            raise CanonicalizationWorkLimitError(
                f"RDFC-1.0 work limit exceeded ({self.limit} units of Hash N-Degree Quads work): "
                "the dataset's blank nodes are too symmetric to canonicalize at this limit "
                "(pass a larger work_limit only for trusted data)"
            )


class NDegreeHasher:
    """The state Hash N-Degree Quads reads: quads per blank node, first-degree hashes, the
    canonical issuer, the hash function and the budget."""

    __slots__ = (
        "budget",
        "canonical",
        "first_hash",
        "hash",
        "max_depth",
        "quads_of",
        "related_hashes",
    )

    def __init__(
        self,
        quads_of: Mapping[str, Sequence[Quad]],
        first_hash: Mapping[str, str],
        canonical: Mapping[str, str],
        hash_fn: HashFn,
        budget: WorkBudget,
    ) -> None:
        self.quads_of = quads_of
        self.first_hash = first_hash
        self.canonical = canonical
        self.hash = hash_fn
        self.budget = budget
        self.max_depth = min(MAX_RECURSION_DEPTH, _stack_headroom() // 3)
        # Hash Related Blank Node inputs repeat across calls and permutations (same position,
        # predicate and identifier); a digest is ~15x the cost of a dict lookup.
        self.related_hashes: dict[str, str] = {}

    def related_hash(self, related: str, predicate: str, issuer: Issuer, position: str) -> str:
        """Hash Related Blank Node (4.7): position, predicate (not for graph names), identifier."""
        identifier = self.canonical.get(related) or issuer.get(related)
        if identifier is None:
            identifier = self.first_hash[related]
        data = "g" + identifier if position == "g" else position + predicate + identifier
        value = self.related_hashes.get(data)
        if value is None:
            value = self.related_hashes[data] = self.hash(data)
        return value

    def _related_groups(self, identifier: str, issuer: Issuer) -> dict[str, list[str]]:
        """Step 3: related blank nodes grouped by their related hash."""
        groups: dict[str, list[str]] = {}
        for subject, predicate, obj, graph in self.quads_of[identifier]:
            if subject != identifier and subject[0] == "_":
                key = self.related_hash(subject, predicate, issuer, "s")
                groups.setdefault(key, []).append(subject)
            if obj != identifier and obj[0] == "_":
                key = self.related_hash(obj, predicate, issuer, "o")
                groups.setdefault(key, []).append(obj)
            if graph and graph != identifier and graph[0] == "_":
                key = self.related_hash(graph, predicate, issuer, "g")
                groups.setdefault(key, []).append(graph)
        return groups

    def hash_n_degree(self, identifier: str, issuer: Issuer, depth: int = 0) -> tuple[str, Issuer]:
        """Return (hash, issuer) for ``identifier``; ``issuer`` is never mutated.

        A call costs one unit plus one per related quad it reads (step 3 hashes each of them).
        """
        budget = self.budget
        budget.spend(1 + len(self.quads_of[identifier]))
        if depth > self.max_depth:
            raise CanonicalizationWorkLimitError(
                f"RDFC-1.0 Hash N-Degree Quads recursion deeper than {self.max_depth}"
            )
        canonical = self.canonical
        groups = self._related_groups(identifier, issuer)
        data: list[str] = []
        for related_hash in sorted(groups):
            data.append(related_hash)
            members = groups[related_hash]
            if len(members) == 1:
                path, issuer = self._single(members[0], issuer, depth)
                data.append(path)
                continue
            chosen_path = ""
            chosen_issuer = issuer
            for permutation in permutations(members):
                budget.spend(len(permutation))
                issuer_copy = issuer.copy()
                path = ""
                recursion: list[str] = []
                pruned = False
                for related in permutation:
                    label = canonical.get(related)
                    if label is None:
                        label = issuer_copy.get(related)
                        if label is None:
                            recursion.append(related)
                            label = issuer_copy[related] = f"_:b{len(issuer_copy)}"
                    path += label
                    if chosen_path and len(path) >= len(chosen_path) and path > chosen_path:
                        pruned = True
                        break
                if pruned:
                    continue
                for related in recursion:
                    result_hash, result_issuer = self.hash_n_degree(related, issuer_copy, depth + 1)
                    path += issuer_copy[related] + "<" + result_hash + ">"
                    issuer_copy = result_issuer
                    if chosen_path and len(path) >= len(chosen_path) and path > chosen_path:
                        pruned = True
                        break
                if pruned:
                    continue
                if not chosen_path or path < chosen_path:
                    chosen_path = path
                    chosen_issuer = issuer_copy
            data.append(chosen_path)
            issuer = chosen_issuer
        return self.hash("".join(data)), issuer

    def _single(self, related: str, issuer: Issuer, depth: int) -> tuple[str, Issuer]:
        """Step 5.4 when the group has one member: one permutation, nothing to compare.

        Same result as the general loop. Issuers are never mutated after they are handed on, so
        when ``related`` already has a label the input issuer is returned instead of a copy.
        """
        self.budget.spend(1)
        label = self.canonical.get(related) or issuer.get(related)
        if label is not None:
            return label, issuer
        issuer = issuer.copy()
        label = issuer[related] = f"_:b{len(issuer)}"
        result_hash, issuer = self.hash_n_degree(related, issuer, depth + 1)
        # The label goes in twice, as in the general loop: once when issued (5.4.4.2), once
        # before the recursion's hash (5.4.5.2).
        return label + label + "<" + result_hash + ">", issuer
