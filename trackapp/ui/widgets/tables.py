"""Review tables with each column as wide as its widest cell, filled in one go or a page
at a time."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

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
    set_columns(table, headers, rows)
    for row in rows:
        table.add_row(*row)


def set_columns(
    table: DataTable[Cell], headers: Sequence[tuple[str, str]], rows: Iterable[Sequence[Cell]]
) -> None:
    """Replace the table's columns (label, key), each as wide as its label and its widest
    cell in `rows`: all the rows it will hold, when they reach it a page at a time."""
    rows = list(rows)
    table.clear(columns=True)
    for i, (label, key) in enumerate(headers):
        width = column_width(label, (row[i] for row in rows if i < len(row)))
        table.add_column(label, key=key, width=width)


def column_width(label: str, cells: Iterable[Cell]) -> int:
    """As wide as the label and the widest of the cells (its widest line)."""
    return max([cell_len(label), *(cell_len(_plain(cell)) for cell in cells)])


def _plain(cell: Cell) -> str:
    """The text a cell shows on its widest line."""
    plain = cell.plain if isinstance(cell, Text) else cell
    return max(plain.split("\n"), key=cell_len)
