"""Read a spreadsheet (CSV or Excel) into rows of text cells, keeping where each cell is.

A CPD lead fixes a bad row in the spreadsheet, not in YAML, so every problem points at the
spreadsheet's own row (the header is row 1) and column. Reading never stops at the first problem,
and a file that cannot be read at all gets one clear reason, never a traceback.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from . import regular_file
from .problems import Problems
from .read import position
from .regular_file import NotRegular, TooLarge, read_regular
from .suggest import did_you_mean

MAX_BYTES = 50_000_000
"""A year of a large trust's records is a few megabytes; fifty is past any real export."""


@dataclass(frozen=True)
class Cell:
    text: str
    """Stripped of surrounding spaces; never empty (empty cells are left out)."""
    row: int
    col: int


@dataclass(frozen=True)
class Row:
    number: int
    """The spreadsheet's row number: the header is row 1."""
    cells: dict[str, Cell]
    """Column name → the cell, for the named columns that hold something in this row."""


@dataclass(frozen=True)
class Table:
    path: str
    columns: dict[str, int]
    """Column name (lowercase) → its 1-based column number."""
    rows: tuple[Row, ...]


def column_letter(col: int) -> str:
    """1 → A, 27 → AA: how spreadsheets name columns."""
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def read_table(fs_path: str, display: str, columns: Sequence[str], required: Sequence[str],
               problems: Problems) -> Table | None:
    """The rows of ``fs_path`` under a header row naming some of ``columns`` (case-insensitive).

    None when the file cannot be used at all; problems with single cells are reported and the
    rows are still returned, so every problem in the file is found in one run.
    """
    ext = os.path.splitext(fs_path)[1].lower()
    if ext not in (".csv", ".xlsx"):
        hint = ("save it from Excel as .xlsx (File › Save As › Excel Workbook)" if ext in (".xls", ".ods", ".numbers")
                else "export the spreadsheet as CSV UTF-8 or as an Excel workbook")
        problems.error(display, 1, 1, f"import reads .csv and .xlsx files, not {ext or 'files without an extension'}",
                       hint)
        return None
    try:
        data = read_regular(fs_path, MAX_BYTES)
    except NotRegular as refused:
        problems.error(display, 1, 1, str(refused), regular_file.HINT)
        return None
    except TooLarge as large:
        problems.error(display, 1, 1, f"the file is {large.size / 1_000_000:.0f} MB; the limit is "
                       f"{MAX_BYTES // 1_000_000} MB", "split it into several files and import each")
        return None
    except OSError as error:
        problems.error(display, 1, 1, f"the file cannot be read: {error.strerror}")
        return None
    grid = _csv_grid(data, display, problems) if ext == ".csv" else _xlsx_grid(data, display, problems)
    return None if grid is None else _table(grid, display, columns, required, problems)


def _csv_grid(data: bytes, display: str, problems: Problems) -> list[list[str]] | None:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, col = position(data, error.start)
        problems.error(display, line, col, f"the file is not UTF-8 (byte 0x{data[error.start]:02x} here)",
                       "save it from the spreadsheet as 'CSV UTF-8 (Comma delimited)'")
        return None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    grid: list[list[str]] = []
    try:
        for record in reader:
            grid.append(record)
    except csv.Error as error:
        problems.error(display, len(grid) + 1, 1, f"the CSV cannot be read here: {error}",
                       "a cell that starts with a quote (\") must end with one; save the file from the spreadsheet "
                       "again rather than editing it by hand")
        return None
    return grid


def _xlsx_grid(data: bytes, display: str, problems: Problems) -> list[list[str]] | None:
    import openpyxl  # here: reading CSV needs none of it

    try:  # from the bytes already read: the path is not opened again (it could be swapped for a pipe)
        values = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        formulas = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # a damaged or foreign file can fail anywhere in the zip/XML stack
        problems.error(display, 1, 1, "the file cannot be read as an Excel workbook (.xlsx): it is damaged "
                       "or a file of another kind", "open it in Excel or LibreOffice and save it again as .xlsx")
        return None
    try:
        names = [name for name in values.sheetnames if name.strip().lower() == "activities"]
        name = names[0] if names else values.sheetnames[0]
        grid: list[list[str]] = []
        for r, (row, raw) in enumerate(zip(values[name].iter_rows(values_only=True),
                                            formulas[name].iter_rows(values_only=True), strict=False), start=1):
            cells = [_xlsx_text(value) for value in row]
            for c, (value, formula) in enumerate(zip(row, raw, strict=False), start=1):
                if value is None and isinstance(formula, str) and formula.startswith("="):
                    problems.error(display, r, c, f"this cell holds a formula ({formula}) whose value was never "
                                   "worked out", "open the file in Excel or LibreOffice and save it, or type the value")
            grid.append(cells)
        return grid
    finally:
        values.close()
        formulas.close()


def _xlsx_text(value: Any) -> str:
    """A cell's value as the text a person reads in it (dates as YYYY-MM-DD)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _table(grid: list[list[str]], display: str, columns: Sequence[str], required: Sequence[str],
           problems: Problems) -> Table | None:
    header = [cell.strip() for cell in grid[0]] if grid else []
    if not any(header):
        problems.error(display, 1, 1, "row 1 is empty: it must name the columns",
                       f"put the column names in row 1: {', '.join(columns)}")
        return None
    if len([h for h in header if h]) == 1 and (";" in header[0] or "\t" in header[0]):
        separator = "semicolons" if ";" in header[0] else "tabs"
        problems.error(display, 1, 1, f"the columns are separated by {separator}, not commas",
                       "save it from the spreadsheet as 'CSV UTF-8 (Comma delimited)'")
        return None
    named: dict[str, int] = {}
    for col, name in enumerate(header, start=1):
        key = name.lower()
        if not key:
            continue
        if key not in columns:
            problems.error(display, 1, col, f"unknown column {name!r} (column {column_letter(col)})",
                           did_you_mean(key, columns, "columns") or f"the columns are: {', '.join(columns)}")
        elif key in named:
            problems.error(display, 1, col, f"the column {key!r} appears twice "
                           f"(columns {column_letter(named[key])} and {column_letter(col)})", "delete one of them")
        else:
            named[key] = col
    for key in required:
        if key not in named:
            problems.error(display, 1, 1, f"there is no {key!r} column",
                           f"row 1 names the columns; {', '.join(required)} are required")
    if problems.errors:
        return None  # with the columns in doubt, every row would only repeat it
    unnamed_reported: set[int] = set()
    rows: list[Row] = []
    for number, record in enumerate(grid[1:], start=2):
        texts = [cell.strip() for cell in record]
        if not any(texts):
            continue  # blank rows between blocks of records are common in spreadsheets
        cells: dict[str, Cell] = {}
        for col, text in enumerate(texts, start=1):
            if not text:
                continue
            name = header[col - 1].lower() if col <= len(header) else ""
            if not name and col not in unnamed_reported:
                unnamed_reported.add(col)
                problems.error(display, number, col, f"column {column_letter(col)} has no name in row 1",
                               f"name it in row 1 (one of: {', '.join(columns)}) or delete the column")
            elif named.get(name) == col:
                cells[name] = Cell(text, number, col)
        rows.append(Row(number, cells))
    return Table(display, named, tuple(rows))
