"""The home screen and the editor driven with keys through Textual's Pilot."""

from __future__ import annotations

import io
import tomllib
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

import pytest
from rich.console import Console, RenderableType
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static
from textual.widgets.data_table import ColumnKey

from tests.conftest import FakeClock, palette_searched, shown_toasts, toast_text, wait_until
from tests.home.conftest import GOOD
from trackapp.domain.plan import Plan
from trackapp.domain.session import SegmentRecord, SessionRecord
from trackapp.services import Services
from trackapp.storage.session_files import session_filename, write_session
from trackapp.storage.workout_library import WorkoutEntry, list_workouts
from trackapp.ui.dialogs import AskName
from trackapp.ui.factory import build_app
from trackapp.ui.screens import home
from trackapp.ui.screens.editor import CHECK_DELAY, EditorScreen, WorkoutTextArea
from trackapp.ui.screens.home import HomeScreen
from trackapp.ui.screens.run import RunScreen
from trackapp.ui.widgets.plan_preview import plan_renderable

SIZE = (120, 40)


def plain(widget: Static) -> str:
    """What a Static shows, as plain text, whatever renderable it holds."""
    content = widget.content
    if isinstance(content, str):
        return content
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(content)
    return console.export_text()


def cell_texts(table: DataTable[object], row: int) -> list[str]:
    return [str(cell) for cell in table.get_row_at(row)]


def write_done_session(data_dir: Path, workout: str, times: list[float]) -> None:
    started = datetime(2026, 3, 4, 18, 5)
    segments = [
        SegmentRecord(
            kind="run",
            step=2,
            set=1,
            rep=i + 1,
            label="400 m",
            start=i * 200.0,
            time=t,
            laps=[t],
            ended_by="press",
            distance=400.0,
            target=(90.0, 90.0),
        )
        for i, t in enumerate(times)
    ]
    record = SessionRecord(
        workout=workout,
        source="workouts/8x400.toml",
        workout_toml=GOOD,
        started=started,
        status="completed",
        ended=started,
        segments=segments,
    )
    folder = data_dir / "sessions"
    folder.mkdir(parents=True, exist_ok=True)
    write_session(folder / session_filename(started, workout), record)


async def wait_loaded(pilot: object, screen: HomeScreen) -> None:
    app = screen.app
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    assert screen.sessions_loaded


async def test_lists_good_and_broken_files_with_last_run(
    services: Services, here: Path, data_dir: Path
) -> None:
    write_done_session(data_dir, "8 x 400", [89.0, 91.6])
    app = build_app(services, first_screen=HomeScreen(services))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        await wait_loaded(pilot, screen)
        table = screen.query_one(DataTable)
        assert table.row_count == 3
        assert cell_texts(table, 0) == [
            "8 x 400",
            "8 x 400 m, 90 s rest",
            "3200 m",
            "42:30",
            "2026-03-04 2/8 +0.3",  # 2 reps done of the 8 the workout plans
        ]
        assert cell_texts(table, 1)[:2] == ["Ladder", "200-400-200 m ladder, 1 min-2 min rest"]
        assert cell_texts(table, 1)[4] == "—"
        broken = cell_texts(table, 2)
        assert broken[0] == "zz-broken.toml"
        assert broken[1].startswith("✗ unknown key `reapet`; did you mean")
        status = plain(screen.query_one("#home-status", Static))
        assert "3 in ./workouts, 0 in data/workouts" in status
        assert "1 with problems" in status


async def test_preview_follows_the_cursor(services: Services, here: Path) -> None:
    app = build_app(services, first_screen=HomeScreen(services))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        preview = screen.query_one("#home-preview-body", Static)
        text = plain(preview)
        assert "8 x 400  (workouts/8x400.toml)" in text
        assert "Notes: Even pace." in text
        assert "Run distance: 3200 m in 8 reps" in text
        await pilot.press("down", "down")
        text = plain(preview)
        assert "workouts/zz-broken.toml: 1 problem" in text
        assert (
            "workouts/zz-broken.toml:4: step 1 (reapet): unknown key `reapet`; "
            "did you mean `repeat`?" in text
        )
        assert "Press e to fix it here" in text


async def test_the_preview_is_built_again_only_when_what_it_shows_changes(
    services: Services, here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long plan's table costs milliseconds to lay out: the list's refills, the cursor's
    moves and the sessions' arrival rebuild it only when the workout, its file's text or
    the width it is laid out for changed (at start it was built three times over)."""
    built: list[str] = []
    real = plan_renderable

    def counted(plan: Plan, shown: str = "", compact: bool = False) -> RenderableType:
        built.append(f"{plan.workout.name}{' compact' if compact else ''}")
        return real(plan, shown, compact=compact)

    monkeypatch.setattr(home, "plan_renderable", counted)
    reads: list[int] = []
    read_folders = list_workouts

    def read(folders: Iterable[tuple[str, Path]]) -> list[WorkoutEntry]:
        reads.append(1)
        return read_folders(folders)

    monkeypatch.setattr(home, "list_workouts", read)
    app = build_app(services, first_screen=HomeScreen(services))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        await wait_loaded(pilot, screen)
        assert built == ["8 x 400"]
        assert len(reads) == 1, "the folders are read once at start (mount, not resume too)"
        await pilot.press("down", "up")
        assert built == ["8 x 400", "Ladder", "8 x 400"]
        app.push_screen(Screen())  # covered, then shown again: the files are read again
        await pilot.pause()
        app.pop_screen()
        await wait_loaded(pilot, screen)
        assert built == ["8 x 400", "Ladder", "8 x 400"], "nothing changed: nothing built"
        assert len(reads) == 2
        (here / "8x400.toml").write_text(GOOD.replace('"8 x 400"', '"8 x 400 fast"'))
        app.push_screen(Screen())
        await pilot.pause()
        app.pop_screen()
        await wait_loaded(pilot, screen)
        assert built[3:] == ["8 x 400 fast"]
        assert "8 x 400 fast  (workouts/8x400.toml)" in plain(
            screen.query_one("#home-preview-body", Static)
        )
        await pilot.resize_terminal(80, 24)  # narrow: the compact table
        assert await wait_until(pilot, lambda: len(built) > 4, 2)  # the resize's own timer
        assert built[4:] == ["8 x 400 fast compact"]


async def test_columns_fit_the_names_listed_now(services: Services, here: Path) -> None:
    """A workout renamed shorter narrows its column when the list is read again: a column
    left as wide as the old name pushed "Last run" off an 80-column screen."""
    long_name = "8 x 400 at 5K pace, even"
    (here / "8x400.toml").write_text(GOOD.replace('"8 x 400"', f'"{long_name}"'))
    app = build_app(services, first_screen=HomeScreen(services))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        await wait_loaded(pilot, screen)
        table = screen.query_one(DataTable)
        assert table.columns[ColumnKey("name")].width == len(long_name)
        (here / "8x400.toml").write_text(GOOD)  # renamed "8 x 400"
        app.push_screen(Screen())
        await pilot.pause()
        app.pop_screen()
        await wait_loaded(pilot, screen)
        assert table.columns[ColumnKey("name")].width == len("zz-broken.toml")


async def test_enter_runs_a_good_workout_and_refuses_a_broken_one(
    services: Services, here: Path
) -> None:
    app = build_app(services, first_screen=HomeScreen(services))
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await pilot.press("down", "down", "enter")
        assert isinstance(app.screen, HomeScreen)
        assert "press e to fix it first" in await shown_toasts(pilot)
        await pilot.press("up", "up", "enter")
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)
        assert app.screen.run.plan.workout.name == "8 x 400"
        await pilot.press("q")  # not started: straight back to the list
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter", "space", "q", "y")  # a session stopped: its summary
        await pilot.pause()
        await pilot.press("escape")  # done with the summary: back to the list
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.is_running


async def open_editor(pilot: object, app: object, row: int = 0) -> EditorScreen:
    for _ in range(row):
        await pilot.press("down")  # type: ignore[attr-defined]
    await pilot.press("e")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, EditorScreen)
    return screen


async def test_editor_shows_a_typo_at_its_line_as_you_type(
    services: Services, clock: FakeClock, here: Path
) -> None:
    app = build_app(services, first_screen=HomeScreen(services))
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot, app)
        area = editor.query_one(WorkoutTextArea)
        problems = editor.query_one("#editor-problems-body", Static)
        assert "no problems" in plain(problems)
        repeat_line = GOOD.splitlines().index("repeat = 8")  # 0-based
        area.cursor_location = (repeat_line, 0)
        await pilot.press(*["delete"] * 6)  # "repeat" gone
        await pilot.press(*"reapet")
        assert "no problems" in plain(problems)  # not yet: the check waits for a pause
        clock.advance(CHECK_DELAY - 0.05)
        await pilot.pause()
        assert "no problems" in plain(problems)  # the pause is not over yet
        clock.advance(0.1)
        await pilot.pause()
        text = plain(problems)
        assert (
            f"workouts/8x400.toml:{repeat_line + 1}: step 2 (reapet): unknown key `reapet`; "
            "did you mean `repeat`?" in text
        )
        # without `repeat` the step has one rep, so its `rest` is wrong too (line 11)
        assert area.error_lines == frozenset({repeat_line, repeat_line + 3})
        title = plain(editor.query_one("#editor-title", Static))
        assert f"2 problems (line {repeat_line + 1}, {repeat_line + 4})" in title
        assert "modified" in title
        # F8 jumps to it
        area.cursor_location = (0, 0)
        await pilot.press("f8")
        assert area.cursor_location == (repeat_line, 0)


async def test_editor_saves_valid_text_and_invalid_only_on_a_second_request(
    services: Services, here: Path
) -> None:
    path = here / "8x400.toml"
    app = build_app(services, first_screen=HomeScreen(services))
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        editor = await open_editor(pilot, app)
        area = editor.query_one(WorkoutTextArea)
        area.text = GOOD.replace("repeat = 8", "repeet = 8")
        await pilot.press("ctrl+s")
        assert path.read_text() == GOOD  # refused
        assert "Press ctrl+s again" in await shown_toasts(pilot)
        await pilot.press("ctrl+s")
        assert "repeet = 8" in path.read_text()  # the draft, as asked
        assert "Saved as a draft" in await shown_toasts(pilot)
        area.text = GOOD.replace("repeat = 8", "repeat = 6")
        await pilot.press("ctrl+s")
        assert tomllib.loads(path.read_text())["step"][1]["repeat"] == 6
        assert not editor.modified
        await pilot.press("escape")
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert str(home.query_one(DataTable).get_row_at(0)[1]) == "6 x 400 m, 90 s rest"


async def test_a_change_to_the_text_disarms_the_draft_save(services: Services, here: Path) -> None:
    path = here / "8x400.toml"
    app = build_app(services, first_screen=HomeScreen(services))
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot, app)
        area = editor.query_one(WorkoutTextArea)
        area.text = "name = ["
        await pilot.press("ctrl+s")
        area.text = "name = [["
        await pilot.press("ctrl+s")
        assert path.read_text() == GOOD


async def test_leaving_with_unsaved_changes_asks_first(services: Services, here: Path) -> None:
    app = build_app(services, first_screen=HomeScreen(services))
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot, app)
        editor.query_one(WorkoutTextArea).text = GOOD + "\n# more\n"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, EditorScreen | HomeScreen)  # the question
        await pilot.press("n")
        assert app.screen is editor
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert (here / "8x400.toml").read_text() == GOOD


async def test_new_workout_from_the_template(
    services: Services, here: Path, data_dir: Path
) -> None:
    app = build_app(services, first_screen=HomeScreen(services))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, AskName)
        await pilot.press(*"Hill 6s", "enter")
        await pilot.pause()
        created = data_dir / "workouts" / "hill-6s.toml"
        assert tomllib.loads(created.read_text())["name"] == "Hill 6s"
        assert isinstance(app.screen, EditorScreen)
        assert app.screen.path == created
        await pilot.press("escape")
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert home.selected is not None
        assert home.selected.path == created
        assert home.selected.origin == "mine"


async def test_escape_cancels_a_new_workout(services: Services, here: Path, data_dir: Path) -> None:
    app = build_app(services, first_screen=HomeScreen(services))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert not (data_dir / "workouts").exists()


async def test_copy_a_workout_to_adapt_it(services: Services, here: Path, data_dir: Path) -> None:
    app = build_app(services, first_screen=HomeScreen(services))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        dialog = app.screen
        assert isinstance(dialog, AskName)
        assert dialog.query_one(Input).value == "Copy of 8 x 400"
        await pilot.press("enter")
        await pilot.pause()
        copied = data_dir / "workouts" / "copy-of-8-x-400.toml"
        text = copied.read_text()
        assert text == GOOD.replace('name = "8 x 400"', 'name = "Copy of 8 x 400"')
        assert (here / "8x400.toml").read_text() == GOOD
        assert isinstance(app.screen, EditorScreen)


async def test_external_editor(services: Services, here: Path, monkeypatch: object) -> None:
    app = build_app(services, first_screen=HomeScreen(services))
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await pilot.press("E")
        assert "Set $EDITOR" in await shown_toasts(pilot)
        monkeypatch.setenv("EDITOR", "sed -i s/8x400/Eights/")  # type: ignore[attr-defined]
        (here / "8x400.toml").write_text(GOOD.replace("8 x 400", "8x400"))
        await pilot.press("E")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        assert screen.selected is not None
        assert screen.selected.name == "Eights"
        monkeypatch.setenv("EDITOR", "no-such-editor-here")  # type: ignore[attr-defined]
        await pilot.press("E")
        assert "could not start 'no-such-editor-here'" in await shown_toasts(pilot)


async def test_palette_reaches_the_home_actions(services: Services, here: Path) -> None:
    app = build_app(services, first_screen=HomeScreen(services))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"new workout")
        await palette_searched(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AskName)


async def test_theme_choice_is_saved_in_the_settings_file(services: Services, here: Path) -> None:
    app = build_app(services, first_screen=HomeScreen(services))
    async with app.run_test(size=SIZE) as pilot:
        app.theme = "gruvbox"
        await pilot.pause()
        saved = tomllib.loads((services.config_dir / "settings.toml").read_text())
        assert saved["theme"] == "gruvbox"
        assert saved["debounce"] == 1.0
    services.settings.theme = "textual-dark"
    again = build_app(services, first_screen=HomeScreen(services))
    from trackapp.settings import Settings

    services.settings = Settings.load(services.config_dir / "settings.toml")
    async with again.run_test(size=SIZE):
        assert again.theme == "gruvbox"


async def test_sessions_key_opens_the_sessions_of_the_workout(
    services: Services, here: Path, data_dir: Path
) -> None:
    write_done_session(data_dir, "8 x 400", [89.0, 91.6])
    app = build_app(services, first_screen=HomeScreen(services))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await pilot.pause()
        from trackapp.ui.screens.history import SessionsScreen

        screen = app.screen
        assert isinstance(screen, SessionsScreen)
        assert screen.query_one("#history-filter", Input).value == "8 x 400"
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_settings_dialog_saves_beside_the_theme(services: Services, here: Path) -> None:
    from trackapp.ui.dialogs import SettingsScreen

    app = build_app(services, first_screen=HomeScreen(services))
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await pilot.press("s")
        dialog = app.screen
        assert isinstance(dialog, SettingsScreen)
        dialog.query_one("#settings-debounce", Input).value = "abc"
        await pilot.click("#save")
        assert app.screen is dialog  # a bad number is refused, with a notice
        dialog.query_one("#settings-debounce", Input).value = "0.5"
        dialog.query_one("#settings-volume", Input).value = "40%"
        dialog.query_one("#settings-volume", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen), toast_text(app)
    saved = tomllib.loads((services.config_dir / "settings.toml").read_text())
    assert (saved["debounce"], saved["volume"], saved["theme"]) == (0.5, 0.4, "textual-dark")
    assert services.settings.debounce == 0.5


async def test_a_file_too_big_to_edit_is_listed_and_refused_with_a_notice(
    services: Services, here: Path
) -> None:
    (here / "zzz-huge.toml").write_text("# " + "x" * 1_100_000)
    app = build_app(services, first_screen=HomeScreen(services))
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        assert "larger than" in cell_texts(screen.query_one(DataTable), 3)[1]
        await pilot.press("down", "down", "down", "e")
        assert app.screen is screen
        assert "larger than" in await shown_toasts(pilot)


async def test_a_save_that_fails_is_reported(services: Services, here: Path) -> None:
    app = build_app(services, first_screen=HomeScreen(services))
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        editor = await open_editor(pilot, app)
        editor.path = here / "8x400.toml" / "not-a-dir.toml"  # writing there fails
        await pilot.press("ctrl+s")
        assert "Could not save" in await shown_toasts(pilot)
        assert app.screen is editor


def test_editor_never_opens_a_fifo(tmp_path: Path) -> None:
    """A FIFO named like a workout is listed on the home screen; editing it must say what
    it is, not hang the app waiting for a writer."""
    import os
    import signal

    from trackapp.ui.screens.editor import CannotEdit, read_for_editing

    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    signal.signal(signal.SIGALRM, lambda *_: (_ for _ in ()).throw(TimeoutError("hung")))
    signal.alarm(5)
    try:
        with pytest.raises(CannotEdit, match="named pipe"):
            read_for_editing(fifo)
    finally:
        signal.alarm(0)
    assert read_for_editing(tmp_path / "new.toml")[0] == ""  # a new file still opens


async def test_a_file_outside_the_folders_is_listed_and_selected(
    services: Services, here: Path
) -> None:
    """`trackapp home ~/plans/x.toml`: the file is listed (marked as opened) and selected."""
    outside = here / "plans" / "tempo.toml"
    outside.parent.mkdir()
    outside.write_text(GOOD.replace("8 x 400", "Tempo outside"))
    app = build_app(services, first_screen=HomeScreen(services, select=outside))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        assert screen.selected is not None
        assert screen.selected.name == "Tempo outside"
        assert screen.selected.path == outside.absolute()
        assert "plans/tempo.toml (opened" in str(screen.query_one("#home-status").render())
