"""The footer line: the keys the screen answers to, as drawn, and a click presses one."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from tests.conftest import screen_text
from trackapp.ui.widgets.keys_footer import KeysFooter


class KeysScreen(Screen[None]):
    BINDINGS = [
        Binding("space,x", "split", "Split"),
        Binding("u", "undo", "Undo"),
        Binding("q", "stop", "Stop"),
        Binding("z", "hidden", "Hidden", show=False),
        Binding("[b]", "markup", "[red]Not markup[/red]"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.done: list[str] = []
        self.can_undo = True

    def compose(self) -> ComposeResult:
        yield Static("body")
        yield KeysFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo" and not self.can_undo:
            return None  # shown, refused
        return True

    def action_split(self) -> None:
        self.done.append("split")

    def action_undo(self) -> None:
        self.done.append("undo")

    def action_stop(self) -> None:
        self.done.append("stop")


class KeysApp(App[None]):
    def on_mount(self) -> None:
        self.push_screen(KeysScreen())


def footer_line(app: App[None]) -> str:
    return screen_text(app).splitlines()[-1]


async def test_the_line_shows_each_action_once_and_the_palette_at_the_right() -> None:
    app = KeysApp()
    async with app.run_test(size=(80, 5)) as pilot:
        await pilot.pause()
        line = footer_line(app)
        assert line.startswith(" space Split  u Undo  q Stop  [b] [red]Not markup[/red] ")
        assert "Hidden" not in line and " x " not in line  # one key per action, shown ones
        assert line.rstrip().endswith("▏ ^p palette")
        assert len(line) == 80


async def test_a_narrow_line_keeps_the_palette_key() -> None:
    app = KeysApp()
    async with app.run_test(size=(30, 5)) as pilot:
        await pilot.pause()
        line = footer_line(app)
        assert line.rstrip().endswith("▏ ^p palette")
        # the keys that fit whole, then room: never a key cut off ("u" without "Undo")
        assert line.split("▏")[0].rstrip() == " space Split"


async def test_a_click_presses_the_key_a_refused_one_rings() -> None:
    app = KeysApp()
    async with app.run_test(size=(80, 5)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, KeysScreen)
        footer = screen.query_one(KeysFooter)
        line = footer_line(app)
        await pilot.click(KeysFooter, offset=(line.index("Undo"), 0))
        await pilot.click(KeysFooter, offset=(line.index("space"), 0))
        assert screen.done == ["undo", "split"]

        screen.can_undo = False
        screen.refresh_bindings()
        await pilot.pause()
        rings: list[bool] = []
        app.bell = lambda: rings.append(True)  # type: ignore[method-assign]
        await pilot.click(KeysFooter, offset=(line.index("Undo"), 0))
        await pilot.click(KeysFooter, offset=(line.index("▏") - 2, 0))  # no key there
        assert screen.done == ["undo", "split"] and rings == [True]
        assert footer.region.height == 1
