"""Showing a verified (or failed) badge to a person: the badge page.

>>> from vckit.display import render_report_html
>>> page = render_report_html(report)                  # doctest: +SKIP  a standalone HTML page
>>> part = render_report_html(report, fragment=True)   # doctest: +SKIP  a <section> to embed

The page has no external resources and runs no script; every credential string is escaped,
links are http(s) only, and lists are capped, because the credential is hostile input.
"""

from __future__ import annotations

from vckit.display._html import render_report_html

__all__ = ["render_report_html"]
