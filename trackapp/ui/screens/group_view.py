"""One group run (coach mode): athletes as rows, reps as columns.

Each time is shown with its difference to that athlete's own target (their paces made
it), the best of each rep is marked, and each athlete's average difference to their
target closes the row. Every figure comes from `domain.group_review`.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static

from trackapp.domain import format as f
from trackapp.domain import review_text as fmt
from trackapp.domain.group_review import (
    GroupCell,
    GroupReview,
    GroupRow,
    average_text,
    group_review,
)
from trackapp.domain.session import SessionRecord
from trackapp.domain.text import clip
from trackapp.services import Services
from trackapp.storage.session_store import read_listed
from trackapp.ui.literal import LABEL_CHARS, NAME_CHARS, rich_literal
from trackapp.ui.messages import OpenCompare, OpenSession
from trackapp.ui.screens.base import ServicesScreen
from trackapp.ui.widgets.keys_footer import KeysFooter
from trackapp.ui.widgets.tables import fill_table

BEST = "★"
BAND_STYLE = {"fast": "cyan", "on": "green", "slow": "yellow"}
ATHLETE_CHARS = 14
TITLE_TIME = "%Y-%m-%d %H:%M"


class GroupViewScreen(ServicesScreen):
    """Renders a `GroupReview` of the sessions that share one `group`."""

    DEFAULT_CSS = """
    GroupViewScreen #group-title {
        padding: 0 1;
        text-style: bold;
        background: $primary-background;
    }
    GroupViewScreen #group-status {
        padding: 0 1;
        color: $text-muted;
    }
    GroupViewScreen #group-table {
        height: 1fr;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("enter", "open", "Open athlete's session", priority=True),
        Binding("c", "compare", "Compare athlete"),
    ]

    def __init__(self, group: str, services: Services | None = None) -> None:
        super().__init__(services)
        self.group = group
        self.review: GroupReview | None = None
        self._paths: list[str] = []  # file name per row
        self.loaded = False

    def compose(self) -> ComposeResult:
        yield Static(rich_literal(clip(self.group, NAME_CHARS), "bold"), id="group-title")
        yield Static("reading sessions…", id="group-status")
        table: DataTable[str | Text] = DataTable(
            id="group-table", cursor_type="row", zebra_stripes=True
        )
        yield table
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self.load()

    @work(thread=True, exclusive=True, group="group-load")
    def load(self) -> None:
        store = self.services.sessions
        names = [s.name for s in store.summaries() if s.readable and s.group == self.group]
        kept, records, skipped = read_listed(store, names)
        review = _review(records)
        paths = [kept[row.position] for row in review.rows] if review else []
        self.app.call_from_thread(self._show, review, paths, skipped)

    def _show(self, review: GroupReview | None, paths: list[str], skipped: int) -> None:
        self.review, self._paths = review, paths
        status = self.query_one("#group-status", Static)
        if review is None or not review.rows:
            status.update(rich_literal(f"no sessions of the group run {self.group}"))
            self.loaded = True
            return
        title = review.workout
        if review.started is not None:
            title += f" · group run {review.started.strftime(TITLE_TIME)}"
        self.query_one("#group-title", Static).update(rich_literal(clip(title, NAME_CHARS), "bold"))
        table = self.query_one(DataTable)
        headers = [("Key", "key"), ("Athlete", "athlete"), ("Avg vs target", "average")]
        headers += [("Done", "done")]
        headers += [(clip(c.name, LABEL_CHARS), f"r{c.key}") for c in review.columns]
        fill_table(table, headers, [_cells(row) for row in review.rows])
        table.fixed_columns = 2  # the athlete stays in view while the reps pan
        count = len(review.rows)
        text = (
            f"{count} athlete{'' if count == 1 else 's'} · time and difference to each "
            f"one's own target · {BEST} best of each rep"
        )
        if skipped:
            text += f"; {skipped} unreadable left out"
        status.update(text)
        self.loaded = True

    def _selected(self) -> tuple[GroupRow, str] | None:
        if self.review is None or not self.review.rows:
            return None
        row = self.query_one(DataTable).cursor_row
        if not 0 <= row < len(self.review.rows):
            return None
        return self.review.rows[row], self._paths[row]

    def action_open(self) -> None:
        selected = self._selected()
        if selected is not None:
            self.post_message(OpenSession(self.services.sessions_dir / selected[1]))

    def action_compare(self) -> None:
        """This athlete's runs of this workout, across dates."""
        selected = self._selected()
        if selected is not None and self.review is not None:
            self.post_message(OpenCompare(self.review.workout, athlete=selected[0].athlete))

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        else:
            self.app.exit()


def _review(records: list[SessionRecord]) -> GroupReview | None:
    return group_review(records) if records else None


def _cells(row: GroupRow) -> list[str | Text]:
    cells: list[str | Text] = [
        rich_literal(row.key, style="bold"),
        rich_literal(clip(" ".join(row.athlete.split()), ATHLETE_CHARS)),
    ]
    average = average_text(row)
    style = "" if row.average_diff is None else ("yellow" if row.average_diff > 0 else "green")
    cells.append(Text(average, style=style))
    cells.append(Text(f"{row.done}/{row.planned}"))
    cells += [_cell(cell) for cell in row.cells]
    return cells


def _cell(cell: GroupCell) -> Text:
    """`1:31.0 +1.0 ★`: the time, its difference to the athlete's own target, the best."""
    rep = cell.rep
    if rep is None:
        return Text(fmt.NONE, style="dim")
    if not rep.counted:
        return rich_literal(rep.ended_by or "running", style="dim")
    text = fmt.rep_time(rep.time)
    if rep.target is not None:
        text += f" {f.shown_target_diff(rep.time, rep.target)}"
    if cell.best:
        return Text(f"{text} {BEST}", style="bold " + BAND_STYLE.get(rep.band or "", "green"))
    return Text(text, style=BAND_STYLE.get(rep.band or "", ""))
