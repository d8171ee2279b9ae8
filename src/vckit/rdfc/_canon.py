"""RDFC-1.0, the RDF Dataset Canonicalization algorithm (W3C Recommendation, 2024).

Written for the common case of Verifiable Credentials, where every blank node has a distinct
first-degree hash: those are labelled straight from the sorted first-degree hashes and never reach
the N-degree search. Terms stay the canonical strings of ``_terms.Quad``; the first-degree input of
a blank node is built by string formatting with that node written ``_:a`` and other blank nodes
``_:z``, and the output is one sort of the relabelled lines.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Final

from vckit.rdfc._ndegree import DEFAULT_WORK_LIMIT, NDegreeHasher, WorkBudget
from vckit.rdfc._nquads import parse_nquads
from vckit.rdfc._terms import Quad

__all__ = [
    "canonical_labels",
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


def _first_degree_inputs(quads: Iterable[Quad]) -> dict[str, list[str]]:
    """Blank node -> its quads as N-Quads lines, itself as ``_:a`` and other blank nodes as ``_:z``.

    Each line also stands for the quad (the N-degree step needs the quads themselves; it gets them
    from ``_quads_by_blank_node`` only when needed).
    """
    lines: dict[str, list[str]] = {}
    for subject, predicate, obj, graph in quads:
        s_blank = subject[0] == "_"
        o_blank = obj[0] == "_"
        g_blank = graph[:1] == "_"
        if not (s_blank or o_blank or g_blank):
            continue
        if s_blank and not o_blank and not g_blank:  # by far the most common shape
            line = f"_:a {predicate} {obj} {graph} .\n" if graph else f"_:a {predicate} {obj} .\n"
            bucket = lines.get(subject)
            if bucket is None:
                lines[subject] = [line]
            else:
                bucket.append(line)
            continue
        for node in {
            term for term, blank in ((subject, s_blank), (obj, o_blank), (graph, g_blank)) if blank
        }:
            s = ("_:a" if subject == node else "_:z") if s_blank else subject
            o = ("_:a" if obj == node else "_:z") if o_blank else obj
            if graph:
                g = ("_:a" if graph == node else "_:z") if g_blank else graph
                line = f"{s} {predicate} {o} {g} .\n"
            else:
                line = f"{s} {predicate} {o} .\n"
            lines.setdefault(node, []).append(line)
    return lines


def _quads_by_blank_node(quads: Iterable[Quad]) -> dict[str, list[Quad]]:
    """Blank node -> quads that mention it (the blank node to quads map, for N-degree only)."""
    result: dict[str, list[Quad]] = {}
    for quad in quads:
        subject, _, obj, graph = quad
        for term in {subject, obj, graph}:
            if term[:1] == "_":
                result.setdefault(term, []).append(quad)
    return result


def canonical_labels(
    quads: list[Quad], hash_algorithm: str = "sha256", work_limit: int | None = None
) -> dict[str, str]:
    """The issued identifiers map: blank node term -> canonical term (``_:c14nN``), in issue order.

    ``quads`` must already be free of duplicates.
    """
    digest = hash_function(hash_algorithm)
    budget = WorkBudget(DEFAULT_WORK_LIMIT if work_limit is None else work_limit)
    inputs = _first_degree_inputs(quads)
    if not inputs:
        return {}
    first_hash: dict[str, str] = {}
    by_hash: dict[str, list[str]] = {}
    for node, lines in inputs.items():
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
    for nodes in shared:
        results: list[tuple[str, dict[str, str]]] = []
        for node in nodes:
            if node in canonical:
                continue
            results.append(hasher.hash_n_degree(node, {node: "_:b0"}))
        results.sort(key=lambda result: result[0])
        for _, issuer in results:
            for node in issuer:
                if node not in canonical:
                    canonical[node] = f"_:c14n{len(canonical)}"
    return canonical


def _relabelled_lines(quads: Iterable[Quad], labels: dict[str, str]) -> list[str]:
    lines: list[str] = []
    append = lines.append
    for subject, predicate, obj, graph in quads:
        if subject[0] == "_":
            subject = labels[subject]
        if obj[0] == "_":
            obj = labels[obj]
        if graph:
            if graph[0] == "_":
                graph = labels[graph]
            append(f"{subject} {predicate} {obj} {graph} .\n")
        else:
            append(f"{subject} {predicate} {obj} .\n")
    lines.sort()
    return lines


def canonicalize_with_map(
    quads: Iterable[Quad], *, hash_algorithm: str = "sha256", work_limit: int | None = None
) -> tuple[str, dict[str, str]]:
    """Canonical N-Quads plus the issued identifiers map, input label -> canonical label.

    Labels are written without the ``_:`` prefix, as in the W3C test suite's map results (and as
    selective-disclosure suites use them): ``{"e0": "c14n0"}``.
    """
    unique = list(dict.fromkeys(quads))
    labels = canonical_labels(unique, hash_algorithm, work_limit)
    text = "".join(_relabelled_lines(unique, labels))
    return text, {node[2:]: label[2:] for node, label in labels.items()}


def canonicalize_quads(
    quads: Iterable[Quad], *, hash_algorithm: str = "sha256", work_limit: int | None = None
) -> str:
    """Canonical N-Quads of a dataset given as quads of canonical term strings (``_terms.Quad``).

    The terms are trusted to be in canonical form (``parse_nquads`` and ``vckit.jsonld.to_rdf``
    produce them); duplicate quads are removed, since a dataset is a set.
    """
    unique = list(dict.fromkeys(quads))
    labels = canonical_labels(unique, hash_algorithm, work_limit)
    return "".join(_relabelled_lines(unique, labels))


def canonicalize(nquads: str, hash_algorithm: str = "sha256", work_limit: int | None = None) -> str:
    """Canonical N-Quads (RDFC-1.0) of an N-Quads document, parsed strictly first.

    ``work_limit`` bounds Hash N-Degree Quads (``None``: ``DEFAULT_WORK_LIMIT``); exceeding it
    raises ``CanonicalizationWorkLimitError``. Bad N-Quads raise ``CanonicalizationError``.
    """
    return canonicalize_quads(
        parse_nquads(nquads), hash_algorithm=hash_algorithm, work_limit=work_limit
    )
