"""RDFC-1.0 on small hand-made datasets, with expected values worked out from the spec."""

from __future__ import annotations

import hashlib

import pytest
from pyld import jsonld

from vckit import rdfc
from vckit.errors import CanonicalizationWorkLimitError
from vckit.rdfc import Quad


def _pyld(text: str) -> str:
    options = {
        "algorithm": "URDNA2015",
        "inputFormat": "application/n-quads",
        "format": "application/n-quads",
    }
    result: str = jsonld.normalize(text, options)
    return result


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def test_no_blank_nodes_is_sorted_and_deduplicated() -> None:
    text = (
        "<urn:b> <urn:p> <urn:o> .\n<urn:a> <urn:p> <urn:o> <urn:g> .\n<urn:b> <urn:p> <urn:o> .\n"
    )
    assert rdfc.canonicalize(text) == (
        "<urn:a> <urn:p> <urn:o> <urn:g> .\n<urn:b> <urn:p> <urn:o> .\n"
    )


def test_empty_dataset() -> None:
    assert rdfc.canonicalize("") == ""
    assert rdfc.canonicalize_with_map([]) == ("", {})


def test_single_blank_node() -> None:
    text = '_:node <urn:p> "v" .\n<urn:s> <urn:q> _:node .\n'
    output, issued = rdfc.canonicalize_with_map(rdfc.parse_nquads(text))
    assert output == '<urn:s> <urn:q> _:c14n0 .\n_:c14n0 <urn:p> "v" .\n'
    assert issued == {"node": "c14n0"}


def test_labels_follow_first_degree_hash_order() -> None:
    """Two blank nodes with distinct first-degree hashes: the smaller hash gets c14n0."""
    text = '_:x <urn:p> "one" .\n_:y <urn:p> "two" .\n'
    hash_x = _sha256('_:a <urn:p> "one" .\n')
    hash_y = _sha256('_:a <urn:p> "two" .\n')
    first, second = ("x", "y") if hash_x < hash_y else ("y", "x")
    _, issued = rdfc.canonicalize_with_map(rdfc.parse_nquads(text))
    assert issued == {first: "c14n0", second: "c14n1"}
    assert list(issued) == [first, second]


def test_first_degree_hash_writes_other_blank_nodes_as_z() -> None:
    """_:x's first-degree input is '_:a <urn:p> _:z .'; _:y's is '_:z <urn:p> _:a .'."""
    text = "_:x <urn:p> _:y .\n"
    hash_x = _sha256("_:a <urn:p> _:z .\n")
    hash_y = _sha256("_:z <urn:p> _:a .\n")
    expected_x = "c14n0" if hash_x < hash_y else "c14n1"
    _, issued = rdfc.canonicalize_with_map(rdfc.parse_nquads(text))
    assert issued["x"] == expected_x


def test_blank_node_twice_in_one_quad_counts_the_quad_once() -> None:
    """The blank node to quads map holds a reference to each quad once (as rdf-canonize's Set).

    pyld appends such a quad twice and so labels this dataset the other way round; the JS
    reference implementation prints the expected value below.
    """
    text = "_:n0 <urn:p:p> _:n0 <urn:ex:a> .\n_:n0 <urn:p:p> _:n1 .\n"
    hash_n0 = _sha256("_:a <urn:p:p> _:a <urn:ex:a> .\n_:a <urn:p:p> _:z .\n")
    hash_n1 = _sha256("_:z <urn:p:p> _:a .\n")
    assert hash_n0 < hash_n1
    expected = "_:c14n0 <urn:p:p> _:c14n0 <urn:ex:a> .\n_:c14n0 <urn:p:p> _:c14n1 .\n"
    assert rdfc.canonicalize(text) == expected
    assert _pyld(text) != expected


def test_symmetric_pair_needs_n_degree_and_is_stable() -> None:
    text = "_:a <urn:p> _:b .\n_:b <urn:p> _:a .\n"
    expected = "_:c14n0 <urn:p> _:c14n1 .\n_:c14n1 <urn:p> _:c14n0 .\n"
    assert rdfc.canonicalize(text) == expected
    assert rdfc.canonicalize(text.replace("_:a", "_:q")) == expected
    assert _pyld(text) == expected


def test_blank_graph_name_is_labelled() -> None:
    text = "_:s <urn:p> <urn:o> _:g .\n"
    output, issued = rdfc.canonicalize_with_map(rdfc.parse_nquads(text))
    assert set(issued) == {"s", "g"}
    assert output in {"_:c14n0 <urn:p> <urn:o> _:c14n1 .\n", "_:c14n1 <urn:p> <urn:o> _:c14n0 .\n"}
    assert output == _pyld(text)


def test_isomorphic_inputs_give_identical_output() -> None:
    """A 6-cycle of identical blank nodes plus a tail: every relabelling canonicalizes alike."""
    edges = [(i, (i + 1) % 6) for i in range(6)] + [(0, 6)]
    base = "".join(f"_:n{a} <urn:p> _:n{b} .\n" for a, b in edges)
    renamed = "".join(f"_:other{5 - a} <urn:p> _:other{5 - b} .\n" for a, b in reversed(edges))
    assert rdfc.canonicalize(base) == rdfc.canonicalize(renamed)
    assert rdfc.canonicalize(base) == _pyld(base)


def test_sha384_changes_the_labelling_hashes() -> None:
    text = '_:x <urn:p> "one" .\n_:y <urn:p> "two" .\n'
    hash_x = hashlib.sha384(b'_:a <urn:p> "one" .\n').hexdigest()
    hash_y = hashlib.sha384(b'_:a <urn:p> "two" .\n').hexdigest()
    _, issued = rdfc.canonicalize_with_map(rdfc.parse_nquads(text), hash_algorithm="sha384")
    assert issued["x"] == ("c14n0" if hash_x < hash_y else "c14n1")


@pytest.mark.parametrize("name", ["md5", "SHA256", "sha-256", "sha512", ""])
def test_unsupported_hash_algorithm(name: str) -> None:
    with pytest.raises(ValueError, match="hash algorithm"):
        rdfc.canonicalize("<urn:s> <urn:p> <urn:o> .", name)


def test_duplicate_quads_count_once() -> None:
    quads: list[Quad] = [("_:b", "<urn:p>", '"v"', "")] * 3
    assert rdfc.canonicalize_quads(quads) == '_:c14n0 <urn:p> "v" .\n'


def test_canonicalize_quads_takes_any_iterable() -> None:
    quads = (quad for quad in [("<urn:s>", "<urn:p>", "_:o", "<urn:g>")])
    assert rdfc.canonicalize_quads(quads) == "<urn:s> <urn:p> _:c14n0 <urn:g> .\n"


def test_input_quads_are_not_mutated() -> None:
    quads: list[Quad] = [("_:a", "<urn:p>", "_:b", ""), ("_:b", "<urn:p>", "_:a", "")]
    before = list(quads)
    rdfc.canonicalize_quads(quads)
    assert quads == before


def test_work_limit_zero_allows_datasets_without_symmetry() -> None:
    text = '_:x <urn:p> "one" .\n_:y <urn:p> "two" .\n'
    assert rdfc.canonicalize(text, work_limit=0).count("_:c14n") == 2


def test_work_limit_stops_n_degree_work() -> None:
    text = "_:a <urn:p> _:b .\n_:b <urn:p> _:a .\n"
    with pytest.raises(CanonicalizationWorkLimitError, match="work limit"):
        rdfc.canonicalize(text, work_limit=1)
    assert rdfc.canonicalize(text, work_limit=100).count("_:c14n") == 4


@pytest.mark.parametrize(
    "bad",
    [
        [("<urn:s>", "<urn:p>", "", "")],
        [("<urn:s>", "<urn:p>", "<urn:o>")],
        [("<urn:s>", "<urn:p>", None, "")],
        ["<urn:s> <urn:p> <urn:o> ."],
    ],
)
def test_malformed_quads_are_a_programming_error(bad: list[object]) -> None:
    with pytest.raises(ValueError, match="quads must be"):
        rdfc.canonicalize_quads(bad)  # type: ignore[arg-type]


def test_negative_work_limit_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="work_limit"):
        rdfc.canonicalize("<urn:s> <urn:p> <urn:o> .", work_limit=-1)


@pytest.mark.parametrize("bad", [1.5, "10", True])
def test_work_limit_must_be_an_int(bad: object) -> None:
    with pytest.raises(TypeError, match="work_limit"):
        rdfc.canonicalize("<urn:s> <urn:p> <urn:o> .", work_limit=bad)  # type: ignore[arg-type]


def test_public_names() -> None:
    assert {
        "DEFAULT_WORK_LIMIT",
        "Quad",
        "canonicalize",
        "canonicalize_quads",
        "canonicalize_with_map",
        "parse_nquads",
        "serialize_nquads",
    } <= set(rdfc.__all__)
    assert all(hasattr(rdfc, name) for name in rdfc.__all__)


def test_default_work_limit_is_public_and_positive() -> None:
    assert isinstance(rdfc.DEFAULT_WORK_LIMIT, int)
    assert rdfc.DEFAULT_WORK_LIMIT >= 10_000
