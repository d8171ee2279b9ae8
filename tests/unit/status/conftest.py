"""Fixtures for the status tests: a throwaway PostgreSQL cluster and a registry per store."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from tests._pg import PgCluster, PgUnavailableError, find_pg_bin, shared_cluster

from vckit.status import StatusRegistry

TEMPLATE = "https://issuer.example/status/{list}"


def start_pg_cluster() -> PgCluster:
    """The process-wide test cluster; skips only where PostgreSQL or psycopg is missing."""
    if find_pg_bin() is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    pytest.importorskip(
        "psycopg", reason="psycopg 3 is not installed (pip install 'vckit[postgres]')"
    )
    try:
        return shared_cluster()
    except PgUnavailableError as exc:
        pytest.fail(f"PostgreSQL binaries exist but the test cluster did not start: {exc}")


@pytest.fixture(scope="session")
def pg_cluster() -> PgCluster:
    """One PostgreSQL cluster for the whole session (stopped when the test process exits)."""
    return start_pg_cluster()


RegistryFactory = Callable[..., StatusRegistry]


@pytest.fixture(params=["sqlite", "postgres"])
def store_kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def make_registry(
    store_kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[RegistryFactory]:
    """Build registries on one fresh database of the parametrised store."""
    opened: list[StatusRegistry] = []
    if store_kind == "sqlite":
        target = str(tmp_path / "status.db")

        def make(**options: object) -> StatusRegistry:
            options.setdefault("url_template", TEMPLATE)
            registry = StatusRegistry.sqlite(target, **options)  # type: ignore[arg-type]
            opened.append(registry)
            return registry

    else:
        cluster: PgCluster = request.getfixturevalue("pg_cluster")
        dsn = cluster.new_database()

        def make(**options: object) -> StatusRegistry:
            options.setdefault("url_template", TEMPLATE)
            registry = StatusRegistry.postgres(dsn, **options)  # type: ignore[arg-type]
            opened.append(registry)
            return registry

    make.target = target if store_kind == "sqlite" else dsn  # type: ignore[attr-defined]
    make.kind = store_kind  # type: ignore[attr-defined]
    yield make
    for registry in opened:
        registry.close()
