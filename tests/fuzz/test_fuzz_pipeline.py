"""Fuzz the verification pipeline (``vckit.verify``) and the PNG / SVG unbaker.

Oracles: ``vckit.verify`` never raises, whatever it is given (dict, JSON text or bytes, JWT,
image bytes); a validly signed badge — as a dict, as JSON bytes, as a JWT or baked in a PNG or
SVG — changed in any member or byte never verifies, except an image whose change leaves the baked
credential itself intact; ``unbake`` / ``extract`` raise only ``BakingError`` and ``bake`` then
``unbake`` gives back exactly the credential; a changed presentation (JSON with a Data Integrity
proof, or a JWT) never verifies.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.fuzz.fuzz_support import (
    ATTACKER_KEY,
    NOW,
    byte_mutated,
    fuzz,
    json_values,
    mutated,
    only,
    same_json,
    sign_badge,
    sign_jwt,
)

import vckit
from vckit.errors import BakingError
from vckit.openbadges import baking
from vckit.openbadges._image import badge_png

pytestmark = [pytest.mark.fuzz, pytest.mark.usefixtures("no_network")]

SIGNED = sign_badge()
SIGNED_JCS = sign_badge("eddsa-jcs-2022")
TOKEN = sign_jwt()
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16">'
    b'<circle cx="8" cy="8" r="7" fill="#236"/></svg>'
)
PNG = badge_png(size=16)
BAKED = {
    "png": baking.bake(PNG, SIGNED),
    "svg": baking.bake(SVG, SIGNED),
    "png-jwt": baking.bake(PNG, TOKEN),
    "svg-jwt": baking.bake(SVG, TOKEN),
}


def _verify(thing: Any) -> vckit.VerificationReport:
    report = only((), vckit.verify, thing, now=NOW)
    assert isinstance(report, vckit.VerificationReport)
    return report


def _not_verified(thing: Any) -> None:
    """A report that did not verify; a Python value no JSON document parses to at the top
    (None, a number, a list) is a programmer error, a ``TypeError``, and nothing else."""
    if not isinstance(thing, dict | str | bytes):
        with pytest.raises(TypeError, match=r"verify\(\) takes a dict, JSON text or bytes"):
            vckit.verify(thing, now=NOW)
        return
    report = _verify(thing)
    assert report.verified is False, repr(thing)[:3000]


@pytest.mark.parametrize(
    "thing",
    [SIGNED, SIGNED_JCS, TOKEN, json.dumps(SIGNED).encode(), *BAKED.values()],
    ids=["dict", "jcs", "jwt", "json-bytes", *BAKED],
)
def test_the_unmutated_inputs_verify(thing: Any) -> None:
    assert _verify(thing).verified is True


@pytest.mark.parametrize("original", [SIGNED, SIGNED_JCS], ids=["rdfc", "jcs"])
@fuzz(40)
@given(data=st.data())
def test_a_changed_badge_never_verifies(original: dict[str, Any], data: st.DataObject) -> None:
    document = data.draw(mutated(original))
    if same_json(document, original):
        return
    _not_verified(document)


@fuzz(60)
@given(data=st.data())
def test_byte_changed_json_or_jwt_never_verifies(data: st.DataObject) -> None:
    original = data.draw(st.sampled_from([json.dumps(SIGNED).encode(), TOKEN.encode()]))
    changed = data.draw(byte_mutated(original))
    if changed == original:
        return
    try:
        if same_json(json.loads(changed), SIGNED):
            return  # whitespace or an escape spelled another way: the same JSON
    except ValueError:
        pass
    if changed.decode("utf-8", "replace").strip() == TOKEN:
        return  # the pipeline reads a token from text with whitespace around it: the same token
    assert _verify(changed).verified is False, changed


@pytest.mark.parametrize("kind", list(BAKED))
@fuzz(25)
@given(data=st.data())
def test_a_changed_image_verifies_only_with_its_credential_intact(
    kind: str, data: st.DataObject
) -> None:
    original = BAKED[kind]
    image = data.draw(byte_mutated(original))
    report = _verify(image)
    extracted = only((BakingError,), baking.extract, image)
    if report.verified:
        assert isinstance(extracted, baking.BakedCredential)
        expected = TOKEN if kind.endswith("jwt") else SIGNED
        payload = extracted.payload
        if isinstance(payload, str) and not kind.endswith("jwt"):
            payload = json.loads(payload)
        assert same_json(payload, expected)


@fuzz(100)
@given(
    thing=st.one_of(
        json_values,
        st.binary(max_size=300),
        st.text(max_size=300),
        st.sampled_from(
            [PNG[:8], SVG[:20], b"\x89PNG\r\n\x1a\n", b"<svg", b"eyJ", b"a.b.c"]
        ).flatmap(byte_mutated),
    )
)
def test_anything_gives_a_report(thing: Any) -> None:
    _not_verified(thing)


@fuzz(100)
@given(
    image=st.one_of(
        st.sampled_from([*BAKED.values(), PNG, SVG]).flatmap(byte_mutated),
        st.binary(max_size=300),
    )
)
def test_unbake_and_extract_raise_only_baking_errors(image: bytes) -> None:
    only((BakingError,), baking.unbake, image)
    only((BakingError,), baking.extract, image)


@fuzz(40)
@given(credential=mutated(SIGNED), container=st.sampled_from([PNG, SVG]))
def test_bake_then_unbake_gives_the_credential_back(credential: Any, container: bytes) -> None:
    if not isinstance(credential, dict):
        return
    baked = only((BakingError,), baking.bake, container, credential)
    if isinstance(baked, bytes):
        assert same_json(baking.unbake(baked), credential)


# --- presentations ---------------------------------------------------------------------------

CHALLENGE, DOMAIN = "c-7Hq2", "verifier.example"
PRESENTATIONS = {
    proof: vckit.present(
        [SIGNED],
        ATTACKER_KEY.signer(),
        challenge=CHALLENGE,
        domain=DOMAIN,
        proof=proof,
        created="2025-06-01T11:59:00Z",
    )
    for proof in ("eddsa-rdfc-2022", "vc-jwt")
}


def _verify_presentation(thing: Any) -> vckit.VerificationReport:
    report = only((), vckit.verify_presentation, thing, challenge=CHALLENGE, domain=DOMAIN, now=NOW)
    assert isinstance(report, vckit.VerificationReport)
    return report


@pytest.mark.parametrize("proof", list(PRESENTATIONS))
def test_the_unmutated_presentations_verify(proof: str) -> None:
    assert _verify_presentation(PRESENTATIONS[proof]).verified is True


@fuzz(40)
@given(data=st.data())
def test_a_changed_presentation_never_verifies(data: st.DataObject) -> None:
    original = PRESENTATIONS["eddsa-rdfc-2022"]
    presentation = data.draw(mutated(original))
    if same_json(presentation, original) or not isinstance(presentation, dict | str | bytes):
        return
    assert _verify_presentation(presentation).verified is False


@fuzz(40)
@given(data=st.data())
def test_a_byte_changed_presentation_jwt_never_verifies(data: st.DataObject) -> None:
    original = PRESENTATIONS["vc-jwt"]
    assert isinstance(original, str)
    changed = data.draw(byte_mutated(original.encode()))
    if changed != original.encode():
        assert _verify_presentation(changed).verified is False
