"""The run screen's keys are bindings with ids: settings.toml's [keys] remaps them, the
split still counts at the key event's own instant, and help shows the keys in use."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FakeClock, fake_services, screen_text, shown_toasts
from trackapp.domain.session import Input
from trackapp.domain.workout_plan import plan_from_text
from trackapp.settings import RUN_KEYS, Settings
from trackapp.ui.factory import build_app
from trackapp.ui.screens.run import RunScreen

WORKOUT = 'name = "2 x 200"\n[[step]]\nrepeat = 2\nrun = "200m"\nrest = "1:00"\n'


def write_settings(tmp_path: Path, text: str) -> tuple[Settings, list[str]]:
    path = tmp_path / "settings.toml"
    path.write_text(text, "utf-8")
    return Settings.load_with_warnings(path)


def test_a_keys_table_remaps_actions_and_keeps_the_rest(tmp_path: Path) -> None:
    settings, warnings = write_settings(tmp_path, '[keys]\nsplit = "X, space"\nstop = "k"\n')
    assert warnings == []
    assert settings.keys == {"split": "x,space", "stop": "k"}
    again = Settings.load(tmp_path / "settings.toml")
    again.save(tmp_path / "saved.toml")  # written back as a [keys] table, read the same
    assert Settings.load(tmp_path / "saved.toml").keys == settings.keys


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ('jump = "j"', "`jump` is not an action; the actions are split, pause"),
        ('split = ""', '`split` is keys separated by commas, like "space,x"'),
        ("split = 5", '`split` is keys separated by commas, like "space,x"'),
        ('split = "[b]x"', '`split` is keys separated by commas, like "space,x"'),
        ('split = "u"', "`split`: u is already undo's key; split kept as it was"),
        ('split = "k"\nstop = "k"', "`stop`: k is already split's key; stop kept as it was"),
    ],
)
def test_a_bad_keys_entry_is_left_out_with_a_warning(
    tmp_path: Path, table: str, expected: str
) -> None:
    settings, warnings = write_settings(tmp_path, f"[keys]\n{table}\n")
    assert len(warnings) == 1 and expected in warnings[0], warnings
    assert "settings.toml" in warnings[0]
    for action, keys in settings.keys.items():  # what is kept is usable
        assert action in RUN_KEYS and keys


def test_keys_that_are_not_a_table_are_ignored(tmp_path: Path) -> None:
    settings, warnings = write_settings(tmp_path, 'keys = "space"\n')
    assert settings.keys == {} and "`keys` is a table" in warnings[0]


async def test_a_remapped_split_key_splits_at_its_own_instant(
    clock: FakeClock, data_dir: Path
) -> None:
    services = fake_services(clock, data_dir)
    services.settings.keys = {"split": "x", "undo": "z"}
    key_times: list[float] = []

    def key_instant(event_time: float) -> float:
        key_times.append(event_time)
        # the key went down before the handler ran: 0.25 s for the first, 0.5 s the second
        return clock() - 0.25 * len(key_times)

    services.key_time = key_instant
    app = build_app(services, plan=plan_from_text(WORKOUT, "w"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, RunScreen)
        await pilot.press("space")  # no longer a split key: nothing starts
        assert not screen.engine.started
        await pilot.press("x")  # rep 1 starts
        clock.advance(40)
        await pilot.press("x")  # rep 1 ends half a second before now: 39.75 s after its start
        assert screen.engine.events == [Input("press", 0.0), Input("press", 39.75)]
        assert len(key_times) == 2
        await pilot.press("z")  # undo, remapped
        assert screen.engine.events == [Input("press", 0.0)]
        await pilot.press("question_mark")
        await pilot.pause()
        shown = screen_text(app)
        assert "X " in shown and "Z " in shown  # the keys in use, not the defaults
        assert "SPACE or ENTER" not in shown
        assert "next: split" not in shown  # the clicker's split button no longer splits
        assert "slideshow / blank: pause / resume" in shown  # pause kept its keys


async def test_the_screen_names_the_keys_in_use(clock: FakeClock, data_dir: Path) -> None:
    """With split on x and undo on z, the screen's words say X and z, never SPACE or u."""
    services = fake_services(clock, data_dir)
    services.settings.keys = {"split": "x", "undo": "z"}
    app = build_app(services, plan=plan_from_text(WORKOUT, "w"))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        assert "Press X to start" in screen_text(app)
        await pilot.press("x")  # the session starts with rep 1
        await pilot.press("n", "n")  # skip rep 1, then the rest: rep 2 waits at the line
        said = await shown_toasts(pilot)
        assert "Skipped 200 m (z to undo)" in said and "(u to undo)" not in said
        shown = screen_text(app)
        assert "At the line: press X to start" in shown and "SPACE" not in shown
        await pilot.press("p")
        assert "Press P or X to resume" in screen_text(app)
