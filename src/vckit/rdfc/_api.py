"""The public RDFC-1.0 entry points, in plain Python in front of the compiled core.

The work happens in ``_canon`` (compiled with mypyc when the build has a compiler). These wrappers
stay interpreted so the arguments are checked the same way on both builds: a compiled function
checks its declared types itself, with its own wording and treating ``True`` as the int ``1``.
"""

from __future__ import annotations

from collections.abc import Iterable

from vckit.rdfc._canon import canonicalize_lines
from vckit.rdfc._terms import Quad

__all__ = ["canonicalize", "canonicalize_quads", "canonicalize_with_map"]

_HASH_ALGORITHMS = ("sha256", "sha384")


def _check(hash_algorithm: object, work_limit: object) -> None:
    if not isinstance(hash_algorithm, str) or hash_algorithm not in _HASH_ALGORITHMS:
        raise ValueError(
            f"unsupported RDFC-1.0 hash algorithm {hash_algorithm!r} (use 'sha256' or 'sha384')"
        )
    if work_limit is not None and (isinstance(work_limit, bool) or not isinstance(work_limit, int)):
        raise TypeError("work_limit must be an int (or None for DEFAULT_WORK_LIMIT)")


def canonicalize_with_map(
    quads: Iterable[Quad], *, hash_algorithm: str = "sha256", work_limit: int | None = None
) -> tuple[str, dict[str, str]]:
    """Canonical N-Quads plus the issued identifiers map, input label -> canonical label.

    Labels are written without the ``_:`` prefix, as in the W3C test suite's map results (and as
    selective-disclosure suites use them): ``{"e0": "c14n0"}``.
    """
    _check(hash_algorithm, work_limit)
    lines, labels = canonicalize_lines(quads, hash_algorithm, work_limit)
    return "".join(lines), {node[2:]: label[2:] for node, label in labels.items()}


def canonicalize_quads(
    quads: Iterable[Quad],
    *,
    hash_algorithm: str = "sha256",
    work_limit: int | None = None,
    deduplicate: bool = True,
) -> str:
    """Canonical N-Quads of a dataset given as quads of canonical term strings (``_terms.Quad``).

    The terms are trusted to be in canonical form (``parse_nquads`` and ``vckit.jsonld.to_rdf``
    produce them). Duplicate quads are removed, since a dataset is a set, unless
    ``deduplicate=False``: JSON-LD toRdf can emit one quad twice (two empty ``@list`` values on
    one node and property), and jsonld.js and pyld both hash such a duplicate twice, so the
    JSON-LD path keeps it to produce the bytes the rest of the ecosystem signs.
    """
    _check(hash_algorithm, work_limit)
    return "".join(canonicalize_lines(quads, hash_algorithm, work_limit, bool(deduplicate))[0])


def canonicalize(nquads: str, hash_algorithm: str = "sha256", work_limit: int | None = None) -> str:
    """Canonical N-Quads (RDFC-1.0) of an N-Quads document, parsed strictly first.

    ``work_limit`` bounds Hash N-Degree Quads (``None``: ``DEFAULT_WORK_LIMIT``); exceeding it
    raises ``CanonicalizationWorkLimitError``. Bad N-Quads raise ``CanonicalizationError``.
    """
    # imported here: signing never parses N-Quads, and the parser's grammar costs import time
    from vckit.rdfc._nquads import parse_nquads

    return canonicalize_quads(
        parse_nquads(nquads), hash_algorithm=hash_algorithm, work_limit=work_limit
    )
