"""Filling a review table in one go, with each column as wide as its widest cell."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable

Cell = str | Text


def fill_table(
    table: DataTable[Cell], headers: Sequence[tuple[str, str]], rows: Sequence[Sequence[Cell]]
) -> None:
    """Replace the table's columns (label, key) and rows. The widths are given, not left
    to the table: filled from a worker's results, its own measuring once kept columns as
    narrow as their headers, cutting every time's difference off."""
    table.clear(columns=True)
    for i, (label, key) in enumerate(headers):
        width = max([cell_len(label), *(cell_len(_plain(row[i])) for row in rows if i < len(row))])
        table.add_column(label, key=key, width=width)
    for row in rows:
        table.add_row(*row)


def _plain(cell: Cell) -> str:
    """The text a cell shows on its widest line."""
    plain = cell.plain if isinstance(cell, Text) else cell
    return max(plain.split("\n"), key=cell_len)
