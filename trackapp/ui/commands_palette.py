"""Command palette (ctrl+p) entries for the screen it was opened on.

A screen lists its actions once, in `palette_commands()`; this provider offers
them, so every key of the home screen and the editor is also reachable by name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from trackapp.ui.literal import literal


@dataclass(frozen=True, slots=True)
class PaletteCommand:
    name: str  # may hold a workout's name: shown literally, never as markup
    help: str
    run: Callable[[], object]


@runtime_checkable
class HasPaletteCommands(Protocol):
    def palette_commands(self) -> Sequence[PaletteCommand]: ...


class ScreenCommands(Provider):
    """The actions of the screen under the palette, found by fuzzy name."""

    def _commands(self) -> Sequence[PaletteCommand]:
        screen = self.screen
        if isinstance(screen, HasPaletteCommands):
            return screen.palette_commands()
        return ()

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(literal(command.name), command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.name)
            if score > 0:
                yield Hit(score, highlight(matcher, command.name), command.run, help=command.help)


def highlight(matcher: Matcher, name: str) -> Content:
    """The name with the typed letters marked, as `Matcher.highlight` does, but literal:
    that one parses the name as markup, so a workout called `[b]` would lose its brackets."""
    content = literal(name)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, content.plain)
    for offset in offsets:
        if not content.plain[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
