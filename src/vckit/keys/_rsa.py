"""RSA keys (RFC 7518 §3.3, §3.5, §6.3): 2048 to 8192 bits, RS256/384/512 and PS256/384/512.

The raw form is the PKCS#1 ``RSAPublicKey`` / ``RSAPrivateKey`` DER, as Multikey and did:key use.
Moduli outside 2048–8192 bits and public exponents that make RSA trivial are refused on import.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.exceptions import UnsupportedAlgorithm as _CryptoUnsupported
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from vckit._codec import multicodec as mc
from vckit.errors import KeyFormatError, UnsupportedAlgorithmError, VerificationError
from vckit.keys._spec import KeySpec, jwk_uint, uint_b64

MIN_BITS = 2048
MAX_BITS = 8192

_DER = serialization.Encoding.DER
_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "256": hashes.SHA256,
    "384": hashes.SHA384,
    "512": hashes.SHA512,
}


def _check_public(key: rsa.RSAPublicKey) -> rsa.RSAPublicKey:
    if not MIN_BITS <= key.key_size <= MAX_BITS:
        raise KeyFormatError(
            f"RSA modulus of {key.key_size} bits is outside {MIN_BITS}-{MAX_BITS} bits"
        )
    e = key.public_numbers().e
    if e < 3 or e % 2 == 0 or e.bit_length() > 256:
        raise KeyFormatError("RSA public exponent must be odd, at least 3 and at most 256 bits")
    return key


def _padding(algorithm: str) -> tuple[padding.AsymmetricPadding, hashes.HashAlgorithm]:
    digest = _HASHES[algorithm[2:]]()
    if algorithm.startswith("PS"):
        return padding.PSS(mgf=padding.MGF1(digest), salt_length=digest.digest_size), digest
    return padding.PKCS1v15(), digest


class RSASpec(KeySpec[rsa.RSAPublicKey, rsa.RSAPrivateKey]):
    key_type = "RSA"
    public_code = mc.RSA_PUB
    private_code = mc.RSA_PRIV
    algorithms = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512")
    default_algorithm = "RS256"
    jwk_public_members = frozenset({"n", "e"})
    jwk_private_members = frozenset({"d", "p", "q", "dp", "dq", "qi"})

    def load_public(self, raw: bytes) -> rsa.RSAPublicKey:
        try:
            key = serialization.load_der_public_key(raw)
        except (ValueError, _CryptoUnsupported):
            raise KeyFormatError("RSA public key is not PKCS#1 RSAPublicKey DER") from None
        if not isinstance(key, rsa.RSAPublicKey):
            raise KeyFormatError("RSA public key is not PKCS#1 RSAPublicKey DER")
        if self.public_raw(key) != raw:
            raise KeyFormatError("RSA public key is not canonical PKCS#1 RSAPublicKey DER")
        return _check_public(key)

    def public_raw(self, key: rsa.RSAPublicKey) -> bytes:
        return key.public_bytes(_DER, serialization.PublicFormat.PKCS1)

    def load_private(self, raw: bytes) -> rsa.RSAPrivateKey:
        try:
            key = serialization.load_der_private_key(raw, password=None)
        except (ValueError, TypeError, _CryptoUnsupported):
            raise KeyFormatError("RSA secret key is not PKCS#1 RSAPrivateKey DER") from None
        if not isinstance(key, rsa.RSAPrivateKey):
            raise KeyFormatError("RSA secret key is not PKCS#1 RSAPrivateKey DER")
        _check_public(key.public_key())
        return key

    def private_raw(self, key: rsa.RSAPrivateKey) -> bytes:
        return key.private_bytes(
            _DER, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
        )

    def public_of(self, key: rsa.RSAPrivateKey) -> rsa.RSAPublicKey:
        return key.public_key()

    def generate(self, rsa_bits: int) -> rsa.RSAPrivateKey:
        if not MIN_BITS <= rsa_bits <= MAX_BITS or rsa_bits % 8:
            raise ValueError(f"rsa_bits must be a multiple of 8 in {MIN_BITS}..{MAX_BITS}")
        return rsa.generate_private_key(public_exponent=65537, key_size=rsa_bits)

    def public_jwk(self, key: rsa.RSAPublicKey) -> dict[str, str]:
        numbers = key.public_numbers()
        return {"kty": "RSA", "n": uint_b64(numbers.n), "e": uint_b64(numbers.e)}

    def load_public_jwk(self, jwk: Mapping[str, Any]) -> rsa.RSAPublicKey:
        n = jwk_uint(jwk, "n", minimal=True)
        e = jwk_uint(jwk, "e", minimal=True)
        if not MIN_BITS <= n.bit_length() <= MAX_BITS:  # before any work on a hostile size
            raise KeyFormatError(
                f"RSA modulus of {n.bit_length()} bits is outside {MIN_BITS}-{MAX_BITS} bits"
            )
        try:
            key = rsa.RSAPublicNumbers(e, n).public_key()
        except ValueError:
            raise KeyFormatError("JWK 'n'/'e' are not a valid RSA public key") from None
        return _check_public(key)

    def private_jwk_members(self, key: rsa.RSAPrivateKey) -> dict[str, str]:
        numbers = key.private_numbers()
        return {
            "d": uint_b64(numbers.d),
            "p": uint_b64(numbers.p),
            "q": uint_b64(numbers.q),
            "dp": uint_b64(numbers.dmp1),
            "dq": uint_b64(numbers.dmq1),
            "qi": uint_b64(numbers.iqmp),
        }

    def load_private_jwk(self, jwk: Mapping[str, Any]) -> rsa.RSAPrivateKey:
        public = self.load_public_jwk(jwk).public_numbers()
        if "oth" in jwk:
            raise UnsupportedAlgorithmError("multi-prime RSA keys ('oth') are not supported")
        d = jwk_uint(jwk, "d", minimal=False)
        crt = ("p", "q", "dp", "dq", "qi")
        try:
            if any(name in jwk for name in crt):
                p, q, dp, dq, qi = (jwk_uint(jwk, name, minimal=False) for name in crt)
            else:  # RFC 7518 §6.3.2: the CRT members are optional; recover them from d
                p, q = rsa.rsa_recover_prime_factors(public.n, public.e, d)
                dp, dq, qi = rsa.rsa_crt_dmp1(d, p), rsa.rsa_crt_dmq1(d, q), rsa.rsa_crt_iqmp(p, q)
            numbers = rsa.RSAPrivateNumbers(p, q, d, dp, dq, qi, public)
            return numbers.private_key()
        except ValueError:
            raise KeyFormatError("JWK private members are not a consistent RSA key") from None

    def sign(self, key: rsa.RSAPrivateKey, data: bytes, algorithm: str) -> bytes:
        pad, digest = _padding(algorithm)
        return key.sign(data, pad, digest)

    def verify(self, key: rsa.RSAPublicKey, signature: bytes, data: bytes, algorithm: str) -> None:
        pad, digest = _padding(algorithm)
        if len(signature) != (key.key_size + 7) // 8:
            raise VerificationError(f"{algorithm} signature has the wrong length")
        try:
            key.verify(signature, data, pad, digest)
        except (InvalidSignature, ValueError):
            raise VerificationError(f"{algorithm} signature does not verify") from None
