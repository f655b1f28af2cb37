"""The engine bench's ceilings: what its table allows at best, printed so that the README
pastes them rather than works them out by hand."""

from __future__ import annotations

from benchmarks.evaluation import ENGINE, Measure, ceilings


def test_the_ceilings_say_what_each_target_needs_of_the_engine():
    # The openstreetmap-website table of 2026-11-29 16:37 UTC (README).
    measures = [
        Measure("git floor (log + ls-tree)", 0.178, 28, 0.177),
        Measure(ENGINE, 0.364, 28, 0.558),
        Measure("PyDriller, no diffs", 2.427, 69, 2.554),
        Measure("incremental history work alone (643 new commits, sums kept)", 0.026, 0, 0.033),
    ]
    assert ceilings(measures, 0.178, cores=2) == [
        "The engine's processor time, 0.558 s, spread evenly over 2 logical CPUs would still "
        "take 0.279 s, 1.57× the floor (target at most 1.5×).",
        "PyDriller, no diffs takes 13.6× the git floor: a tool that reads the same history "
        "through git can be at most that much faster than it here (its target, 10× slower "
        "than the engine, needs the engine at 1.36× the floor or less).",
    ]
