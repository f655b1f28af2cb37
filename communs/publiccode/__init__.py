"""The publiccode.yml standard: its controlled vocabularies (and, later, its validator).

A pure library: it never imports Django.
"""
