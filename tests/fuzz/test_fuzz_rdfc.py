"""Fuzz the strict N-Quads parser and RDFC-1.0.

Oracles: only ``CanonicalizationError`` (work limit included) escapes the parser and
``rdfc.canonicalize``; the canonical form does not depend on line order or blank-node labels, is a
fixed point, and re-parses to the same dataset; every run stays under the deadline.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.fuzz.fuzz_support import byte_mutated, fuzz, only

from vckit import rdfc
from vckit.errors import CanonicalizationError

pytestmark = pytest.mark.fuzz

_IRI_CHARS = st.characters(
    codec="utf-8", exclude_characters='<>"{}|^`\\', min_codepoint=0x21, exclude_categories=("Cs",)
)
iris = st.builds(
    lambda scheme, rest: f"<{scheme}:{rest}>",
    st.sampled_from(["https", "urn", "did", "x"]),
    st.text(_IRI_CHARS, max_size=12),
)
blank_nodes = st.integers(min_value=0, max_value=5).map(lambda n: f"_:b{n}")
lexical = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
literals = st.one_of(
    lexical.map(rdfc.literal),
    st.builds(
        lambda v, lang: rdfc.literal(v, language=lang),
        lexical,
        st.sampled_from(["en", "de-CH", "x-a1"]),
    ),
    st.builds(lambda v, dt: rdfc.literal(v, dt[1:-1]), lexical, iris),
)
quads = st.tuples(
    iris | blank_nodes,
    iris,
    iris | blank_nodes | literals,
    st.just("") | iris | blank_nodes,
)
datasets = st.lists(quads, max_size=12)


def _text(dataset: list[tuple[str, str, str, str]]) -> str:
    return rdfc.serialize_nquads(dataset)


@fuzz(100)
@given(dataset=datasets, seed=st.integers(0, 2**32 - 1))
def test_canonical_form_is_independent_of_order_and_labels(
    dataset: list[tuple[str, str, str, str]], seed: int
) -> None:
    canonical = only((CanonicalizationError,), rdfc.canonicalize, _text(dataset))
    if isinstance(canonical, CanonicalizationError):
        assert "work limit" in str(canonical) or "Hash N-Degree" in str(canonical)
        return
    shuffle = random.Random(seed)
    names = [f"_:b{n}" for n in range(6)]
    renamed = dict(zip(names, shuffle.sample([f"_:n{n}x" for n in range(6)], 6), strict=True))
    relabelled = [tuple(renamed.get(term, term) for term in quad) for quad in dataset]
    shuffle.shuffle(relabelled)
    assert rdfc.canonicalize(_text(relabelled)) == canonical  # type: ignore[arg-type]
    assert rdfc.canonicalize(canonical) == canonical
    lines = canonical.split("\n")[:-1]
    assert sorted(set(lines)) == lines


nquads_texts = st.one_of(
    st.text(max_size=120),
    datasets.map(_text)
    .map(str.encode)
    .flatmap(byte_mutated)
    .map(lambda data: data.decode("utf-8", "replace")),
    st.lists(
        st.sampled_from(
            [
                "<a:b>",
                "_:x",
                '"v"',
                "@en",
                "^^",
                "<x:y>",
                " ",
                ".",
                "\\u0000",
                "\\U00110000",
                "#c",
                "\n",
                '"\\ud800"',
                "_:a.",
                "\r\n",
            ]
        ),
        max_size=20,
    ).map("".join),
)


@fuzz(300)
@given(text=nquads_texts)
def test_parser_raises_only_canonicalization_errors(text: str) -> None:
    parsed = only((CanonicalizationError,), rdfc.parse_nquads, text)
    if isinstance(parsed, CanonicalizationError):
        return
    # What the parser accepts it writes in canonical term form, and re-reads unchanged.
    assert sorted(rdfc.parse_nquads(rdfc.serialize_nquads(parsed))) == sorted(set(parsed))
    only((CanonicalizationError,), rdfc.canonicalize, text)


@fuzz(20)
@given(size=st.integers(min_value=2, max_value=9), extra=st.integers(min_value=0, max_value=3))
def test_symmetric_poison_graphs_stay_in_time(size: int, extra: int) -> None:
    # cliques and rings of indistinguishable blank nodes: the Hash N-Degree Quads worst case
    lines = [
        f"_:n{a} <x:p> _:n{b} .\n"
        for a in range(size)
        for b in range(size)
        if a != b and (extra == 0 or (b - a) % size <= extra)
    ]
    only((CanonicalizationError,), rdfc.canonicalize, "".join(lines))
