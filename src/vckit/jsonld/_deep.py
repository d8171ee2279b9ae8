"""Which blank nodes of a credential the JavaScript stack cannot tell apart within its limit.

rdf-canonize (Digital Bazaar, DCC) stops after ``N ** maxWorkFactor`` calls of Hash N-Degree Quads
(``N``: blank nodes with shared first-degree hashes; default factor 1) with "Maximum deep
iterations exceeded". A credential that needs more canonicalizes fine in vckit but cannot be
verified there; ``vckit.issue`` refuses it by default and names the nodes with this function.

The count depends on the order in which rdf-canonize visits permutations, which follows the
blank node labels jsonld.js assigns. pyld is a port of jsonld.js and labels the same way, so the
replay runs on pyld's dataset; the nodes found are then mapped to the fast path's dataset through
their canonical labels (the two datasets canonicalize identically), and from there to the JSON
values that produced them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from vckit.errors import CanonicalizationError, SafeModeError
from vckit.jsonld._api import emit_document, resolve_loader
from vckit.jsonld._context import Unsupported
from vckit.jsonld._emit import dataset
from vckit.jsonld._paths import format_path
from vckit.jsonld._reference import LoaderCallable, pyld_to_rdf
from vckit.rdfc._canon import canonicalize_lines
from vckit.rdfc._jscompat import (
    check_work_factor,
    has_shared_first_degree_hashes,
    js_deep_iteration_excess,
)

__all__ = ["deep_iteration_nodes"]


def deep_iteration_nodes(
    document: Mapping[str, Any],
    *,
    loader: LoaderCallable | None = None,
    max_work_factor: int = 1,
) -> tuple[str, ...]:
    """JSON paths of the blank nodes rdf-canonize (JS) cannot canonicalize at ``max_work_factor``.

    Empty when the JavaScript stack canonicalizes the document (without its ``proof``, as the
    Data Integrity suites hash it). Otherwise the paths of every blank node whose first-degree
    hash is shared (``$.credentialSubject.achievement.resultDescription[0].allowedValue`` for the
    cells of a ``@list``), deduplicated, in canonical order. The usual fix is to give such nodes
    an ``id``, or to make them differ (a list that repeats a value three times in a row has cells
    only their position tells apart). Raises what ``canonicalize`` raises for a document it
    refuses (safe mode, work limits, unknown contexts).
    """
    if not isinstance(document, Mapping):
        raise TypeError("document must be a JSON object (a Mapping)")
    check_work_factor(max_work_factor)
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    resolved = resolve_loader(loader)
    try:
        emitter = emit_document(unsecured, resolved, safe=True, record_paths=True)
    except Unsupported as error:
        raise SafeModeError(f"safe mode cannot vouch for this document ({error})") from error
    ours = dataset(emitter.quads)
    if not has_shared_first_degree_hashes(ours):  # the usual case: no N-degree work anywhere
        return ()
    theirs = pyld_to_rdf(unsecured, resolved)
    excess = js_deep_iteration_excess(theirs, max_work_factor=max_work_factor)
    if not excess:
        return ()
    _, their_labels = canonicalize_lines(theirs, "sha256", None, deduplicate=False)
    _, our_labels = canonicalize_lines(ours, "sha256", None, deduplicate=False)
    by_canonical = {label: node for node, label in our_labels.items()}
    paths = emitter.paths if emitter.paths is not None else {}
    found: dict[str, None] = {}
    for node in sorted(excess, key=lambda node: int(their_labels[node][6:])):
        ours_node = by_canonical.get(their_labels[node])
        if ours_node is None or ours_node not in paths:
            raise CanonicalizationError(
                "the fast path and pyld disagree on this document's blank nodes; please report it"
            )
        found[format_path(paths[ours_node])] = None
    return tuple(found)
