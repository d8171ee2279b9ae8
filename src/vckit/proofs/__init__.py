"""Proofs: Data Integrity (``vckit.proofs.dataintegrity``) and JOSE (``vckit.proofs.jose``)."""
