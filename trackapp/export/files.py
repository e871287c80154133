"""Export files on disk: where history's `x` puts them, their names, writing them whole."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from trackapp.domain.session import SessionRecord
from trackapp.export.fit_file import session_fit
from trackapp.export.tables import split_rows, to_csv, to_json

FORMATS = ("fit", "csv", "json")


def export_dir(data_dir: Path, home: Path | None = None) -> Path:
    """`~/Downloads` when it exists (where a browser's upload dialog opens), else the
    data dir's `exports/`."""
    downloads = (home if home is not None else Path.home()) / "Downloads"
    return downloads if downloads.is_dir() else data_dir / "exports"


def export_bytes(record: SessionRecord, fmt: str) -> bytes:
    """One session in `fmt` (fit, csv, json); raises FitExportError for a FIT it cannot be."""
    if fmt == "fit":
        return session_fit(record)
    rows = split_rows(record)
    if fmt == "json":
        return to_json(rows).encode("utf-8")
    if fmt == "csv":
        return to_csv(rows).encode("utf-8")
    raise ValueError(f"unknown export format {fmt!r}")


def export_name(session_path: Path, fmt: str) -> str:
    """The session file's own name with the format's extension: sessions sort by date."""
    return f"{session_path.stem}.{fmt}"


def write_whole(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file beside it, so a failed write never
    leaves a part of a file where a tool would upload it. Raises OSError."""
    tmp = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
    try:
        with open(tmp, "xb") as out:  # the umask's permissions, as any file the user saves
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def export_session(record: SessionRecord, session_path: Path, fmt: str, folder: Path) -> Path:
    """Write one session into `folder` (made when missing); returns the file written.
    Raises OSError (the folder or file cannot be written) or FitExportError."""
    data = export_bytes(record, fmt)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / export_name(session_path, fmt)
    write_whole(target, data)
    return target
