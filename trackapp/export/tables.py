"""Sessions as rows of splits, written as CSV or JSON (`trackapp export`, history's `x`)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from trackapp.domain.plan import split_points
from trackapp.domain.session import SessionRecord
from trackapp.domain.stats import session_figures
from trackapp.domain.text import printable

FIELDS = (
    "session_start",
    "workout",
    "kind",
    "step",
    "set",
    "rep",
    "label",
    "lap",
    "split_time",
    "cumulative_time",
    "distance",
    "target_low",
    "target_high",
    "ended_by",
    "name",
    "row",
    "athlete",  # coach mode: whose session (empty for one runner's own)
)
DEFAULT_TRACK = 400.0


def table_rows(records: list[SessionRecord]) -> list[dict[str, Any]]:
    """Every session's rows, in the order given."""
    return [row for record in records for row in split_rows(record)]


def split_rows(record: SessionRecord) -> list[dict[str, Any]]:
    """For each run rep, one `split` row per recorded split (its `distance` is that split
    point's, from the start of the rep) and then one `total` row with the rep's whole
    time, a skipped or stopped rep's unfinished part included; any other segment gives
    its `total` row alone."""
    figures = session_figures(record)
    reps = iter(figures.reps)
    rows: list[dict[str, Any]] = []
    for seg in record.segments:
        rep = next(reps) if seg.kind == "run" else None
        base = {
            "session_start": record.started.isoformat(),
            "workout": record.workout,
            "kind": seg.kind,
            "step": seg.step,
            "set": seg.set,
            "rep": seg.rep,
            "label": seg.label,
            "target_low": seg.target[0] if seg.target else None,
            "target_high": seg.target[1] if seg.target else None,
            "ended_by": seg.ended_by,
            "name": rep.name if rep is not None else seg.label,
            "athlete": record.athlete,
        }
        if rep is not None:
            points = rep.splits
            if points is None and seg.distance is not None:
                points = split_points(seg.distance, DEFAULT_TRACK)
            cumulative = 0.0
            for n, split in enumerate(seg.laps, start=1):
                cumulative += split
                at = points[n - 1] if points is not None and n <= len(points) else None
                rows.append(
                    base
                    | {
                        "lap": n,
                        "split_time": split,
                        "cumulative_time": round(cumulative, 3),
                        "distance": at,
                        "row": "split",
                    }
                )
        rows.append(
            base
            | {
                "lap": None,
                "split_time": seg.time,
                "cumulative_time": seg.time,
                "distance": seg.distance,
                "row": "total",
            }
        )
    return rows


def to_csv(rows: list[dict[str, Any]], for_terminal: bool = False) -> str:
    """The rows as CSV: exact data, or, `for_terminal`, for a person to read.

    Data (a pipe, a file) is RFC 4180: its CRLF line ends make the writer quote a CR
    inside a label too (with a bare LF it did not, and a reader split the row there).
    On a terminal every text cell is `printable`, so a label's ESC is drawn, not
    obeyed, and lines end in LF. JSON needs neither: `json.dumps` escapes every control.
    """
    shown: Callable[[str], str] = printable if for_terminal else str
    buffer = io.StringIO()
    end = "\n" if for_terminal else "\r\n"
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator=end)
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(row[k], shown) for k in FIELDS})
    return buffer.getvalue()


def _cell(value: object, shown: Callable[[str], str]) -> object:
    if value is None:
        return ""
    return shown(value) if isinstance(value, str) else value


def to_json(rows: list[dict[str, Any]]) -> str:
    return json.dumps([{k: row[k] for k in FIELDS} for row in rows], indent=2) + "\n"
