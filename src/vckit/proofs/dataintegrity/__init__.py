"""W3C Verifiable Credential Data Integrity 1.0 proofs: add and verify, with pluggable suites.

```python
signed = add_proof(credential, key.signer(method_id), cryptosuite="eddsa-rdfc-2022")
result = verify_proof(signed)          # result.verified, result.problems
result = await averify_proof(signed, dids.AsyncDIDResolver())   # the same, async resolver
```

Bundled suites: ``eddsa-rdfc-2022`` (Open Badges 3.0), ``eddsa-jcs-2022``, ``ecdsa-rdfc-2019``
and ``ecdsa-jcs-2019`` (P-256 / P-384), the legacy ``Ed25519Signature2020``, and verification
of ``ecdsa-sd-2023`` derived (selectively disclosed) proofs. A
``DataIntegrity`` instance takes its own suite registry and document loader; the module-level
functions use the defaults. See ``docs/proofs.md``.
"""

from __future__ import annotations

from vckit.proofs.dataintegrity._ecdsa import EcdsaJcs2019, EcdsaRdfc2019
from vckit.proofs.dataintegrity._ecdsa_sd import EcdsaSd2023
from vckit.proofs.dataintegrity._eddsa import EddsaJcs2022, EddsaRdfc2022
from vckit.proofs.dataintegrity._engine import (
    DEFAULT_CLOCK_SKEW,
    DEFAULT_CRYPTOSUITES,
    DataIntegrity,
    add_proof,
    averify_proof,
    verify_proof,
)
from vckit.proofs.dataintegrity._legacy import Ed25519Signature2020
from vckit.proofs.dataintegrity._result import ProofResult, ProofVerificationResult
from vckit.proofs.dataintegrity._suite import Cryptosuite, HashThenSignSuite, JcsSuite, RdfcSuite

__all__ = [
    "DEFAULT_CLOCK_SKEW",
    "DEFAULT_CRYPTOSUITES",
    "Cryptosuite",
    "DataIntegrity",
    "EcdsaJcs2019",
    "EcdsaRdfc2019",
    "EcdsaSd2023",
    "Ed25519Signature2020",
    "EddsaJcs2022",
    "EddsaRdfc2022",
    "HashThenSignSuite",
    "JcsSuite",
    "ProofResult",
    "ProofVerificationResult",
    "RdfcSuite",
    "add_proof",
    "averify_proof",
    "verify_proof",
]
