"""did:web and HTTPS controller documents against a real HTTPS server on 127.0.0.1.

The test makes a throwaway CA and server certificate with ``cryptography``, serves documents
from a thread, and configures the resolvers to trust that CA and to allow loopback. Nothing but
127.0.0.1 is ever contacted: the redirect test names another host, which the policy refuses
before connecting.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import ipaddress
import json
import ssl
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from vckit import keys
from vckit.dids import AsyncDIDResolver, DIDResolver, HttpPolicy, did_web_document
from vckit.errors import DIDResolutionError, DIDResolutionErrorKind

KEY = keys.generate("Ed25519").public_key


def _certificates(directory: Path) -> tuple[Path, Path, Path]:
    """(CA cert, server cert, server key) PEM files for 127.0.0.1 signed by a fresh CA."""
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "vckit test CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(hours=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    server_key = ec.generate_private_key(ec.SECP256R1())
    server = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(server_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.IPv4Address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .add_extension(
            x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    paths = directory / "ca.pem", directory / "server.pem", directory / "server.key"
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(server.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(
        server_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return paths


class Site:
    """What the test server serves, and how often each path was asked for."""

    def __init__(self) -> None:
        self.port = 0
        self.hits: Counter[str] = Counter()

    @property
    def did(self) -> str:
        return f"did:web:127.0.0.1%3A{self.port}"

    def respond(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path
        self.hits[path] = self.hits[path] + 1
        headers = {"Content-Type": "application/did+json"}
        if path == "/.well-known/did.json":
            body = json.dumps(did_web_document(self.did, [KEY])).encode()
        elif path == "/users/alice/did.json":
            body = json.dumps(did_web_document(f"{self.did}:users:alice", [KEY])).encode()
        elif path == "/cached/did.json":
            body = json.dumps(did_web_document(f"{self.did}:cached", [KEY])).encode()
            headers["Cache-Control"] = "max-age=60"
        elif path == "/nocache/did.json":
            body = json.dumps(did_web_document(f"{self.did}:nocache", [KEY])).encode()
            headers["Cache-Control"] = "no-store"
        elif path == "/issuers/565049":
            base = f"https://127.0.0.1:{self.port}/issuers/565049"
            doc = did_web_document(self.did, {"key-1": KEY})
            doc["id"] = base
            for method in doc["verificationMethod"]:
                method["id"] = base + "#key-1"
                method["controller"] = base
            doc["assertionMethod"] = ["#key-1"]
            doc["authentication"] = ["#key-1"]
            body = json.dumps(doc).encode()
        elif path == "/slow/did.json":
            time.sleep(1.5)
            body = b"{}"
        elif path == "/big/did.json":
            handler.send_response(200)
            handler.send_header("Content-Type", "application/json")
            handler.end_headers()
            chunk = b" " * 65_536
            with contextlib.suppress(OSError):  # the client stops reading at the cap
                for _ in range(80):  # 5 MB, no Content-Length: the cap must act while streaming
                    handler.wfile.write(chunk)
            return
        elif path == "/redirect/did.json":
            handler.send_response(302)
            handler.send_header("Location", "https://other.example/did.json")
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        else:
            handler.send_response(404)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        handler.send_response(200)
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        with contextlib.suppress(OSError):  # the client gave up (timeout test)
            handler.wfile.write(body)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Site, ssl.SSLContext]]:
    ca, cert, key = _certificates(tmp_path_factory.mktemp("tls"))
    site = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.respond(self)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(cert, key)
    httpd.socket = server_context.wrap_socket(httpd.socket, server_side=True)
    site.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    client_context = ssl.create_default_context(cafile=str(ca))
    try:
        yield site, client_context
    finally:
        httpd.shutdown()
        httpd.server_close()


class Resolver:
    """One interface over DIDResolver and AsyncDIDResolver (fresh resolver per test)."""

    def __init__(self, mode: str, context: ssl.SSLContext) -> None:
        policy = HttpPolicy(
            allow_private_hosts=True, verify=context, read_timeout=0.5, connect_timeout=2
        )
        self.mode = mode
        self.sync = DIDResolver(http=policy) if mode == "sync" else None
        self.policy = policy
        self.async_: AsyncDIDResolver | None = None

    def call(self, name: str, *args: Any) -> Any:
        if self.sync is not None:
            return getattr(self.sync, name)(*args)

        async def run() -> Any:
            if self.async_ is None:
                self.async_ = AsyncDIDResolver(http=self.policy)
            try:
                return await getattr(self.async_, name)(*args)
            finally:  # each asyncio.run has its own loop: do not keep connections across
                await self.async_.aclose()

        return asyncio.run(run())


@pytest.fixture(params=["sync", "async"])
def resolver(
    request: pytest.FixtureRequest, server: tuple[Site, ssl.SSLContext]
) -> Iterator[Resolver]:
    wrapper = Resolver(request.param, server[1])
    yield wrapper
    if wrapper.sync is not None:
        wrapper.sync.close()


@pytest.fixture
def site(server: tuple[Site, ssl.SSLContext]) -> Site:
    return server[0]


def test_resolve_bare_domain_with_port(resolver: Resolver, site: Site) -> None:
    doc = resolver.call("resolve", site.did)
    assert doc.id == site.did
    assert doc.to_json() == did_web_document(site.did, [KEY])


def test_resolve_with_path(resolver: Resolver, site: Site) -> None:
    did = f"{site.did}:users:alice"
    assert resolver.call("resolve", did).id == did


def test_dereference(resolver: Resolver, site: Site) -> None:
    method = resolver.call("dereference", f"{site.did}#key-1")
    assert (method.id, method.type, method.controller) == (
        f"{site.did}#key-1",
        "Multikey",
        site.did,
    )
    assert method.public_key == KEY


def test_https_controller_document(resolver: Resolver, site: Site) -> None:
    method_id = f"https://127.0.0.1:{site.port}/issuers/565049#key-1"
    method = resolver.call("dereference", method_id)
    assert method.id == method_id
    assert method.public_key == KEY


def test_second_resolve_makes_no_request(resolver: Resolver, site: Site) -> None:
    did = f"{site.did}:cached"
    before = site.hits["/cached/did.json"]
    first = resolver.call("resolve", did)
    second = resolver.call("resolve", did)
    assert first is second
    assert site.hits["/cached/did.json"] == before + 1


def test_no_store_is_not_cached(resolver: Resolver, site: Site) -> None:
    did = f"{site.did}:nocache"
    before = site.hits["/nocache/did.json"]
    resolver.call("resolve", did)
    resolver.call("resolve", did)
    assert site.hits["/nocache/did.json"] == before + 2


def _kind(resolver: Resolver, did: str) -> tuple[DIDResolutionErrorKind, str]:
    """The kind and message of the error; the callers' timeout marks are the hang guard."""
    with pytest.raises(DIDResolutionError, match=r"^https://") as info:
        resolver.call("resolve", did)
    return info.value.kind, str(info.value)


@pytest.mark.timeout(10)
def test_slow_server_times_out(resolver: Resolver, site: Site) -> None:
    kind, message = _kind(resolver, f"{site.did}:slow")
    assert kind is DIDResolutionErrorKind.FETCH_FAILED
    assert "timed out" in message


@pytest.mark.timeout(10)
def test_five_megabyte_body_hits_byte_cap(resolver: Resolver, site: Site) -> None:
    kind, message = _kind(resolver, f"{site.did}:big")
    assert kind is DIDResolutionErrorKind.FETCH_FAILED
    assert "body exceeds 1048576 bytes" in message


@pytest.mark.timeout(10)
def test_redirect_to_another_host_refused(resolver: Resolver, site: Site) -> None:
    kind, message = _kind(resolver, f"{site.did}:redirect")
    assert kind is DIDResolutionErrorKind.FETCH_FAILED
    assert "cross-origin redirect" in message


@pytest.mark.timeout(10)
def test_missing_document_is_not_found(resolver: Resolver, site: Site) -> None:
    kind, _ = _kind(resolver, f"{site.did}:nobody")
    assert kind is DIDResolutionErrorKind.NOT_FOUND


def test_untrusted_certificate_fails(site: Site) -> None:
    policy = HttpPolicy(allow_private_hosts=True, connect_timeout=2, read_timeout=2)
    with DIDResolver(http=policy) as plain, pytest.raises(DIDResolutionError) as info:
        plain.resolve(site.did)
    assert info.value.kind is DIDResolutionErrorKind.FETCH_FAILED


def test_loopback_refused_without_allow_private_hosts(site: Site) -> None:
    with DIDResolver() as strict, pytest.raises(DIDResolutionError, match="host refused"):
        strict.resolve(site.did)
