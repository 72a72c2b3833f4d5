"""Time and peak memory of `replylint check` on one large archive, at growing sizes.

    python bench/archive_memory.py                       # 10k and 100k replies, .jsonl and .csv
    python bench/archive_memory.py --sizes 1000000 --formats jsonl --select spelling
    python bench/archive_memory.py --formats jsonl --format json   # the JSON report (sarif, github too)

An archive is one file of replies (a helpdesk export): JSON Lines (`{"id", "text"}` per
line) or CSV (`id,text`, quoted fields over several lines). Its replies are drafts from
bench/corpus.py: a pool of distinct drafts (`--pool`, 5,000) is generated once and dealt
out in turn, each copy with its own id, so that archives of any size cost seconds to make.
Each size is checked by a fresh `replylint check --isolated FILE` with the text report
(or the one `--format` names) going to /dev/null; the figures are its wall time, its processor time (user + system: on
a shared machine the fairer measure of the work) and its peak resident memory (the
kernel's `ru_maxrss` of that process alone). Linear time and flat memory are the goal:
the replies are read, linted and reported one by one (see replylint/checking.py,
`streamed`).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def drafts(pool: int, seed: int, folder: Path) -> list[str]:
    path = folder / f"pool-{pool}-{seed}.jsonl"
    if not path.exists():
        subprocess.run([sys.executable, str(ROOT / "bench" / "corpus.py"), "--drafts", str(pool), "--seed",
                        str(seed), "--out", str(path)], check=True)
    with path.open(encoding="utf-8") as stream:
        return [json.loads(line)["text"] for line in stream]


def archive(size: int, file_format: str, pool: list[str], folder: Path) -> Path:
    path = folder / f"archive-{size}.{file_format}"
    if path.exists():
        return path
    with path.open("w", encoding="utf-8", newline="") as stream:
        if file_format == "jsonl":
            for number in range(size):
                stream.write(json.dumps({"id": f"r{number}", "text": pool[number % len(pool)]},
                                        ensure_ascii=False) + "\n")
        else:
            writer = csv.writer(stream, lineterminator="\n")
            writer.writerow(["id", "text"])
            for number in range(size):
                writer.writerow([f"r{number}", pool[number % len(pool)]])
    return path


def measure(path: Path, select: str | None, report: str = "text") -> tuple[float, float, float]:
    """(wall seconds, processor seconds, peak RSS in MB) of one `replylint check` of ``path``."""
    command = [sys.executable, "-m", "replylint.cli", "check", "--isolated", "--jobs", "1", "--format", report,
               str(path)]
    if select:
        command += ["--select", select]
    start = time.perf_counter()
    with open(os.devnull, "w") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    errors = process.stderr.read().decode("utf-8", "replace").strip()
    if process.returncode not in (0, 1):
        raise SystemExit(f"replylint failed on {path}: {errors}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="replies per archive, comma-separated")
    parser.add_argument("--formats", default="jsonl,csv")
    parser.add_argument("--pool", type=int, default=5000, help="distinct drafts dealt out")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--select", default=None, help="run only these rules (a quicker run at 1M replies)")
    parser.add_argument("--format", dest="report", default="text", choices=("text", "json", "sarif", "github"),
                        help="the report `check` writes (to /dev/null)")
    parser.add_argument("--folder", default=os.path.join(tempfile.gettempdir(), "replylint-archives"))
    arguments = parser.parse_args()
    folder = Path(arguments.folder)
    folder.mkdir(parents=True, exist_ok=True)
    pool = drafts(arguments.pool, arguments.seed, folder)
    print(f"{'format':6} {'replies':>9} {'file MB':>8} {'wall s':>8} {'CPU s':>8} {'replies/CPU s':>13} "
          f"{'peak RSS MB':>11}"
          + ("" if not arguments.select else f"   (--select {arguments.select})")
          + ("" if arguments.report == "text" else f"   (--format {arguments.report})"))
    for file_format in arguments.formats.split(","):
        for size in (int(size) for size in arguments.sizes.split(",")):
            path = archive(size, file_format, pool, folder)
            seconds, processor, peak = measure(path, arguments.select, arguments.report)
            megabytes = path.stat().st_size / 2**20
            print(f"{file_format:6} {size:>9,} {megabytes:>8.1f} {seconds:>8.1f} {processor:>8.1f} "
                  f"{size / processor:>13.0f} {peak:>11.0f}", flush=True)


if __name__ == "__main__":
    main()
