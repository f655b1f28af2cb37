"""Checks of the community criterion."""
