"""Checks of the security criterion."""
