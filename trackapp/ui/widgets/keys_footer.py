"""The keys a screen answers to, on its bottom line, drawn as one widget.

It shows what Textual's `Footer` shows, laid out the same way: a highlighted key, its
description, the command palette's key at the right. Textual's footer is a container of
one widget per key, built again whenever the bindings change (a focus change, a screen
pushed or popped, `refresh_bindings`): ten widgets mounted and styled each time, a quarter
of the CPU the test suite used and a visible share of each screen change. This one
renders the line as text and repaints itself when the bindings change; a click on a key
presses that key, as the footer does.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.widget import Widget


@dataclass(frozen=True)
class FooterEntry:
    """One key as shown: where it sits on the line, and what a click presses."""

    key: str
    start: int
    end: int
    enabled: bool


class KeysFooter(Widget):
    """The screen's shown bindings, one per action, the command palette's key at the right."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"keys-footer--key", "keys-footer--description", "keys-footer--palette"}
    DEFAULT_CSS = """
    KeysFooter {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: clip;
        & > .keys-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .keys-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .keys-footer--palette {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._entries: list[FooterEntry] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def _bindings_changed(self, _screen: object) -> None:
        self.refresh()  # the same one line: a repaint, never a layout

    def _shown(self) -> tuple[list[tuple[Binding, bool]], tuple[Binding, bool] | None]:
        """The bindings to show, the first for each action in the order the screen binds
        them (as Textual's footer picks them), and the command palette's apart."""
        app = self.app
        active = self.screen.active_bindings
        palette: tuple[Binding, bool] | None = None
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            found = active[app.COMMAND_PALETTE_BINDING]
            palette = (found.binding, found.enabled)
        first: dict[str, tuple[Binding, bool]] = {}
        for _node, binding, enabled, _tooltip in active.values():
            if binding.show and binding.action not in first:
                first[binding.action] = (binding, enabled)
        if palette is not None:
            first.pop(palette[0].action, None)
        return list(first.values()), palette

    def _item(self, binding: Binding, enabled: bool) -> Text:
        key_style = self.get_component_rich_style("keys-footer--key")
        text_style = self.get_component_rich_style("keys-footer--description")
        dim = Style(dim=not enabled)
        item = Text(no_wrap=True, end="")
        item.append(f" {self.app.get_key_display(binding)} ", key_style + dim)
        if binding.description:
            item.append(f"{binding.description} ", text_style + dim)
        return item

    def render(self) -> Text:
        bindings, palette = self._shown()
        width = self.size.width
        line = Text(no_wrap=True, end="")
        entries: list[FooterEntry] = []
        for binding, enabled in bindings:
            item = self._item(binding, enabled)
            start = line.cell_len
            line.append_text(item)
            entries.append(FooterEntry(binding.key, start, line.cell_len, enabled))
        if palette is not None:
            binding, enabled = palette
            item = Text("▏", self.get_component_rich_style("keys-footer--palette"), end="")
            item.append_text(self._item(binding, enabled))
            item.append(" ")
            start = max(width - item.cell_len, 0)
            if line.cell_len > start:  # the keys give way to the palette's, whole ones:
                entries = [e for e in entries if e.end <= start]  # never "esc C"
                line.truncate(entries[-1].end if entries else 0)
            line.append(" " * (start - line.cell_len))
            line.append_text(item)
            entries.append(FooterEntry(binding.key, start + 1, start + item.cell_len, enabled))
        self._entries = entries
        return line

    def on_click(self, event: events.Click) -> None:
        """A click on a key presses it; on a key the screen refuses now, a bell."""
        for entry in self._entries:
            if entry.start <= event.x < entry.end:
                if entry.enabled:
                    self.app.simulate_key(entry.key)
                else:
                    self.app.bell()
                return
