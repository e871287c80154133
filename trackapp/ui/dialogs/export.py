"""Export one session: FIT (Garmin Connect, Strava, intervals.icu, Runalyze), CSV or
JSON, into `~/Downloads` (else the data dir's `exports/`); a toast says where."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Static

from trackapp.domain.session import SessionFormatError
from trackapp.domain.text import clip
from trackapp.export.files import export_dir, export_session
from trackapp.export.fit_activity import FitExportError
from trackapp.services import Services
from trackapp.storage.session_store import SessionBusy
from trackapp.ui.literal import NAME_CHARS, literal, say

CHOICES = (
    ("fit", "FIT activity (f): Garmin Connect, Strava, intervals.icu, Runalyze"),
    ("csv", "CSV (c): one row per split, for a spreadsheet"),
    ("json", "JSON (j): the same rows, for a script"),
)


class ExportScreen(ModalScreen[str | None]):
    """Which format; dismisses with "fit", "csv" or "json", or None (Escape)."""

    DEFAULT_CSS = """
    ExportScreen {
        align: center middle;
        background: $background 60%;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "choose('fit')", "FIT"),
        Binding("c", "choose('csv')", "CSV"),
        Binding("j", "choose('json')", "JSON"),
        Binding("escape", "choose('')", "Cancel"),
    ]

    def __init__(self, what: str, folder: Path) -> None:
        super().__init__()
        self._what, self._folder = what, folder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(literal(f"Export {clip(self._what, NAME_CHARS)}"), classes="dialog-title")
            yield Static(literal(f"into {self._folder}"), classes="dialog-body")
            with Vertical(classes="dialog-choices"):
                for fmt, label in CHOICES:
                    yield Button(label, id=f"export-{fmt}", variant="primary")
            yield Static("Escape: cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#export-fit", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "").removeprefix("export-") or None)

    def action_choose(self, fmt: str) -> None:
        self.dismiss(fmt or None)


def export_with_dialog(screen: Screen[object], services: Services, path: Path, what: str) -> None:
    """Ask for a format, then write the session `path` into the export folder and say where
    (or why not): a toast, never a traceback."""
    folder = export_dir(services.data_dir)

    def done(fmt: str | None) -> None:
        if fmt is None:
            return
        try:
            record = services.sessions.read(path)
            target = export_session(record, path, fmt, folder)
        except (SessionFormatError, FitExportError) as err:
            say(screen, f"{path.name}: {err}", title="Not exported", severity="warning")
        except SessionBusy as err:
            say(screen, f"{err}: not exported", title="Not exported", severity="warning")
        except OSError as err:
            say(screen, f"cannot write into {folder}: {err.strerror or err}", severity="error")
        else:
            say(screen, f"{target}", title=f"Exported as {fmt.upper()}", timeout=10)

    screen.app.push_screen(ExportScreen(what, folder), done)
