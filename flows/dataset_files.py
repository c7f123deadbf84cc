"""The files of one exported dataset, written a slice at a time under temporary names and renamed when complete.

`<name>.csv` grows by one block of lines per slice. `<name>.parquet` is one Parquet file with a row group per slice,
or, partitioned, a symbolic link to a folder of part files (`.<name>.parts.<random>/part-00000.parquet`, ...), each
a run of rows in the dataset's order. The link is swapped in one rename, so a reader sees the old folder or the new
one, never half of either; pandas.read_parquet, pyarrow.dataset and DuckDB read the folder as one table.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq


def created_file_mode() -> int:
    """The mode a plain open() would give a new file (0644 under the usual umask 022): readable by another user or
    a BI tool, as dossier.db is. mkstemp makes its files 0600, so the export sets this before renaming."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


# Read once at import: os.umask can only be read by setting it, which must not race the review app's threads.
CREATED_FILE_MODE = created_file_mode()
CREATED_FOLDER_MODE = CREATED_FILE_MODE | ((CREATED_FILE_MODE & 0o444) >> 2)  # 0644 -> 0755: others may list it


def temporary_beside(path: Path) -> Path:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    return Path(tmp)


class ParquetParts:
    """Parquet written a table at a time: into one file, or into part files of about `part_rows` rows each."""

    def __init__(self, target: Path, partitioned: bool, part_rows: int) -> None:
        self.target = target
        self.partitioned = partitioned
        self.part_rows = max(1, part_rows)
        self.writer: pq.ParquetWriter | None = None
        self.in_part = 0
        self.parts = 0
        if partitioned:
            self.tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
        else:
            self.tmp = temporary_beside(target)

    def write(self, table: pa.Table) -> None:
        if self.writer is not None and self.partitioned and self.in_part >= self.part_rows:
            self.writer.close()
            self.writer = None
        if self.writer is None:
            path = self.tmp / f"part-{self.parts:05d}.parquet" if self.partitioned else self.tmp
            self.writer = pq.ParquetWriter(path, table.schema)
            self.parts += 1
            self.in_part = 0
        self.writer.write_table(table)
        self.in_part += table.num_rows

    def commit(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None
        if not self.partitioned:
            os.chmod(self.tmp, CREATED_FILE_MODE)
            os.replace(self.tmp, self.target)
            return
        for part in self.tmp.iterdir():
            os.chmod(part, CREATED_FILE_MODE)
        os.chmod(self.tmp, CREATED_FOLDER_MODE)
        folder = self.tmp.with_name(self.tmp.name.replace(f".{self.target.name}.", f".{self.target.stem}.parts.", 1))
        os.rename(self.tmp, folder)
        link = temporary_beside(self.target)
        link.unlink()
        os.symlink(folder.name, link)  # relative: the output folder may move
        os.replace(link, self.target)
        self.tmp = folder

    def discard(self) -> None:
        """Remove what was not committed (after an error)."""
        if self.writer is not None:
            self.writer.close()
            self.writer = None
        if self.tmp.is_dir() and self.tmp.name.startswith(f".{self.target.name}."):
            shutil.rmtree(self.tmp, ignore_errors=True)
        elif self.tmp.is_file() and self.tmp.name.startswith(f".{self.target.name}."):
            self.tmp.unlink(missing_ok=True)


class DatasetFiles:
    """`<name>.csv` and `<name>.parquet` of one dataset, filled a slice at a time."""

    def __init__(self, out: Path, name: str, partitioned: bool, part_rows: int) -> None:
        self.out = out
        self.name = name
        self.rows = 0
        self.csv_tmp = temporary_beside(out / f"{name}.csv")
        self.csv = open(self.csv_tmp, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed in commit/discard
        self.parquet = ParquetParts(out / f"{name}.parquet", partitioned, part_rows)
        self.written = False
        self.empty: pa.Table | None = None
        self.done = False

    def write(self, csv: pd.DataFrame, table: pa.Table) -> None:
        """One slice, as CSV text and as Arrow (the header goes with the first)."""
        if self.written and table.num_rows == 0:
            return
        buffer = io.StringIO()
        csv.to_csv(buffer, index=False, header=not self.written)
        self.csv.write(buffer.getvalue())
        if table.num_rows:
            self.parquet.write(table)
        else:
            self.empty = table  # written only if no rows follow: no empty row groups
        self.rows += table.num_rows
        self.written = True

    def commit(self) -> None:
        """Rename into place: Parquet after CSV, so a new Parquet file means the CSV beside it is new too."""
        self.csv.close()
        os.chmod(self.csv_tmp, CREATED_FILE_MODE)
        os.replace(self.csv_tmp, self.out / f"{self.name}.csv")
        if self.rows == 0 and self.empty is not None:
            self.parquet.write(self.empty)
        self.parquet.commit()
        self.done = True
        remove_other_parts(self.out, self.name)

    def discard(self) -> None:
        if self.done:
            return
        self.csv.close()
        self.csv_tmp.unlink(missing_ok=True)
        self.parquet.discard()


def remove_other_parts(out: Path, name: str) -> None:
    """Part folders of earlier exports of `name` that its link no longer points at. A reader still in one loses
    it; a reader that opens the dataset now gets the new one."""
    link = out / f"{name}.parquet"
    live = link.resolve() if link.is_symlink() else None
    for folder in out.glob(f".{name}.parts.*"):
        if folder.resolve() != live:
            shutil.rmtree(folder, ignore_errors=True)
