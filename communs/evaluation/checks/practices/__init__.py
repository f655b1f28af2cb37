"""Checks of the practices criterion."""
