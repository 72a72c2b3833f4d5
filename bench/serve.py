"""`replylint serve` benchmark (figures, not a test): what the HTTP door costs over a warm
in-process check, and whether it holds under concurrent clients.

In one run:
  1. warm in-process p50/p99 of ``Session.check_text`` over the example drafts and the
     generated corpus (bench/corpus.py);
  2. a server started by the CLI (`replylint serve --isolated`), then p50 over HTTP
     (keep-alive, one client) for a 60-word draft against the in-process p50 of the same
     draft (``Session.check_text`` and ``lint_text``): the ratio is the door's cost;
  3. 20 concurrent clients × 25 requests each: every one must succeed.

    python bench/serve.py [--drafts 500] [--runs 300] [--json out.json]
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
#: A developer's local file of real support replies (not in the repository), as bench/run.py reads it.
REAL_CORPUS = ROOT.parent / "shared" / "corpus" / "real-replies.jsonl"

#: A typical reply of 60 words with a few remarks (jargon, a vague promise, a regulation).
DRAFT_60 = ("Здравствуйте, Анна! Спасибо, что написали нам. Мы проверили ваш заказ: посылка задержалась на "
            "складе из-за сбоя в системе учёта. Ваш тикет эскалирован на вторую линию, по регламенту срок "
            "рассмотрения до десяти рабочих дней. Мы вернём деньги за доставку на карту, с которой вы "
            "оплачивали заказ. Ответим в ближайшее время и сообщим номер для отслеживания. "
            "Хорошего дня, команда поддержки.")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def drafts(generated: int) -> list[str]:
    from corpus import generate

    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "examples").rglob("*"))
             if path.suffix in (".txt", ".md") and path.is_file()]
    return texts + generate(generated)


def in_process(texts: list[str], session=None):
    from replylint.api import CheckOptions, Session

    session = session or Session(CheckOptions())
    for text in texts[:20]:
        session.check_text(text)
    times = []
    for text in texts:
        started = time.perf_counter()
        session.check_text(text)
        times.append(time.perf_counter() - started)
    return session, {"drafts": len(texts), "p50_ms": 1000 * statistics.median(times),
                     "p99_ms": 1000 * percentile(times, 0.99)}


def start_server() -> tuple[subprocess.Popen, int]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "replylint.cli", "serve", "--isolated", "--port", str(port)],
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            status, _ = request(connect(port, 5), "GET", "/api/health")
            if status == 200:
                return process, port
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the server did not start within 120 s")


class BrowserLikeConnection(http.client.HTTPConnection):
    """http.client sending a request's head and a small body in one write, as browsers do
    (Chromium merges them for bodies up to 1,400 bytes); http.client alone writes them in
    two, and on a loaded machine the server then often wakes for each: the second wake-up
    is the client's doing, not the server's."""

    MERGE_BODY_BYTES = 1_400
    _head: bytes | None = None

    def endheaders(self, message_body=None, *, encode_chunked=False):
        if isinstance(message_body, bytes) and 0 < len(message_body) <= self.MERGE_BODY_BYTES:
            self._head = b""  # http.client now sends the head, then the body: hold the head
        super().endheaders(message_body, encode_chunked=encode_chunked)

    def send(self, data):
        if self._head == b"":
            self._head = data
            return
        if self._head is not None:
            data, self._head = self._head + data, None
        super().send(data)


def connect(port: int, timeout: float) -> http.client.HTTPConnection:
    """A keep-alive connection with Nagle's algorithm off, as browsers and HTTP libraries
    have it (with Nagle on, a request written in two parts waits for the server's delayed
    ACK: ~10 ms that are the client's, not ours)."""
    connection = BrowserLikeConnection("127.0.0.1", port, timeout=timeout)
    connection.connect()
    connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return connection


def request(connection: http.client.HTTPConnection, method: str, path: str, body: dict | None = None,
            checks: list | None = None):
    """(status, the answer's JSON); ``checks`` gets the server's own check time (ms, its
    Server-Timing header) when given."""
    data = json.dumps(body, ensure_ascii=False).encode() if body is not None else None
    connection.request(method, path, data, {"Content-Type": "application/json"} if data else {})
    response = connection.getresponse()
    answer = json.loads(response.read())
    if checks is not None:
        checks.append(float(response.getheader("server-timing", "dur=nan").partition("dur=")[2]))
    return response.status, answer


def paired(session, port: int, runs: int) -> dict:
    """The 60-word draft in process and over HTTP, turn and turn about, so that both see
    the same load on a shared machine."""
    from replylint.linter import lint_text

    connection = connect(port, 30)
    for _ in range(20):
        request(connection, "POST", "/api/check", {"text": DRAFT_60})
        lint_text(DRAFT_60)
    times = {"http": [], "check_text": [], "lint_text": [], "empty": []}
    server_checks: list[float] = []  # ms, as the server measured its check of each draft
    def over_http() -> None:
        started = time.perf_counter()
        request(connection, "POST", "/api/check", {"text": ""})  # what a request costs besides the check
        times["empty"].append(time.perf_counter() - started)
        started = time.perf_counter()
        status, _ = request(connection, "POST", "/api/check", {"text": DRAFT_60}, server_checks)
        times["http"].append(time.perf_counter() - started)
        assert status == 200

    def in_process(name: str, function) -> None:
        started = time.perf_counter()
        function(DRAFT_60)
        times[name].append(time.perf_counter() - started)

    # The three run in each of their six orders in turn: whatever runs right after the
    # same draft was checked in this process finds it in the processor's caches, and an
    # order that favours one would hand it that advantage (the three rotations alone put
    # lint_text right after check_text two times in three, check_text after the HTTP wait
    # two times in three).
    steps = [over_http, lambda: in_process("check_text", session.check_text),
             lambda: in_process("lint_text", lint_text)]
    orders = list(itertools.permutations(steps))
    for run in range(runs):
        for step in orders[run % len(orders)]:
            step()
    return {"draft60_http_p50_ms": 1000 * statistics.median(times["http"]),
            "draft60_http_p99_ms": 1000 * percentile(times["http"], 0.99),
            "empty_http_p50_ms": 1000 * statistics.median(times["empty"]),
            # where the HTTP time goes: the server's check, and everything else (client,
            # network, server framework), per request
            "draft60_server_check_p50_ms": statistics.median(server_checks),
            "draft60_http_besides_check_p50_ms": statistics.median(
                1000 * http - check for http, check in zip(times["http"], server_checks)),
            "draft60_check_text_p50_ms": 1000 * statistics.median(times["check_text"]),
            "draft60_lint_text_p50_ms": 1000 * statistics.median(times["lint_text"])}


def concurrent(port: int, texts: list[str], clients: int, each: int) -> dict:
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()

    def client(number: int) -> None:
        connection = connect(port, 60)
        for index in range(each):
            text = texts[(number * each + index) % len(texts)]
            started = time.perf_counter()
            try:
                status, body = request(connection, "POST", "/api/check", {"text": text})
                ok = status == 200 and isinstance(body.get("diagnostics"), list)
            except (OSError, http.client.HTTPException, ValueError) as error:
                ok, status = False, repr(error)
            with lock:
                latencies.append(time.perf_counter() - started)
                if not ok:
                    failures.append(f"client {number} request {index}: {status}")

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(number,)) for number in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return {"clients": clients, "requests": clients * each, "succeeded": clients * each - len(failures),
            "failures": failures[:5], "seconds": elapsed, "requests_per_second": clients * each / elapsed,
            "latency_p50_ms": 1000 * statistics.median(latencies), "latency_p99_ms": 1000 * percentile(latencies, 0.99)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=500, help="generated drafts besides examples/")
    parser.add_argument("--runs", type=int, default=300, help="repetitions of the 60-word draft")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--each", type=int, default=25)
    parser.add_argument("--json", help="also write the figures here")
    parser.add_argument("--real", type=Path, default=REAL_CORPUS,
                        help="JSON Lines of real replies (field text) for the in-process figures, when it exists")
    arguments = parser.parse_args()
    words = len(DRAFT_60.split())
    texts = drafts(arguments.drafts)
    process, port = start_server()
    try:
        session, local = in_process(texts)
        if arguments.real.is_file():
            real_texts = [json.loads(line)["text"] for line in arguments.real.open(encoding="utf-8") if line.strip()]
            _, real = in_process(real_texts, session)
            local.update({"real_drafts": real["drafts"], "real_p50_ms": real["p50_ms"], "real_p99_ms": real["p99_ms"]})
        remote = paired(session, port, arguments.runs)
        local.update({key: remote.pop(key) for key in ("draft60_check_text_p50_ms", "draft60_lint_text_p50_ms")})
        load = concurrent(port, texts, arguments.clients, arguments.each)
    finally:
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=30)
    figures = {"cpus": os.cpu_count(), "load_average": os.getloadavg()[0], "draft60_words": words, **local, **remote,
               "http_over_in_process": remote["draft60_http_p50_ms"] / local["draft60_check_text_p50_ms"],
               "http_over_lint_text": remote["draft60_http_p50_ms"] / local["draft60_lint_text_p50_ms"],
               "concurrent": load, "server_exit_code": code}
    print(f"load average {figures['load_average']:.1f} on {figures['cpus']} cores")
    print(f"in-process, warm, {local['drafts']} drafts: p50 {local['p50_ms']:.1f} ms, p99 {local['p99_ms']:.1f} ms")
    if "real_drafts" in local:
        print(f"in-process, warm, {local['real_drafts']} real replies: p50 {local['real_p50_ms']:.1f} ms, "
              f"p99 {local['real_p99_ms']:.1f} ms")
    print(f"{words}-word draft: check_text p50 {local['draft60_check_text_p50_ms']:.1f} ms, "
          f"lint_text p50 {local['draft60_lint_text_p50_ms']:.1f} ms, over HTTP p50 "
          f"{remote['draft60_http_p50_ms']:.1f} ms (p99 {remote['draft60_http_p99_ms']:.1f} ms): "
          f"×{figures['http_over_in_process']:.2f} of check_text, ×{figures['http_over_lint_text']:.2f} of lint_text; "
          f"an empty text over HTTP p50 {remote['empty_http_p50_ms']:.1f} ms")
    print(f"  of the HTTP time: the server's check (Server-Timing) p50 {remote['draft60_server_check_p50_ms']:.2f} ms, "
          f"the rest (client, network, framework) p50 {remote['draft60_http_besides_check_p50_ms']:.2f} ms")
    print(f"{load['clients']} clients × {arguments.each} requests: {load['succeeded']}/{load['requests']} succeeded "
          f"in {load['seconds']:.1f} s ({load['requests_per_second']:.0f}/s), latency p50 "
          f"{load['latency_p50_ms']:.0f} ms, p99 {load['latency_p99_ms']:.0f} ms")
    print(f"server stopped by SIGTERM with exit code {code}")
    if arguments.json:
        Path(arguments.json).write_text(json.dumps(figures, indent=2), encoding="utf-8")
    if load["failures"] or code != 0:
        raise SystemExit(f"failures: {load['failures']}; exit code {code}")


if __name__ == "__main__":
    main()
