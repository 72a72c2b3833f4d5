"""The Dask engine: chunks of records linted and counted on a Dask cluster (an existing
one, by its scheduler's address, or a LocalCluster on this machine); only each chunk's
counts, worst replies and remarks come back.

Each worker makes its own :class:`~replylint.api.Session` from the same options (the
rules, the config and the NLP models load once per worker process), so every worker needs
replylint installed, with the same version and rule folders as the machine that asks.
"""

from __future__ import annotations

from replylint.dashboard.counting import count_chunk
from replylint.dashboard.local import IN_FLIGHT_PER_WORKER, in_order


def connect(scheduler: str | None, jobs: int):
    """A client of the cluster at ``scheduler``, or of a new LocalCluster of ``jobs`` workers."""
    from dask.distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler), None
    import logging

    # (a worker that takes long to unload the NLP models is killed at the end, as it should
    # be: the QA lead need not read the cluster's log about it)
    cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=":0",
                           silence_logs=logging.ERROR)
    return Client(cluster), cluster


def lint(chunks, options, client, done) -> None:
    """Lint and count every chunk on the cluster, sent as it is read (a few per worker at
    a time, so neither this process nor the scheduler holds the archive); ``done(chunk,
    counted)`` gets them in archive order."""
    from dask.distributed import wait

    workers = max(1, sum(client.nthreads().values()))

    def submit(chunk):
        # the chunk goes to a worker as data, not inside the task: a task's arguments stay
        # with the scheduler (in this process, for a LocalCluster) long after it has run
        data = client.scatter([chunk], hash=False)[0]
        return client.submit(count_chunk, options, data, pure=False)

    def first_done(futures):
        return wait(futures, return_when="FIRST_COMPLETED").done

    in_order(chunks, submit, first_done, IN_FLIGHT_PER_WORKER * workers, done)
