"""The report's throughput and memory on a generated archive of sent replies.

    python bench/report.py --replies 100000            # writes /tmp/report-bench/…
    python bench/report.py --replies 5000 --skip-dask

Makes a JSONL archive (agents, times over twelve weeks, the client's message, the reply
from bench/corpus.py), then times, each in its own process: `check --jobs 2 --format
json` on it, `report --engine local --jobs 2`, and `report --engine dask --jobs 2` (a
2-worker LocalCluster). Replies per second (and the ratio to `check`'s), processor time
(user + system of every process of the command: on a shared machine the fairer measure of
the work) and the peak memory (the largest process's resident set, and that of all the
command's processes together, workers included) are printed as a Markdown table for
bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

AGENTS = ("Анна Петрова", "Борис Смирнов", "Вера Иванова", "Глеб Кузнецов", "Дарья Попова",
          "Егор Соколов", "Жанна Лебедева", "Зоя Козлова", "Илья Новиков", "Кира Морозова")
CLIENT_MESSAGES = ("Где мой заказ? Жду уже неделю.", "Не проходит оплата картой.",
                   "Хочу вернуть товар, он пришёл с браком.", "Почему списали деньги дважды?",
                   "Курьер не приехал, никто не позвонил.", "Как сменить пароль в приложении?")


def archive_rows(count: int, agents: int = 7, seed: int = 2024, weeks: int = 12) -> list[dict]:
    """The archive's rows: id, agent, created_at (ISO, over ``weeks`` weeks), client, text."""
    import corpus

    rng = random.Random(seed)
    texts = corpus.generate(count, seed)
    start = dt.datetime(2026, 9, 7, 9, 0)
    span = weeks * 7 * 24 * 3600
    rows = []
    for index, text in enumerate(texts):
        moment = start + dt.timedelta(seconds=rng.randrange(span))
        rows.append({"id": f"T-{100000 + index}", "agent": AGENTS[rng.randrange(agents)],
                     "created_at": moment.isoformat(timespec="minutes") + "+03:00",
                     "client": rng.choice(CLIENT_MESSAGES), "text": text})
    return rows


def write_archive(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def _timed(command: list[str]) -> tuple[float, float, float, float]:
    """Seconds, processor seconds (user + system, of the command and every process it
    waited for: its workers), and peak memory in MB: of the largest process, and of all
    the command's processes together (its workers included), sampled every 0.2 s."""
    import psutil

    start = time.perf_counter()
    process = psutil.Popen(command, stdout=subprocess.DEVNULL)
    largest = together = 0
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        try:
            tree = [process, *process.children(recursive=True)]
            sizes = [member.memory_info().rss for member in tree]
        except psutil.Error:  # (a worker ended while being read)
            continue
        largest, together = max(largest, *sizes), max(together, sum(sizes))
        time.sleep(0.2)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(command)}: exit {code}")
    return elapsed, usage.ru_utime + usage.ru_stime, largest / 2**20, together / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replies", type=int, default=100_000)
    parser.add_argument("--agents", type=int, default=7)
    parser.add_argument("--out", default="/tmp/report-bench")
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument("--skip-check", action="store_true", help="only the report's runs")
    parser.add_argument("--skip-local", action="store_true", help="not the local engine's run")
    arguments = parser.parse_args()
    out = Path(arguments.out)
    out.mkdir(parents=True, exist_ok=True)
    archive = out / f"archive-{arguments.replies}.jsonl"
    if not archive.exists():
        write_archive(archive, archive_rows(arguments.replies, arguments.agents))
    replylint = [sys.executable, "-m", "replylint.cli"]
    runs = [("check --jobs 2", [*replylint, "check", str(archive), "--isolated", "--format", "json", "--jobs", "2"]),
            ("report --engine local --jobs 2",
             [*replylint, "report", str(archive), "--isolated", "--out", str(out / "local"), "--agent-column",
              "agent", "--time-column", "created_at", "--jobs", "2"])]
    runs = [run for run in runs if not (arguments.skip_check and run[0].startswith("check")
                                        or arguments.skip_local and "local" in run[0])]
    if not arguments.skip_dask:
        runs.append(("report --engine dask (LocalCluster, 2 workers)",
                     [*replylint, "report", str(archive), "--isolated", "--out", str(out / "dask"), "--agent-column",
                      "agent", "--time-column", "created_at", "--engine", "dask", "--jobs", "2"]))
    print(f"{arguments.replies} replies, {os.cpu_count()} cores\n")
    print("| command | seconds | replies/s | ratio to check | processor s | replies per processor s "
          "| peak RSS, largest process (MB) | peak RSS, all processes (MB) |\n|---|---:|---:|---:|---:|---:|---:|---:|",
          flush=True)
    check_rate = None
    for title, command in runs:
        elapsed, processor, largest, together = _timed(command)
        rate = arguments.replies / elapsed
        check_rate = rate if title.startswith("check") else check_rate
        ratio = f"{rate / check_rate:.2f}×" if check_rate else "—"
        print(f"| `{title}` | {elapsed:.1f} | {rate:.0f} | {ratio} | {processor:.1f} | "
              f"{arguments.replies / processor:.0f} | {largest:.0f} | {together:.0f} |", flush=True)


if __name__ == "__main__":
    main()
