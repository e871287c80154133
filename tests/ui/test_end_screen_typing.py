"""The end screen's fields take keys as fast as a runner types them: Enter moves on to
effort before the next key is read, even when both arrive in one burst (a paste, a quick
typist, a slow machine)."""

from __future__ import annotations

from textual.widgets import Input

from tests.conftest import FakeClock
from tests.support.keys import burst
from trackapp.domain.workout_plan import plan_from_text
from trackapp.services import Services
from trackapp.storage.session_files import read_session
from trackapp.ui.factory import build_app
from trackapp.ui.screens.summary import SummaryScreen

WORKOUT = 'name = "1 x 200"\n[[step]]\nrun = "200m"\n'


async def test_enter_then_effort_in_one_burst(services: Services, clock: FakeClock) -> None:
    app = build_app(services, plan=plan_from_text(WORKOUT, "w.toml"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        clock.advance(35)
        await pilot.press("space")  # the one rep ends: the workout is done
        clock.advance(1.5)
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        screen = app.screen
        notes = screen.query_one("#summary-notes", Input)
        effort = screen.query_one("#summary-effort", Input)
        assert app.focused is notes

        burst(app, "easy\r7")
        await pilot.pause()
        await pilot.pause()
        assert (notes.value, effort.value) == ("easy", "7")
        assert app.focused is effort

        burst(app, "\r.")  # Enter in effort goes back to the notes, the key follows it
        await pilot.pause()
        await pilot.pause()
        assert (notes.value, effort.value) == ("easy.", "7")

        await pilot.press("ctrl+s")
        await pilot.pause()
        path = screen.run.path
        assert path is not None
        saved = read_session(path)
        assert (saved.notes, saved.effort) == ("easy.", 7)
