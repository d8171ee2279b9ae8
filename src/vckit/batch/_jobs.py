"""The work a batch ships to workers: a small picklable job, and the functions that run it.

A job carries configuration, never state: the signer (which pickles as its key material or as a
reference to a key-management key) or the verifier (which pickles as its configuration). It
travels packed (``_packed``): pickled once per batch, decoded once per worker process and reused
for every later chunk, so contexts, DID documents and status lists are cached once per worker
process, not once per item or chunk.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from vckit.batch._results import BatchResult, RefusedItem, portable_error
from vckit.keys import Signer

__all__ = ["IssueJob", "VerifyJob", "issue_chunk", "verify_chunk"]


@dataclass(frozen=True)
class IssueJob:
    """How to sign every credential of one ``issue_many`` call."""

    signer: Signer
    proof: str
    options: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class VerifyJob:
    """How to verify every item of one ``verify_many`` call."""

    verifier: Any  # vckit.Verifier; typed loosely so this module does not import the pipeline
    now: datetime | None = None


def issue_chunk(
    job: IssueJob, chunk: list[tuple[int, Any]], owned: bool = False
) -> list[BatchResult[Any]]:
    """Sign each credential of ``chunk`` with ``vckit.issue``; one result per item.

    ``owned`` (the chunk was decoded here from plain data, ``_stream``): a credential that is a
    ``dict`` is handed over to ``issue_owned``, which signs it in place, instead of being copied
    twice more, by ``vckit.issue`` and by the proof engine (about 10 µs a copy for a
    representative badge).
    """
    import vckit  # the facade: vckit.issue is the pipeline's issuing function
    from vckit.verification._issue import issue_owned

    signer = job.signer
    results: list[BatchResult[Any]] = []
    for index, credential in chunk:
        if isinstance(credential, RefusedItem):
            results.append(BatchResult(index, error=credential.error))
            continue
        try:
            if owned and type(credential) is dict:
                output = issue_owned(credential, signer, proof=job.proof, **job.options)
            else:
                output = vckit.issue(credential, signer, proof=job.proof, **job.options)
        except Exception as exc:  # one bad credential never stops the batch
            results.append(BatchResult(index, error=portable_error(exc)))
        else:
            results.append(BatchResult(index, output=output))
    return results


def verify_chunk(
    job: VerifyJob, chunk: list[tuple[int, Any]], owned: bool = False
) -> list[BatchResult[Any]]:
    """Verify each item of ``chunk`` with the batch's verifier; one report per item."""
    import vckit

    verifier = job.verifier
    results: list[BatchResult[Any]] = []
    for index, item in chunk:
        if isinstance(item, RefusedItem):  # a line of a JSON Lines file that is not JSON
            results.append(BatchResult(index, error=item.error))
            continue
        try:
            report = vckit.verify(item, verifier=verifier, now=job.now)
        except Exception as exc:  # a report is the normal outcome; this is a programmer error
            results.append(BatchResult(index, error=portable_error(exc)))
        else:
            results.append(BatchResult(index, output=report))
    return results
