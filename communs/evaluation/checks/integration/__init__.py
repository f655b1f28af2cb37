"""Checks of the integration criterion."""
