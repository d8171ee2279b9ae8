"""RDFC-1.0, the RDF Dataset Canonicalization algorithm (W3C Recommendation, 2024).

Written for the common case of Verifiable Credentials, where every blank node has a distinct
first-degree hash: those are labelled straight from the sorted first-degree hashes and never reach
the N-degree search. Terms stay the canonical strings of ``_terms.Quad``; the first-degree input of
a blank node is built by string formatting with that node written ``_:a`` and other blank nodes
``_:z``, and the output is one sort of the relabelled lines.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from typing import Final

from vckit.errors import CanonicalizationWorkLimitError
from vckit.rdfc._ndegree import DEFAULT_WORK_LIMIT, NDegreeHasher, WorkBudget
from vckit.rdfc._terms import Quad

__all__ = ["canonicalize_lines", "hash_function"]

_HASHES: Final[dict[str, Callable[[bytes], hashlib._Hash]]] = {
    "sha256": hashlib.sha256,
    "sha384": hashlib.sha384,
}


def _hash_constructor(hash_algorithm: str) -> Callable[[bytes], hashlib._Hash]:
    try:
        return _HASHES[hash_algorithm]
    except (KeyError, TypeError):
        raise ValueError(
            f"unsupported RDFC-1.0 hash algorithm {hash_algorithm!r} (use 'sha256' or 'sha384')"
        ) from None


def hash_function(hash_algorithm: str) -> Callable[[str], str]:
    """Map ``"sha256"`` / ``"sha384"`` to a str -> lowercase hex digest function."""
    constructor = _hash_constructor(hash_algorithm)

    def digest(data: str) -> str:
        return constructor(data.encode()).hexdigest()

    return digest


class _Split:
    """The dataset after one pass, grouped by where its blank nodes are.

    ``fixed``: finished output lines of quads without blank nodes. ``own``: blank node -> the
    first-degree lines (``_:a <p> o .``) of the quads where it is the only blank node and the
    subject; that is most quads of a credential that mention a blank node, and the output line is
    the same string with the label swapped in. ``mixed``: every other quad with a blank node.
    ``blank_quads``: every quad with a blank node, for the N-degree step.
    """

    __slots__ = ("blank_quads", "fixed", "mixed", "own")

    def __init__(self, quads: Iterable[Quad]) -> None:
        fixed: list[str] = []
        own: dict[str, list[str]] = {}
        mixed: list[Quad] = []
        blank_quads: list[Quad] = []
        for quad in quads:
            subject, predicate, obj, graph = quad
            if obj[0] == "_" or (graph and graph[0] == "_"):
                mixed.append(quad)
                blank_quads.append(quad)
            elif subject[0] == "_":
                blank_quads.append(quad)
                line = (
                    f"_:a {predicate} {obj} {graph} .\n" if graph else f"_:a {predicate} {obj} .\n"
                )
                bucket = own.get(subject)
                if bucket is None:
                    own[subject] = [line]
                else:
                    bucket.append(line)
            else:
                fixed.append(
                    f"{subject} {predicate} {obj} {graph} .\n"
                    if graph
                    else f"{subject} {predicate} {obj} .\n"
                )
        self.fixed = fixed
        self.own = own
        self.mixed = mixed
        self.blank_quads = blank_quads

    def first_degree(self) -> dict[str, list[str]]:
        """Blank node -> its quads as N-Quads lines, itself ``_:a`` and other blank nodes ``_:z``.

        Lists may be shared with ``own`` (sorting them in place does not matter to ``lines``).
        """
        own = self.own
        if not self.mixed:
            return own
        result = dict(own)
        copied: set[str] = set()  # nodes whose list is no longer the one in ``own``
        for quad in self.mixed:
            for node in _blank_nodes(quad):
                line = _first_degree_line(quad, node)
                if node in copied:
                    result[node].append(line)
                else:
                    result[node] = [*own.get(node, ()), line]
                    copied.add(node)
        return result

    def lines(self, labels: Mapping[str, str]) -> list[str]:
        """Sorted canonical output lines, blank nodes written with their ``labels``."""
        lines = self.fixed
        for node, own_lines in self.own.items():
            label = labels[node]
            for line in own_lines:  # (appended one by one: no list per node)
                lines.append(label + line[3:])
        for subject, predicate, obj, graph in self.mixed:
            if subject[0] == "_":
                subject = labels[subject]
            if obj[0] == "_":
                obj = labels[obj]
            if graph:
                if graph[0] == "_":
                    graph = labels[graph]
                lines.append(f"{subject} {predicate} {obj} {graph} .\n")
            else:
                lines.append(f"{subject} {predicate} {obj} .\n")
        lines.sort()
        return lines


def _blank_nodes(quad: Quad) -> list[str]:
    """The distinct blank nodes of a quad (subject, object, graph name), in that order."""
    subject, _, obj, graph = quad
    nodes = [subject] if subject[0] == "_" else []
    if obj[0] == "_" and obj != subject:
        nodes.append(obj)
    if graph[:1] == "_" and graph != subject and graph != obj:
        nodes.append(graph)
    return nodes


def _first_degree_line(quad: Quad, node: str) -> str:
    """The quad's N-Quads line for hashing ``node``: ``node`` as ``_:a``, other blank nodes ``_:z``."""
    subject, predicate, obj, graph = quad
    if subject[0] == "_":
        subject = "_:a" if subject == node else "_:z"
    if obj[0] == "_":
        obj = "_:a" if obj == node else "_:z"
    if not graph:
        return f"{subject} {predicate} {obj} .\n"
    if graph[0] == "_":
        graph = "_:a" if graph == node else "_:z"
    return f"{subject} {predicate} {obj} {graph} .\n"


def _quads_by_blank_node(quads: Iterable[Quad], wanted: set[str]) -> dict[str, list[Quad]]:
    """The blank node to *related* quads map, for the ``wanted`` blank nodes only.

    Hash N-Degree Quads reads the quads of the nodes it hashes and recurses only into nodes
    without a canonical label, i.e. nodes of shared first-degree hashes; the others are skipped.
    Of a node's quads it uses only those naming a second blank node (step 3 hashes the *other*
    blank nodes of each quad), so the rest are left out: a node with 8,000 literals costs its
    related quads, not 8,000 iterations per call. Each quad is listed once per blank node even
    when that node fills two positions: the spec adds a *reference to the quad* (rdf-canonize
    uses a set; pyld appends twice and differs).
    """
    result: dict[str, list[Quad]] = {node: [] for node in wanted}
    for quad in quads:
        subject, _, obj, graph = quad
        if len(_blank_nodes(quad)) < 2:
            continue
        if subject in wanted:
            result[subject].append(quad)
        if obj in wanted and obj != subject:
            result[obj].append(quad)
        if graph in wanted and graph != subject and graph != obj:
            result[graph].append(quad)
    return result


def _issue_labels(split: _Split, hash_algorithm: str, work_limit: int | None) -> dict[str, str]:
    """The issued identifiers map: blank node -> canonical ``_:c14nN``, in issue order."""
    constructor = _hash_constructor(hash_algorithm)
    budget = WorkBudget(DEFAULT_WORK_LIMIT if work_limit is None else work_limit)
    # Raw digests: they sort as their lowercase hex does (fixed width), and hex is only needed
    # for the N-degree step, which most credentials never reach.
    first_hash: dict[str, bytes] = {}
    by_hash: dict[bytes, list[str]] = {}
    for node, lines in split.first_degree().items():
        if len(lines) > 1:
            lines.sort()
            value = constructor("".join(lines).encode()).digest()
        else:
            value = constructor(lines[0].encode()).digest()
        first_hash[node] = value
        bucket = by_hash.get(value)
        if bucket is None:
            by_hash[value] = [node]
        else:
            bucket.append(node)

    canonical: dict[str, str] = {}
    shared: list[list[str]] = []
    for value in sorted(by_hash):
        nodes = by_hash[value]
        if len(nodes) == 1:
            canonical[nodes[0]] = f"_:c14n{len(canonical)}"
        else:
            shared.append(nodes)
    if not shared:
        return canonical

    quads_of = _quads_by_blank_node(split.blank_quads, {node for nodes in shared for node in nodes})
    digest = hash_function(hash_algorithm)
    first_hex = {node: value.hex() for node, value in first_hash.items()}
    hasher = NDegreeHasher(quads_of, first_hex, canonical, digest, budget)
    try:
        for nodes in shared:
            results: list[tuple[str, dict[str, str]]] = []
            for node in nodes:
                if node not in canonical:
                    results.append(hasher.hash_n_degree(node, {node: "_:b0"}))
            results.sort(key=lambda result: result[0])
            for _, issuer in results:
                for node in issuer:
                    if node not in canonical:
                        canonical[node] = f"_:c14n{len(canonical)}"
    except RecursionError:
        # MAX_RECURSION_DEPTH normally stops first; this covers callers already deep in the stack.
        raise CanonicalizationWorkLimitError(
            "RDFC-1.0 Hash N-Degree Quads recursion exhausted the Python stack"
        ) from None
    return canonical


def canonicalize_lines(
    quads: Iterable[Quad], hash_algorithm: str, work_limit: int | None, deduplicate: bool = True
) -> tuple[list[str], dict[str, str]]:
    """The public entry points' work (``vckit.rdfc._api``): deduplicate (unless asked not to),
    split, label, sort.

    Quads are trusted, not validated term by term (that is what makes this path fast), but a
    wrong shape is still reported as the programming error it is rather than as an IndexError.
    """
    try:
        unique = list(dict.fromkeys(quads)) if deduplicate else list(quads)
        split = _Split(unique)
    except (IndexError, TypeError, ValueError) as exc:
        raise ValueError(
            "quads must be (subject, predicate, object, graph) tuples of canonical N-Quads "
            "term strings, with graph '' for the default graph"
        ) from exc
    labels = _issue_labels(split, hash_algorithm, work_limit)
    return split.lines(labels), labels
