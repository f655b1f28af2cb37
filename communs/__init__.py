"""Communs: local governments adopting open-source software together."""

__version__ = "0.1.0"
