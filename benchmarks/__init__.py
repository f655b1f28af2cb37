"""Benchmarks of Communs: scripts that print figures, run with `make bench`."""
