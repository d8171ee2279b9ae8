"""The input caps docs/verify.md and docs/security.md state: text and bytes at 4 MiB by default,
``Verifier(max_input_bytes=...)`` to change it, images (bytes or a path) at 16 MiB."""

from __future__ import annotations

import json
from pathlib import Path

import vckit
from vckit.verification._detect import MAX_IMAGE_BYTES

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
NOW = "2025-06-01T12:00:00Z"


def _parse(report: vckit.VerificationReport) -> tuple[str | None, str]:
    check = next(check for check in report.checks if check.check == "parse")
    return check.code, check.message


def test_max_input_bytes_caps_text_and_bytes() -> None:
    text = json.dumps({"name": "x" * 200})
    verifier = vckit.Verifier(max_input_bytes=100)
    for thing in (text, text.encode()):
        assert _parse(verifier.verify(thing, now=NOW)) == (
            "INPUT_TOO_LARGE",
            "the input is larger than 100 bytes",
        )
    # the default (4 MiB) reads the same text: it fails later, for what it is, not for its size
    assert _parse(vckit.verify(text, now=NOW))[0] != "INPUT_TOO_LARGE"


def test_images_are_capped_at_16_mib(tmp_path: Path) -> None:
    assert MAX_IMAGE_BYTES == 16 * 1024 * 1024
    image = PNG_SIGNATURE + b"\0" * (MAX_IMAGE_BYTES - len(PNG_SIGNATURE) + 1)
    assert _parse(vckit.verify(image, now=NOW)) == (
        "INPUT_TOO_LARGE",
        f"the image is larger than {MAX_IMAGE_BYTES} bytes",
    )
    path = tmp_path / "huge.png"
    path.write_bytes(image)
    assert _parse(vckit.verify(path, now=NOW)) == (
        "INPUT_TOO_LARGE",
        f"huge.png is larger than {MAX_IMAGE_BYTES} bytes",
    )
