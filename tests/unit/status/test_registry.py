"""StatusRegistry guarantees, each on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import itertools
import multiprocessing
from collections import Counter
from typing import Any

import pytest
from tests.unit.status.conftest import TEMPLATE, RegistryFactory

from vckit.status import (
    BitstringStatusList,
    StatusRegistry,
    StatusRegistryError,
    SupportsStatusAllocation,
)


def _index(entry: dict[str, Any]) -> int:
    return int(entry["statusListIndex"])


def test_allocate_returns_a_bitstring_entry(make_registry: RegistryFactory) -> None:
    registry = make_registry()
    assert isinstance(registry, SupportsStatusAllocation)
    entry = registry.allocate("urn:uuid:a")
    url = TEMPLATE.format(list=1)
    assert entry == {
        "id": f"{url}#{entry['statusListIndex']}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": entry["statusListIndex"],
        "statusListCredential": url,
    }
    assert 0 <= _index(entry) < 131_072
    assert entry["statusListIndex"] == str(_index(entry))


def test_allocation_is_idempotent_per_credential_and_purpose(
    make_registry: RegistryFactory,
) -> None:
    registry = make_registry()
    first = registry.allocate("urn:uuid:a")
    assert registry.allocate("urn:uuid:a") == first
    assert registry.allocate_many(["urn:uuid:b", "urn:uuid:a", "urn:uuid:b"])[1] == first
    suspension = registry.allocate("urn:uuid:a", purpose="suspension")
    assert suspension["statusPurpose"] == "suspension"
    assert suspension["statusListCredential"] != first["statusListCredential"]
    assert registry.entry("urn:uuid:a") == first
    assert registry.entry("urn:uuid:unknown") is None
    assert registry.lists()[0].allocated == 2  # a and b, each once


def test_indexes_are_spread_at_random_over_the_list(make_registry: RegistryFactory) -> None:
    registry = make_registry()
    indexes = [_index(e) for e in registry.allocate_many([f"urn:uuid:{i}" for i in range(2000)])]
    assert len(set(indexes)) == 2000
    buckets = Counter(index * 8 // 131_072 for index in indexes)
    assert sorted(buckets) == list(range(8))
    assert all(150 <= count <= 350 for count in buckets.values()), buckets  # mean 250, sd 15
    neighbours = sum(1 for a, b in itertools.pairwise(indexes) if abs(a - b) < 16)
    assert neighbours < 10  # not handed out in order
    # a second registry (another list secret) hands out a different sequence
    other = make_registry(prefix="other")
    others = [_index(e) for e in other.allocate_many([f"urn:uuid:{i}" for i in range(50)])]
    assert others != indexes[:50]


def test_full_list_rolls_over_and_no_index_is_handed_out_twice(
    make_registry: RegistryFactory,
) -> None:
    registry = make_registry(list_size=64)
    entries = registry.allocate_many([f"urn:uuid:{i}" for i in range(64)])
    assert {_index(e) for e in entries} == set(range(64))
    assert {e["statusListCredential"] for e in entries} == {TEMPLATE.format(list=1)}
    more = [registry.allocate(f"urn:uuid:x{i}") for i in range(70)]
    assert [e["statusListCredential"] for e in more[:64]] == [TEMPLATE.format(list=2)] * 64
    assert more[64]["statusListCredential"] == TEMPLATE.format(list=3)
    assert {_index(e) for e in more[:64]} == set(range(64))
    infos = registry.lists()
    assert [(i.url, i.allocated, i.size) for i in infos] == [
        (TEMPLATE.format(list=1), 64, 64),
        (TEMPLATE.format(list=2), 64, 64),
        (TEMPLATE.format(list=3), 6, 64),
    ]


def test_url_template_may_name_the_purpose(make_registry: RegistryFactory) -> None:
    registry = make_registry(url_template="https://i.example/{purpose}/{list}")
    assert registry.allocate("a")["statusListCredential"] == "https://i.example/revocation/1"
    assert registry.allocate("a", purpose="suspension")["statusListCredential"] == (
        "https://i.example/suspension/2"
    )


def test_revocation_is_recorded_irreversible_and_bumps_the_version(
    make_registry: RegistryFactory,
) -> None:
    registry = make_registry(list_size=16)
    entries = registry.allocate_many([f"c{i}" for i in range(8)])
    url = entries[0]["statusListCredential"]
    assert registry.list_versions() == {url: 1}
    assert registry.revoke("c3") is True
    assert registry.revoke("c3") is False  # already revoked: no change, no new version
    assert registry.list_versions() == {url: 2}
    assert registry.status("c3") == 1
    exported = registry.export(url)
    assert (exported.url, exported.purpose, exported.version) == (url, "revocation", 2)
    assert list(exported.status_list.set_indexes()) == [_index(entries[3])]
    assert registry.status_list(url) == exported.status_list
    assert not hasattr(registry, "unrevoke")
    with pytest.raises(StatusRegistryError, match="no suspension entry"):
        registry.unsuspend("c3")  # a revocation is not a suspension
    assert registry.status("c3") == 1


def test_revoked_indexes_are_never_reused(make_registry: RegistryFactory) -> None:
    registry = make_registry(list_size=16)
    first = registry.allocate_many([f"c{i}" for i in range(8)])
    for i in range(8):
        registry.revoke(f"c{i}")
    later = registry.allocate_many([f"d{i}" for i in range(8)])
    assert {_index(e) for e in first}.isdisjoint({_index(e) for e in later})
    assert all(registry.status(f"d{i}") == 0 for i in range(8))


def test_suspension_is_reversible_and_each_change_bumps_the_version(
    make_registry: RegistryFactory,
) -> None:
    registry = make_registry()
    entry = registry.allocate("c", purpose="suspension")
    url = entry["statusListCredential"]
    assert registry.suspend("c") is True
    assert registry.suspend("c") is False
    assert registry.status_list(url).get(_index(entry)) == 1
    assert registry.unsuspend("c") is True
    assert registry.unsuspend("c") is False
    assert registry.status_list(url).get(_index(entry)) == 0
    assert registry.list_versions()[url] == 3
    assert registry.export(url).purpose == "suspension"


def test_unknown_credentials_and_lists(make_registry: RegistryFactory) -> None:
    registry = make_registry()
    with pytest.raises(StatusRegistryError, match="no revocation entry"):
        registry.revoke("never-allocated")
    with pytest.raises(StatusRegistryError, match="no status list"):
        registry.export("https://issuer.example/status/99")
    with pytest.raises(StatusRegistryError, match="no revocation entry"):
        registry.status("never-allocated")


def test_state_survives_reopening(make_registry: RegistryFactory) -> None:
    first = make_registry()
    entry = first.allocate("c")
    first.revoke("c")
    first.close()
    again = make_registry()
    assert again.allocate("c") == entry
    assert again.status("c") == 1


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda r: r.allocate("c", purpose="message"), "purpose"),
        (lambda r: r.allocate(""), "credential_id"),
        (lambda r: r.allocate("x" * 3000), "credential_id"),
        (lambda r: r.allocate_many([1]), "credential_id"),
    ],
)
def test_bad_arguments(make_registry: RegistryFactory, call: Any, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        call(make_registry())


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"url_template": "https://i.example/status"}, "url_template"),
        ({"url_template": "https://i.example/{list}/{other}"}, "url_template"),
        ({"list_size": 4}, "list_size"),
        ({"prefix": "bad-prefix; drop"}, "prefix"),
    ],
)
def test_bad_registry_options(options: dict[str, Any], match: str, tmp_path: Any) -> None:
    options.setdefault("url_template", TEMPLATE)
    with pytest.raises(ValueError, match=match):
        StatusRegistry.sqlite(str(tmp_path / "x.db"), **options)


def test_sqlite_in_memory() -> None:
    with StatusRegistry.sqlite(":memory:", url_template=TEMPLATE, list_size=8) as registry:
        entries = registry.allocate_many([str(i) for i in range(9)])
        assert {_index(e) for e in entries[:8]} == set(range(8))
        assert entries[8]["statusListCredential"] == TEMPLATE.format(list=2)


def test_unreachable_postgres_is_a_registry_error() -> None:
    pytest.importorskip("psycopg")
    with pytest.raises(StatusRegistryError, match="PostgreSQL"):
        StatusRegistry.postgres(
            "host=127.0.0.1 port=1 user=nobody dbname=none connect_timeout=2", url_template=TEMPLATE
        )


def test_exported_list_is_publishable(make_registry: RegistryFactory) -> None:
    registry = make_registry()
    entry = registry.allocate("c")
    registry.revoke("c")
    encoded = registry.export(entry["statusListCredential"]).status_list.encode()
    assert BitstringStatusList.decode(encoded).get(_index(entry)) == 1


# -- concurrency: 4 processes x 25,000 allocations ----------------------------------------------

PROCESSES = 4
PER_PROCESS = 25_000
BATCH = 1_000


def _allocate_worker(kind: str, target: str, worker: int) -> list[tuple[str, int]]:
    if kind == "sqlite":
        registry = StatusRegistry.sqlite(target, url_template=TEMPLATE, list_size=32_768)
    else:
        registry = StatusRegistry.postgres(target, url_template=TEMPLATE, list_size=32_768)
    out: list[tuple[str, int]] = []
    with registry:
        for start in range(0, PER_PROCESS, BATCH):
            ids = [f"urn:w{worker}:{n}" for n in range(start, start + BATCH)]
            out.extend((e["statusListCredential"], _index(e)) for e in registry.allocate_many(ids))
    return out


def test_four_processes_allocate_100000_distinct_indexes(make_registry: RegistryFactory) -> None:
    make_registry(list_size=32_768).close()  # create the schema once
    kind, target = make_registry.kind, make_registry.target  # type: ignore[attr-defined]
    context = multiprocessing.get_context("fork")
    with context.Pool(PROCESSES) as pool:
        results = pool.starmap(_allocate_worker, [(kind, target, w) for w in range(PROCESSES)])
    allocated = [pair for result in results for pair in result]
    assert len(allocated) == PROCESSES * PER_PROCESS
    assert len(set(allocated)) == 100_000
    registry = make_registry(list_size=32_768)
    infos = registry.lists()
    assert sum(info.allocated for info in infos) == 100_000
    assert [info.allocated for info in infos] == [32_768, 32_768, 32_768, 1_696]


def test_registry_pickles_as_a_reopen(make_registry: RegistryFactory) -> None:
    import pickle

    registry = make_registry(list_size=64, prefix="pickled")
    entry = registry.allocate("c")
    clone = pickle.loads(pickle.dumps(registry))
    try:
        assert clone.allocate("c") == entry  # the same database, table prefix and list size
        assert clone.lists()[0].size == 64
    finally:
        clone.close()


def test_in_memory_registry_does_not_pickle() -> None:
    import pickle

    with (
        StatusRegistry.sqlite(":memory:", url_template=TEMPLATE) as registry,
        pytest.raises(TypeError, match="cannot be pickled"),
    ):
        pickle.dumps(registry)
