"""A text area for the user's own words that shows control characters as pictures.

Its own module: Textual's TextArea (and tree-sitter behind it) loads only for the
screens that edit text, not before the run screen's first frame.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import TextArea

from trackapp.domain.text import printable


class ControlsTextArea(TextArea):
    """A TextArea that draws control characters as pictures; its text stays what it was.

    The line is read from the document, as `TextArea.get_line` does, but not through
    `Text(line)`, which would silently drop a BEL or BS (and leave an ESC raw)."""

    def get_line(self, line_index: int) -> Text:
        return Text(printable(self.document.get_line(line_index)), end="", no_wrap=True)
