"""Baked badges: an Open Badges 3.0 credential carried inside its PNG or SVG image.

>>> from vckit.openbadges import baking
>>> png = baking.bake(image_bytes, signed_credential)     # doctest: +SKIP
>>> baking.unbake(png)                                    # doctest: +SKIP  (the dict, or a JWT)
>>> baking.extract(png).version                           # doctest: +SKIP  "3.0" or "2.0"

Images are hostile input: the PNG reader never decodes pixels and bounds every length, count and
decompression; SVG is parsed with defusedxml (the ``svg`` extra) and matched by namespace URI.
Anything wrong raises ``BakingError``; an Open Badges 2.0 image raises ``OpenBadges2Error`` from
``unbake`` and is reported as ``version="2.0"`` by ``extract``.
"""

from __future__ import annotations

from vckit.errors import BakingError
from vckit.openbadges.baking._api import (
    BakedCredential,
    OpenBadges2Error,
    bake,
    extract,
    unbake,
)
from vckit.openbadges.baking._payload import MAX_CREDENTIAL_BYTES
from vckit.openbadges.baking._png import MAX_CHUNKS
from vckit.openbadges.baking._svg import MAX_SVG_BYTES, OB2_NAMESPACE, OB3_NAMESPACE

__all__ = [
    "MAX_CHUNKS",
    "MAX_CREDENTIAL_BYTES",
    "MAX_SVG_BYTES",
    "OB2_NAMESPACE",
    "OB3_NAMESPACE",
    "BakedCredential",
    "BakingError",
    "OpenBadges2Error",
    "bake",
    "extract",
    "unbake",
]
