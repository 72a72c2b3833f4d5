"""The local engine: chunks of records linted and counted in worker processes on this
machine, as they are read (and :func:`in_order`, the bounded pipeline both engines use)."""

from __future__ import annotations

import itertools
import os

from replylint.dashboard.counting import count_chunk

#: Records per task: big enough that sending them costs little, small enough to keep both
#: cores busy to the end and the progress bar moving.
CHUNK_RECORDS = 250
#: Fewer records than this are linted in this process (a worker loads spaCy, ~2 s).
PARALLEL_MIN_RECORDS = 400
#: Chunks sent out and not yet counted in, per worker: one being linted, the next waiting,
#: and room for a slow chunk while the later ones finish (they are counted in order).
IN_FLIGHT_PER_WORKER = 4


def chunked(indexed_records, size: int = CHUNK_RECORDS):
    """(reply_id, record) pairs, as they come, in lists of ``size``."""
    indexed_records = iter(indexed_records)
    while chunk := list(itertools.islice(indexed_records, size)):
        yield chunk


def in_order(chunks, submit, first_done, window: int, done) -> None:
    """Send chunks out as they are read and hand each result to ``done(chunk, result)`` in
    the chunks' order, with at most ``window`` chunks sent and not yet handed over (those
    linted and those waiting for an earlier one): the memory a run holds does not grow
    with the archive.

    Args:
        submit: ``submit(chunk)`` → a future.
        first_done: ``first_done(futures)`` → those of them that are done (at least one).
    """
    chunks = iter(chunks)
    running: dict = {}  # future → (index, chunk)
    finished: dict = {}  # index → (chunk, result), waiting for an earlier chunk
    sent = handed = 0
    read_all = False
    while True:
        while not read_all and sent - handed < window:
            chunk = next(chunks, None)
            if chunk is None:
                read_all = True
                break
            running[submit(chunk)] = (sent, chunk)
            sent += 1
        if not running:
            return
        for future in first_done(list(running)):
            index, chunk = running.pop(future)
            finished[index] = (chunk, future.result())
        while handed in finished:
            done(*finished.pop(handed))
            handed += 1


def lint(chunks, options, jobs: int, done) -> None:
    """Lint and count every chunk; ``done(chunk, counted)`` gets them in archive order."""
    chunks = iter(chunks)
    first: list = []  # the chunks read before deciding whether workers are worth starting
    while sum(len(chunk) for chunk in first) < PARALLEL_MIN_RECORDS and (chunk := next(chunks, None)):
        first.append(chunk)
    chunks = itertools.chain(first, chunks)
    jobs = max(1, min(jobs, os.cpu_count() or 1))
    if jobs == 1 or sum(len(chunk) for chunk in first) < PARALLEL_MIN_RECORDS:
        for chunk in chunks:
            done(chunk, count_chunk(options, chunk))
        return
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    # spawn, not fork: a forked child of a process that already runs threads may deadlock
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
        try:
            in_order(chunks, lambda chunk: pool.submit(count_chunk, options, chunk),
                     lambda futures: wait(futures, return_when=FIRST_COMPLETED).done,
                     IN_FLIGHT_PER_WORKER * jobs, done)
        except BaseException:
            pool.shutdown(cancel_futures=True)
            raise
