"""No text is markup: hostile names, labels, cues and notes go through every screen.

Each hostile string sits in the workout's name, its step's label and cue, its notes,
and the session's notes, a few strings side by side in one journey (GROUPS); the
runner's path goes home → palette → run (ready, a rep, a split, stop) → end screen →
sessions → session → notes → compare → delete dialog, then a crash and the resume
offer. At each place the test reads what the terminal shows (the text of the full
update the terminal is sent, cell by cell: `drawn_lines`) and finds each field's literal
text there, with no raw control character; no screen may crash on the way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input

from tests.conftest import FakeClock
from tests.hostile_strings import (
    HOSTILE,
    IDS,
    RAW_CONTROLS,
    drawn_lines,
    shows,
    tagged,
    toml_string,
)
from trackapp.domain.workout_plan import plan_from_text
from trackapp.services import Services, SilentCues
from trackapp.storage.session_store import FileSessionStore
from trackapp.ui.app import TrackApp
from trackapp.ui.dialogs import ConfirmDelete, EditNotes
from trackapp.ui.factory import build_app
from trackapp.ui.screens.compare import CompareScreen
from trackapp.ui.screens.editor import EditorScreen
from trackapp.ui.screens.history import SessionsScreen
from trackapp.ui.screens.home import HomeScreen
from trackapp.ui.screens.run import RunScreen
from trackapp.ui.screens.session_detail import SessionDetailScreen
from trackapp.ui.screens.summary import SummaryScreen

SIZE = (160, 50)


# Hostile strings that go through the screens together, side by side in each field: one
# journey per group, not per string (each journey is about twenty screen changes). The
# 10,000-character string goes alone: it pushes every other field off the screen.
GROUPS: dict[str, tuple[str, ...]] = {
    "markup-tags": ("close-tag", "bold-tag", "click-action"),
    "link-backslash": ("link", "backslash"),
    "controls": ("clear-screen", "bell", "carriage-return", "c1-csi"),
    "dollar-wide-rtl": ("dollar-var", "wide", "rtl-override"),  # the one with a space first
    "long": ("long-10000",),
}
assert sorted(k for group in GROUPS.values() for k in group) == sorted(IDS), "every string"

Field = tuple[str, ...]  # one value per hostile string of the group


def joined(field: Field) -> str:
    """A field's text as written in the file: its values side by side."""
    return " ".join(field)


@dataclass
class Fields:
    """Hostile strings in every text field, each tagged per field and per string
    (`Nm…Nm Nm1…Nm1` in the name) so a check finds each value alone."""

    hostile: tuple[str, ...]
    name: Field = ()
    label: Field = ()
    cue: Field = ()
    notes: Field = ()
    session_notes: Field = ()
    not_on_screen: int = 0  # fields a place cannot show: a long name pushes them off

    def __post_init__(self) -> None:
        def field(tag: str) -> Field:
            # the first keeps the bare tag: a lone string is tagged as it always was
            return tuple(tagged(f"{tag}{i or ''}", h) for i, h in enumerate(self.hostile))

        self.name, self.label, self.cue = field("Nm"), field("Lb"), field("Cu")
        self.notes, self.session_notes = field("Wn"), field("Sn")

    def short(self, values: tuple[Field, ...]) -> tuple[Field, ...]:
        """All of them, or only the first when the string is too long to show them all."""
        if max(map(len, self.hostile)) < 1_000:
            return values
        self.not_on_screen += sum(map(len, values[1:]))
        return values[:1]

    def cut(self, field: Field) -> Field:
        """Only the first value, where a place cuts the text at its width (the delete
        dialog's one line): the others are past the cut (each is checked there alone, in
        test_delete_dialog_shows_each_string_literally)."""
        self.not_on_screen += len(field) - 1
        return field[:1]

    def workout(self) -> str:
        return "\n".join(
            [
                f"name = {toml_string(joined(self.name))}",
                f"notes = {toml_string(joined(self.notes))}",
                "[[step]]",
                'run = "400m"',
                "repeat = 2",
                'target = "1:30"',
                'rest = "0:30"',
                f"label = {toml_string(joined(self.label))}",
                f"cue = {toml_string(joined(self.cue))}",
                "",
            ]
        )


@dataclass
class Seen:
    """Every place checked, so the test can say how many it tried."""

    places: list[str] = field(default_factory=list)

    def check(
        self,
        app: TrackApp,
        place: str,
        *fields: str | Field,
        dropped: bool = False,
        lines: bool = False,
        on: str = "",
        below: str = "",
    ) -> None:
        """Each value is drawn literally; `on`: on a line holding that text; `below`: under
        the line holding that text (a dialog's or toast's own lines, not the screen behind)."""
        values = [v for f in fields for v in ((f,) if isinstance(f, str) else f)]
        drawn = drawn_lines(app)
        screen = "\n".join(drawn)
        assert not RAW_CONTROLS.search(screen), f"{place}: a raw control character is drawn"
        if on:  # the line with `on`, and the next, where a long text wraps
            rows = [i for i, line in enumerate(drawn) if on in line]
            screen = "\n".join("\n".join(drawn[i : i + 2]) for i in rows)
        if below:
            start = next(i for i, line in enumerate(drawn) if below in line)
            screen = "\n".join(drawn[start + 1 :])
        for value in values:
            assert shows(screen, value, dropped=dropped, lines=lines), (
                f"{place}: {value[:40]!r} is not drawn literally"
            )
            self.places.append(f"{place}:{value[:2]}")


async def settle(pilot: Pilot[int]) -> None:
    """Workers (session index, compare) post back through the message queue."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def home_to_end_screen(
    pilot: Pilot[int], app: TrackApp, clock: FakeClock, f: Fields, seen: Seen
) -> None:
    await settle(pilot)
    assert isinstance(app.screen, HomeScreen)
    # a 10,000-character name fills the preview; its label, cue and notes are further down
    seen.check(app, "home list and preview", *f.short((f.name, f.label, f.cue, f.notes)))

    await pilot.press("ctrl+p")
    await pilot.pause()
    seen.check(app, "command palette", f.name, on="Run workout: ")
    await pilot.press("escape")
    await pilot.pause()

    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, RunScreen)
    seen.check(app, "run screen, ready", f.label, f.notes)

    await pilot.press("space")  # the session starts with its first rep
    clock.advance(5)
    app.screen.tick()
    await pilot.pause()
    seen.check(app, "run screen, a rep", f.label, f.cue)

    clock.advance(85)
    await pilot.press("space")
    await pilot.pause()
    seen.check(app, "run screen, after a split", f.label)

    await pilot.press("q", "y")
    await pilot.pause()
    assert isinstance(app.screen, SummaryScreen)
    seen.check(app, "end screen", f.name, f.label)
    app.screen.query_one("#summary-notes", Input).value = joined(f.session_notes)
    await pilot.press("ctrl+s")
    await pilot.pause()
    seen.check(app, "end screen notes", f.session_notes, dropped=True)
    await pilot.press("escape")
    await pilot.pause()


async def review_screens(pilot: Pilot[int], app: TrackApp, f: Fields, seen: Seen) -> None:
    assert isinstance(app.screen, HomeScreen)
    await pilot.press("h")
    await settle(pilot)
    assert isinstance(app.screen, SessionsScreen)
    assert len(app.screen.shown) == 1, "the filter (the workout's name) finds its session"
    seen.check(app, "sessions list", f.name, f.session_notes)

    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, SessionDetailScreen)
    seen.check(app, "session detail", *f.short((f.name, f.session_notes, f.label)))

    await pilot.press("n")
    await pilot.pause()
    assert isinstance(app.screen, EditNotes)
    seen.check(app, "notes dialog", f.session_notes, lines=True, below="Notes — ctrl+s")
    await pilot.press("escape")
    await pilot.pause()

    await pilot.press("c")
    await settle(pilot)
    assert isinstance(app.screen, CompareScreen)
    seen.check(app, "compare", f.name, f.label)
    await pilot.press("escape", "escape")
    await pilot.pause()

    assert isinstance(app.screen, SessionsScreen)
    await pilot.press("delete")
    await pilot.pause()
    assert isinstance(app.screen, ConfirmDelete)
    seen.check(app, "delete dialog", f.cut(f.name), on="Move ")
    await pilot.press("n")


def second_window(services: Services, clock: FakeClock) -> Services:
    """A fresh app on the same data, as after a crash (its own store)."""
    return Services(
        clock=clock,
        key_time=services.key_time,
        wall=clock.wall,
        data_dir=services.data_dir,
        config_dir=services.config_dir,
        audio=SilentCues(),
        store=FileSessionStore(services.data_dir / "sessions"),
        ticker=clock.ticker,
    )


async def crash_and_resume(services: Services, clock: FakeClock, f: Fields, seen: Seen) -> None:
    """Die mid-rep; the next start offers the unfinished session, naming workout and rep."""
    plan = plan_from_text(f.workout(), "w.toml")
    app = build_app(second_window(services, clock), plan=plan)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        clock.advance(20)
        app.screen.tick()  # type: ignore[attr-defined]
        app.services.store.flush()  # type: ignore[union-attr]
    clock.advance(60)
    app2 = build_app(second_window(services, clock), plan=plan)
    async with app2.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not isinstance(app2.screen, RunScreen), "the unfinished session is offered first"
        seen.check(app2, "resume dialog", f.name, f.label)


@pytest.mark.parametrize("group", GROUPS)
async def test_hostile_text_is_literal_on_every_screen(
    group: str, services: Services, clock: FakeClock, tmp_path: Path
) -> None:
    f = Fields(tuple(HOSTILE[key] for key in GROUPS[group]))
    here = tmp_path / "workouts"
    here.mkdir()
    (here / "w.toml").write_text(f.workout(), encoding="utf-8")
    seen = Seen()
    app = build_app(services, first_screen=HomeScreen(services, here=here))
    async with app.run_test(size=SIZE) as pilot:
        await home_to_end_screen(pilot, app, clock, f, seen)
        await review_screens(pilot, app, f, seen)
        assert app.return_code is None, "nothing quit the app (no live [@click=app.quit])"
    await crash_and_resume(services, clock, f, seen)
    assert len(seen.places) == PLACES_PER_STRING * len(f.hostile) - f.not_on_screen


PLACES_PER_STRING = 24  # field × place checks in one run of the test above


async def test_delete_dialog_shows_each_string_literally(services: Services) -> None:
    """The delete dialog cuts the session's name at its width, so a journey above sees only
    its group's first string there: here each string is alone in it, in one app."""
    seen = Seen()
    app = build_app(services, first_screen=Screen())
    async with app.run_test(size=SIZE) as pilot:
        for key in IDS:
            name = tagged("Nm", HOSTILE[key])
            app.push_screen(ConfirmDelete(f"2026-11-27 18:16 {name}"))
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDelete)
            seen.check(app, f"delete dialog, {key}", name, on="Move ")
            await pilot.press("n")
            assert not isinstance(app.screen, ConfirmDelete)
    assert len(seen.places) == len(IDS)


BROKEN = """name = "broken"
{key} = 1
[[step]]
run = "400m"
"""


@pytest.mark.parametrize("key", IDS)
async def test_hostile_file_names_and_errors_are_literal(
    key: str, services: Services, tmp_path: Path
) -> None:
    """A broken file whose name and bad key are hostile: the list, the error preview, the
    toast on Enter and the editor's title and problem list show them as written."""
    hostile = HOSTILE[key][:200].replace("/", "_").replace("\x00", "")
    stem = tagged("Fn", hostile)
    here = tmp_path / "workouts"
    here.mkdir()
    bad_key = tagged("Ky", HOSTILE[key][:200])
    (here / f"{stem}.toml").write_text(BROKEN.format(key=toml_string(bad_key)), "utf-8")
    seen = Seen()
    app = build_app(services, first_screen=HomeScreen(services, here=here))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        seen.check(app, "home list, broken file", stem, bad_key)
        await pilot.press("enter")  # cannot run: a toast names the file
        await pilot.pause()
        seen.check(app, "toast", stem, below="Cannot run")
        app.clear_notifications()  # the toast would cover the problem list's right side
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        seen.check(app, "editor title and problems", stem, bad_key)
    assert len(seen.places) == 5
