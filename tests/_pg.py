"""A throwaway PostgreSQL cluster for tests and benchmarks: initdb + pg_ctl on a free port.

initdb refuses to run as root, so as root the cluster is created and started as the unprivileged
``postgres`` user (``runuser``); otherwise as the current user. It listens on 127.0.0.1 only,
trusts local connections, runs without fsync (a test cluster holds nothing worth keeping) and is
stopped and deleted by :meth:`PgCluster.stop` (for :func:`shared_cluster`, at process exit).
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

__all__ = ["PgCluster", "PgUnavailableError", "find_pg_bin", "shared_cluster"]


class PgUnavailableError(RuntimeError):
    """No PostgreSQL server binaries on this machine, or no way to run them."""


def find_pg_bin() -> Path | None:
    """The directory holding ``initdb`` and ``pg_ctl`` (PATH first, then Debian's layout)."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(candidate, "initdb").exists() and Path(candidate, "pg_ctl").exists():
            return Path(candidate)
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PgCluster:
    """Start with :meth:`start`; ``dsn()`` names a fresh database; :meth:`stop` removes it all."""

    def __init__(self) -> None:
        bindir = find_pg_bin()
        if bindir is None:
            raise PgUnavailableError("no PostgreSQL server binaries (initdb, pg_ctl) found")
        self._bin = bindir
        self._prefix: list[str] = []
        self._owner: tuple[int, int] | None = None
        if os.geteuid() == 0:
            try:
                entry = pwd.getpwnam("postgres")
            except KeyError:
                raise PgUnavailableError(
                    "running as root and there is no 'postgres' user to run initdb as"
                ) from None
            runuser = shutil.which("runuser")
            if runuser is None:
                raise PgUnavailableError("running as root and 'runuser' is missing")
            self._prefix = [runuser, "-u", "postgres", "--"]
            self._owner = (entry.pw_uid, entry.pw_gid)
        self._root = Path(tempfile.mkdtemp(prefix="vckit-pg-"))
        self.data = self._root / "data"
        self.sockets = self._root / "sock"
        self.port = _free_port()
        self.user = "postgres" if self._owner else pwd.getpwuid(os.geteuid()).pw_name

    def _run(self, *args: str) -> None:
        command = [*self._prefix, *args]
        result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
        if result.returncode != 0:
            raise PgUnavailableError(
                f"{' '.join(args[:2])} failed ({result.returncode}): {result.stderr.strip()[-800:]}"
            )

    def start(self) -> PgCluster:
        self.sockets.mkdir()
        if self._owner is not None:
            os.chmod(self._root, 0o755)
            for path in (self._root, self.sockets):
                os.chown(path, *self._owner)
        self._run(
            str(self._bin / "initdb"),
            "-D",
            str(self.data),
            "-A",
            "trust",
            "-U",
            self.user,
            "-E",
            "UTF8",
            "--no-sync",
        )
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.sockets}"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            " -c max_connections=50"
        )
        self._run(
            str(self._bin / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self._root / "server.log"),
            "-w",
            "-t",
            "60",
            "start",
        )
        return self

    def dsn(self, dbname: str = "postgres") -> str:
        return (
            f"host=127.0.0.1 port={self.port} user={self.user} dbname={dbname} connect_timeout=10"
        )

    def new_database(self) -> str:
        """A DSN for a brand-new empty database (one per test keeps tests independent)."""
        import psycopg

        name = "t_" + uuid.uuid4().hex[:16]
        with psycopg.connect(self.dsn(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.dsn(name)

    def stop(self) -> None:
        with contextlib.suppress(PgUnavailableError, subprocess.TimeoutExpired):
            self._run(
                str(self._bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"
            )
        shutil.rmtree(self._root, ignore_errors=True)


_SHARED: list[PgCluster] = []


def shared_cluster() -> PgCluster:
    """One cluster per test process, started on first use and stopped when the process exits.

    Test modules in different folders share it this way (a session fixture defined in two
    conftest files would start two clusters).
    """
    if not _SHARED:
        import atexit

        cluster = PgCluster().start()
        atexit.register(cluster.stop)
        _SHARED.append(cluster)
    return _SHARED[0]
