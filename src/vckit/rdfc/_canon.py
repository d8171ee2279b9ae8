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
from vckit.rdfc._nquads import parse_nquads
from vckit.rdfc._terms import Quad

__all__ = [
    "canonicalize",
    "canonicalize_quads",
    "canonicalize_with_map",
    "hash_function",
]

_HASHES: Final[dict[str, Callable[[bytes], hashlib._Hash]]] = {
    "sha256": hashlib.sha256,
    "sha384": hashlib.sha384,
}


def hash_function(hash_algorithm: str) -> Callable[[str], str]:
    """Map ``"sha256"`` / ``"sha384"`` to a str -> lowercase hex digest function."""
    try:
        constructor = _HASHES[hash_algorithm]
    except (KeyError, TypeError):
        raise ValueError(
            f"unsupported RDFC-1.0 hash algorithm {hash_algorithm!r} (use 'sha256' or 'sha384')"
        ) from None

    def digest(data: str) -> str:
        return constructor(data.encode()).hexdigest()

    return digest


class _Split:
    """The dataset after one pass, grouped by where its blank nodes are.

    ``fixed``: finished output lines of quads without blank nodes. ``subject_only``: for quads
    whose only blank node is the subject (most quads of a credential that mention one), the blank
    node and the rest of the line, so both the first-degree line and the output line are a single
    concatenation. ``mixed``: the other quads with blank nodes. ``first_degree``: blank node ->
    its quads as N-Quads lines, itself written ``_:a`` and other blank nodes ``_:z``.
    """

    __slots__ = ("first_degree", "fixed", "mixed", "subject_only")

    def __init__(self, quads: Iterable[Quad]) -> None:
        fixed: list[str] = []
        subject_only: list[tuple[str, str]] = []
        mixed: list[Quad] = []
        first_degree: dict[str, list[str]] = {}
        for quad in quads:
            subject, predicate, obj, graph = quad
            o_blank = obj[0] == "_"
            g_blank = graph[:1] == "_"
            if subject[0] != "_":
                if not (o_blank or g_blank):
                    fixed.append(
                        f"{subject} {predicate} {obj} {graph} .\n"
                        if graph
                        else f"{subject} {predicate} {obj} .\n"
                    )
                    continue
            elif not (o_blank or g_blank):
                rest = f" {predicate} {obj} {graph} .\n" if graph else f" {predicate} {obj} .\n"
                subject_only.append((subject, rest))
                bucket = first_degree.get(subject)
                if bucket is None:
                    first_degree[subject] = ["_:a" + rest]
                else:
                    bucket.append("_:a" + rest)
                continue
            mixed.append(quad)
            for node in _blank_nodes(quad):
                first_degree.setdefault(node, []).append(_first_degree_line(quad, node))
        self.fixed = fixed
        self.subject_only = subject_only
        self.mixed = mixed
        self.first_degree = first_degree

    def lines(self, labels: Mapping[str, str]) -> list[str]:
        """Sorted canonical output lines, blank nodes written with their ``labels``."""
        lines = self.fixed
        lines.extend([labels[node] + rest for node, rest in self.subject_only])
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


def _quads_by_blank_node(quads: Iterable[Quad]) -> dict[str, list[Quad]]:
    """Blank node -> quads that mention it (the blank node to quads map; N-degree only)."""
    result: dict[str, list[Quad]] = {}
    for quad in quads:
        for node in _blank_nodes(quad):
            bucket = result.get(node)
            if bucket is None:
                result[node] = [quad]
            else:
                bucket.append(quad)
    return result


def _issue_labels(
    split: _Split, quads: list[Quad], hash_algorithm: str, work_limit: int | None
) -> dict[str, str]:
    """The issued identifiers map: blank node -> canonical ``_:c14nN``, in issue order."""
    digest = hash_function(hash_algorithm)
    budget = WorkBudget(DEFAULT_WORK_LIMIT if work_limit is None else work_limit)
    first_hash: dict[str, str] = {}
    by_hash: dict[str, list[str]] = {}
    for node, lines in split.first_degree.items():
        lines.sort()
        value = digest("".join(lines))
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

    hasher = NDegreeHasher(_quads_by_blank_node(quads), first_hash, canonical, digest, budget)
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


def _run(
    quads: Iterable[Quad], hash_algorithm: str, work_limit: int | None
) -> tuple[list[str], dict[str, str]]:
    unique = list(dict.fromkeys(quads))
    split = _Split(unique)
    labels = _issue_labels(split, unique, hash_algorithm, work_limit)
    return split.lines(labels), labels


def canonicalize_with_map(
    quads: Iterable[Quad], *, hash_algorithm: str = "sha256", work_limit: int | None = None
) -> tuple[str, dict[str, str]]:
    """Canonical N-Quads plus the issued identifiers map, input label -> canonical label.

    Labels are written without the ``_:`` prefix, as in the W3C test suite's map results (and as
    selective-disclosure suites use them): ``{"e0": "c14n0"}``.
    """
    lines, labels = _run(quads, hash_algorithm, work_limit)
    return "".join(lines), {node[2:]: label[2:] for node, label in labels.items()}


def canonicalize_quads(
    quads: Iterable[Quad], *, hash_algorithm: str = "sha256", work_limit: int | None = None
) -> str:
    """Canonical N-Quads of a dataset given as quads of canonical term strings (``_terms.Quad``).

    The terms are trusted to be in canonical form (``parse_nquads`` and ``vckit.jsonld.to_rdf``
    produce them); duplicate quads are removed, since a dataset is a set.
    """
    return "".join(_run(quads, hash_algorithm, work_limit)[0])


def canonicalize(nquads: str, hash_algorithm: str = "sha256", work_limit: int | None = None) -> str:
    """Canonical N-Quads (RDFC-1.0) of an N-Quads document, parsed strictly first.

    ``work_limit`` bounds Hash N-Degree Quads (``None``: ``DEFAULT_WORK_LIMIT``); exceeding it
    raises ``CanonicalizationWorkLimitError``. Bad N-Quads raise ``CanonicalizationError``.
    """
    return canonicalize_quads(
        parse_nquads(nquads), hash_algorithm=hash_algorithm, work_limit=work_limit
    )
