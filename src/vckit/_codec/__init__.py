"""Encodings with no dependencies above the standard library and vckit.errors (layer L0)."""
