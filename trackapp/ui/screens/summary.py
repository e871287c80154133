"""The end screen: every rep against its target, and the runner's notes and effort."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static

from trackapp.domain.units import (
    format_clock,
    format_delta,
    format_distance,
    format_pace,
    format_target,
)
from trackapp.runner import SessionRun
from trackapp.ui.screens.navigation import leave


class SummaryScreen(Screen[None]):
    BINDINGS = [
        Binding("ctrl+s", "save", "Save notes"),
        Binding("escape", "finish", "Done"),
    ]

    def __init__(self, run: SessionRun) -> None:
        super().__init__()
        self.run = run

    def compose(self) -> ComposeResult:
        record = self.run.record
        status = record.status if record else "not started"
        title = f"{self.run.plan.workout.name} · {status.replace('_', ' ')}"
        with Vertical(id="summary"):
            yield Static(title, id="summary-title")
            yield DataTable(id="summary-table", zebra_stripes=True, cursor_type="row")
            yield Static("", id="summary-totals")
            with Horizontal(id="summary-form"):
                yield Input(
                    value=record.notes if record else "",
                    placeholder="How did it go? (notes)",
                    id="summary-notes",
                )
                yield Input(
                    value=str(record.effort) if record and record.effort else "",
                    placeholder="Effort 1-10",
                    id="summary-effort",
                    restrict=r"[0-9]{0,2}",
                    max_length=2,
                )
            yield Static(
                "Type notes and effort, Enter or Ctrl+S saves, Esc when done", id="summary-hint"
            )
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Rep", "Time", "Target", "Diff", "Pace", "Laps")
        unit = self.run.plan.workout.pace_unit
        times: list[float] = []
        record = self.run.record
        for seg in record.segments if record else []:
            if seg.kind != "run":
                continue
            target = ""
            diff = ""
            if seg.target is not None:
                low, high = seg.target
                target = (
                    format_target(low)
                    if low == high
                    else f"{format_target(low)}–{format_target(high)}"
                )
                if seg.ended_by == "press":
                    diff = format_delta(seg.time - (low + high) / 2)
            pace = format_pace(seg.time / seg.distance, unit) if seg.distance else ""
            laps = (
                "  ".join(format_clock(lap, tenths=True) for lap in seg.laps)
                if len(seg.laps) > 1
                else ""
            )
            name = f"{seg.label} #{seg.rep}" + (f" set {seg.set}" if seg.set > 1 else "")
            time_text = format_clock(seg.time, tenths=True)
            if seg.ended_by in ("skip", "stop"):
                time_text += f" ({seg.ended_by})"
            else:
                times.append(seg.time)
            table.add_row(name, time_text, target, diff, pace, laps)
        totals = "No reps finished."
        if times:
            avg = sum(times) / len(times)
            distance = sum(
                s.distance or 0.0
                for s in (record.segments if record else [])
                if s.kind == "run" and s.ended_by == "press"
            )
            totals = (
                f"{len(times)} reps · average {format_clock(avg, tenths=True)} · "
                f"fastest {format_clock(min(times), tenths=True)} · "
                f"slowest {format_clock(max(times), tenths=True)}"
            )
            if distance:
                totals += f" · {format_distance(distance)} run"
        if self.run.path is not None:
            totals += f"\nSaved to {self.run.path}"
        self.query_one("#summary-totals", Static).update(totals)
        self.query_one("#summary-notes", Input).focus()

    def _effort(self) -> int | None:
        text = self.query_one("#summary-effort", Input).value.strip()
        if not text:
            return None
        value = int(text)
        return value if 1 <= value <= 10 else None

    def action_save(self) -> None:
        effort_text = self.query_one("#summary-effort", Input).value.strip()
        effort = self._effort()
        if effort_text and effort is None:
            self.notify("Effort is a number from 1 to 10", severity="warning")
            return
        notes = self.query_one("#summary-notes", Input).value
        self.run.set_review(notes, effort)
        ok = self.run.store.flush(timeout=5.0)
        if ok:
            self.notify("Notes saved", timeout=2)
        else:
            self.notify(self.run.store.last_error or "Could not save", severity="error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_save()

    def action_finish(self) -> None:
        self.action_save()
        self.run.close()
        leave(self)
