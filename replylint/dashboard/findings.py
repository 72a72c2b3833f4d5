"""findings.parquet, written as the chunks are counted: one row per remark, in archive
order, a row group at a time, so the remarks of a large archive are never all in memory.

The file is written under a temporary name and renamed when complete: a run that fails
leaves no half-written findings behind.
"""

from __future__ import annotations

import os

#: Remarks gathered before they are written as one row group (a few MB).
ROW_GROUP_ROWS = 65_536


class FindingsFile:
    """``add`` the chunks' remark frames in order, then ``close`` (or use ``with``)."""

    def __init__(self, path: str) -> None:
        import polars as pl
        import pyarrow.parquet as pq

        from replylint.dashboard.counting import finding_schema

        self.path = path
        self.partial = f"{path}.partial"
        self.schema = pl.DataFrame(schema=finding_schema()).to_arrow().schema
        # zstd, as polars writes a parquet file by default
        self.writer = pq.ParquetWriter(self.partial, self.schema, compression="zstd")
        self.pending: list = []
        self.pending_rows = 0

    def add(self, frame) -> None:
        if frame.height:
            self.pending.append(frame)
            self.pending_rows += frame.height
        if self.pending_rows >= ROW_GROUP_ROWS:
            self._flush()

    def _flush(self) -> None:
        import polars as pl

        if self.pending:
            table = pl.concat(self.pending).to_arrow().cast(self.schema)
            self.writer.write_table(table, row_group_size=len(table))
        self.pending, self.pending_rows = [], 0

    def close(self) -> None:
        """Write what is left and give the file its name."""
        self._flush()
        self.writer.close()
        os.replace(self.partial, self.path)

    def discard(self) -> None:
        self.writer.close()
        os.remove(self.partial)

    def __enter__(self):
        return self

    def __exit__(self, kind, error, trace) -> None:
        if kind is None:
            self.close()
        else:
            self.discard()
