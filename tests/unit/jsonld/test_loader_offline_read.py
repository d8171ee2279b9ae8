"""The context processor reads vckit's own loader's offline table directly (core4).

``ContextProcessor._load`` skips the interpreted ``DocumentLoader.get`` call when the loader is
exactly ``DocumentLoader`` and the URL is already in its offline table: the same document
``get`` would return. A subclass (which may override ``get``) is still asked every time.
"""

from __future__ import annotations

from typing import Any

from vckit import jsonld
from vckit.jsonld import DocumentLoader

CONTEXT = "https://example.org/ctx/core4.jsonld"
DOCUMENT = {
    "@context": CONTEXT,
    "id": "https://example.org/thing/1",
    "name": "A thing",
}
EXTRA = {CONTEXT: {"@context": {"name": "https://schema.org/name", "id": "@id"}}}
EXPECTED = '<https://example.org/thing/1> <https://schema.org/name> "A thing" .\n'


class _CountingLoader(DocumentLoader):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.asked: list[str] = []

    def get(self, url: str) -> Any:
        self.asked.append(url)
        return super().get(url)


def test_own_loader_gives_the_same_dataset_before_and_after_its_offline_table_fills() -> None:
    loader = DocumentLoader(extra=EXTRA)
    first = jsonld.canonicalize(DOCUMENT, loader)
    assert CONTEXT in loader._offline  # the second run takes the direct read
    again = jsonld.canonicalize(DOCUMENT, loader)  # now answered from the offline table
    assert first == again == EXPECTED


def test_a_subclass_is_asked_through_its_get_every_time() -> None:
    loader = _CountingLoader(extra=EXTRA)
    assert jsonld.canonicalize(DOCUMENT, loader) == EXPECTED
    assert jsonld.canonicalize(DOCUMENT, loader) == EXPECTED
    assert loader.asked == [CONTEXT, CONTEXT]
