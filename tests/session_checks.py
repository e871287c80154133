"""What any session's records must be, whoever ran it (one runner or an athlete of a
group): the property tests of both engines check their records with these."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from trackapp.domain.plan import Plan
from trackapp.domain.session import SegmentRecord


def check_records(records: Sequence[SegmentRecord], plan: Plan, done: bool) -> None:
    """In order of start and of the plan, each segment once, only the last still running,
    no time below zero, a distance rep's laps adding up to its time, all ended when done."""
    starts = [r.start for r in records]
    assert starts == sorted(starts)
    indices = [
        next(s.index for s in plan.segments if (s.step, s.set, s.rep, str(s.kind)) == key)
        for key in ((r.step, r.set, r.rep, r.kind) for r in records)
    ]
    assert indices == sorted(indices) and len(set(indices)) == len(indices)
    for rec in records[:-1]:
        assert rec.ended_by is not None  # only the last may still run
    for rec in records:
        assert rec.time >= 0
        if rec.ended_by == "press" and rec.distance is not None and rec.kind == "run":
            assert sum(rec.laps) == pytest.approx(rec.time)
    if done:
        assert all(r.ended_by for r in records)


def check_rebuilt(rebuilt: Sequence[SegmentRecord], records: Sequence[SegmentRecord]) -> None:
    """A restore rebuilt these: every ended segment exactly as the file keeps it; the
    running one's time is the clock less the restored origin (now less the saved
    elapsed): exact but for float error (1e-13 s), which the file's millisecond rounding
    can tip at a half millisecond (0.0625 s)."""
    assert len(rebuilt) == len(records)
    for back, rec in zip(rebuilt, records, strict=True):
        if rec.ended_by is not None:
            assert back.to_dict() == rec.to_dict()
        else:
            assert back.time == pytest.approx(rec.time, abs=1e-9)
            assert {**back.to_dict(), "time": 0} == {**rec.to_dict(), "time": 0}
