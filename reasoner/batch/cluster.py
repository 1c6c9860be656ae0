"""Screening on a Dask cluster: `reasoner batch INPUT --scheduler tcp://HOST:8786` (or ``local:N``).

The unit of work is the batch's chunk: one task takes a list of :class:`reasoner.batch.inputs.Item`
(the text of up to ``--chunk`` cases, 250 by default, with where each comes from) and returns their
:class:`reasoner.batch.rows.Row`\\ s, built on the worker by :func:`reasoner.batch.rows.screen_chunk_safe`,
the function the in-process batch runs; so the rows are the same.  With the chunk goes the batch's
day (:func:`reasoner.batch.rows.batch_day`, fixed on the client when the batch starts): the date of
judgment of the cases that give none, so that a worker's clock, time zone or REASONER_TODAY does not
decide it.  Nothing else is shipped: each worker compiles the rules from its own installed package,
and is refused unless its package version and rules digest (``reasoner.explain.i18n.rules_digest()``,
the digest a report names its rules by) are the client's — every worker when the batch starts
(``client.run``), and again inside every task, so that a worker that joins later cannot slip through.

A task whose worker dies is run again by Dask (the scheduler keeps each chunk's input until its task
is done, so it can be given to another worker; ``retries=`` covers a task that raises).  Rows are
handed over in input order; a window of tasks runs at a time, refilled as soon as any task finishes,
and the rows of finished tasks that wait for an earlier one are bounded too, so that the client and
the scheduler hold a bounded part of a large input.

Dask (``pip install 'reasoner[dask]'``) is imported only here, and only for ``--scheduler``.
"""

from __future__ import annotations

import logging
import os
import re
import signal
import socket
import threading
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import CancelledError
from functools import cache

from reasoner.batch.inputs import Item
from reasoner.batch.rows import Row, batch_day, screen_chunk_safe, warm

#: How often a task that raised is tried again (a dead worker's task is given to another worker by
#: the scheduler anyway, up to its ``distributed.scheduler.allowed-failures``).
RETRIES = 3
#: Name of every task: reasoner-chunk-RUN-K, the K-th chunk of a run.
PREFIX = "reasoner-chunk"

_LOCAL = re.compile(r"local:(\d+)")
_ADDRESS = re.compile(r"([a-z][a-z0-9+.-]*://\S+|[^\s:/]+:\d+)")


class ClusterError(Exception):
    """The cluster cannot screen this batch (no worker, a refused worker, a task failed for good)."""


class WorkerMismatch(ClusterError):
    """A worker whose package version or rules digest differs from the client's."""


def parse_scheduler(spec: str) -> tuple[str, int | str]:
    """``local:N`` (a local cluster of N worker processes) or a scheduler's address."""
    from reasoner.batch.files import BatchError

    m = _LOCAL.fullmatch(spec)
    if m:
        n = int(m.group(1))
        if n < 1:
            raise BatchError(f"--scheduler {spec}: a local cluster needs at least one worker")
        return "local", n
    if _ADDRESS.fullmatch(spec):
        return "address", spec
    raise BatchError(f"--scheduler {spec}: expected local:N or a scheduler's address such as tcp://HOST:8786")


@cache
def _version() -> str:
    from importlib.metadata import version

    return version("reasoner")


def identity() -> dict[str, str]:
    """What must be the same on the client and on every worker: the package version and the digest
    of the rules this process compiled from its installed package."""
    from reasoner.explain.i18n import rules_digest  # looked up at each call: a test stands in for it

    return {"version": _version(), "digest": rules_digest()}


def _here() -> str:
    """This worker's address (or host and process, outside a worker)."""
    try:
        from distributed import get_worker

        return get_worker().address
    except (ImportError, ValueError):
        return f"{socket.gethostname()} (process {os.getpid()})"


def mismatch_message(worker: str, theirs: dict, ours: dict) -> str:
    return (
        f"worker {worker} refused: it has reasoner {theirs['version']} with rules digest {theirs['digest']}, "
        f"the client has reasoner {ours['version']} with rules digest {ours['digest']}; "
        "install the same version of the package on every worker and start it again"
    )


def _check_worker() -> dict[str, str]:
    """Run on every worker when a batch starts: load the rules, say what they are."""
    warm()
    return identity()


#: One chunk at a time in a worker process, even with several threads: the reasoner's caches are
#: per process and not made for threads (workers are best started with --nthreads 1).
_ONE_AT_A_TIME = threading.Lock()


def task(items: list[Item], lang: str, detail: str, expect: dict[str, str], day: str | None = None) -> list[Row]:
    """One task: refuse if this worker's package or rules differ from the client's, else screen the
    chunk exactly as the in-process batch does (cases without a date of judgment judged on ``day``)."""
    ours = identity()
    if ours != expect:
        raise WorkerMismatch(mismatch_message(_here(), ours, expect))
    with _ONE_AT_A_TIME:
        return screen_chunk_safe(items, lang, detail, day)


#: Dask settings for the processes of a local cluster, which share the cores with the client and
#: the scheduler: no statistical profiler (it samples the stack of the thread screening a chunk
#: every 10 ms, taking the GIL from it) and the event loop's watchdog tick once a second rather than
#: 50 times.  Workers started by hand take the same from the environment (docs/cluster.md).
QUIET_WORKERS = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
}


def connect(spec: str):
    """A client for ``--scheduler``: a local cluster of N processes, or the scheduler at an address."""
    try:
        import distributed
    except ImportError:
        raise ClusterError("--scheduler needs Dask: pip install 'reasoner[dask]'") from None
    kind, arg = parse_scheduler(spec)
    if kind == "local":
        # The worker processes are started with Ctrl-C ignored (they inherit that, not a handler): in
        # a terminal Ctrl-C reaches every process of the group, and each worker would print a
        # KeyboardInterrupt traceback; the client stops them when it stops.
        quiet = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if quiet else None
        try:
            import dask

            with dask.config.set(QUIET_WORKERS):  # handed by each nanny to its worker process
                cluster = distributed.LocalCluster(
                    n_workers=int(arg),
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=":0",  # no fixed port: another cluster may hold 8787
                    silence_logs=logging.ERROR,
                )
        finally:
            if quiet:
                signal.signal(signal.SIGINT, previous)
        try:
            return distributed.Client(cluster), cluster
        except BaseException:
            cluster.close()
            raise
    try:
        return distributed.Client(str(arg)), None
    except (OSError, TimeoutError) as e:
        raise ClusterError(f"--scheduler {spec}: cannot reach the scheduler: {e}") from None


def check_workers(client, expect: dict[str, str], wait: float = 60) -> int:
    """Every worker now in the cluster has the client's package and rules, or the batch stops with a
    message naming each one that has not.  Returns the number of threads of the workers."""
    try:
        client.wait_for_workers(1, timeout=wait)
    except TimeoutError:
        raise ClusterError(f"no worker has joined the scheduler {client.scheduler.address} in {wait:.0f} s") from None
    got = client.run(_check_worker, on_error="return")
    problems = []
    for worker, ident in sorted(got.items()):
        if isinstance(ident, BaseException):
            problems.append(f"worker {worker} cannot run the reasoner: {type(ident).__name__}: {ident}")
        elif ident != expect:
            problems.append(mismatch_message(worker, ident, expect))
    if problems:
        raise WorkerMismatch("\n".join(problems))
    return sum(client.nthreads().values())


def screen(
    items: list[Item],
    lang: str,
    detail: str,
    scheduler: str,
    chunk: int = 250,
    progress: Callable[[int], None] | None = None,
    log=None,
    client=None,
    retries: int = RETRIES,
    day: str | None = None,
) -> Iterator[Row]:
    """Rows for every item, in input order, from tasks on the cluster (``client``, or one made for
    ``scheduler``).  Progress counts the cases of each task Dask reports done.  Cases that give no
    date of judgment are judged on ``day`` (default: the client's day when the batch starts)."""
    expect = identity()  # the client's own
    day = batch_day(day)
    own = client is None
    cluster = None
    if own:
        client, cluster = connect(scheduler)
    try:
        threads = check_workers(client, expect)
        if log is not None:
            n = len(client.scheduler_info().get("workers", {}))
            board = f"; dashboard {client.dashboard_link}" if cluster is None and client.dashboard_link else ""
            log.print(f"{scheduler}: workers {n}, threads {threads}, reasoner {expect['version']}{board}")
        try:
            yield from _in_order(client, items, (lang, detail, expect, day), chunk, threads, retries, progress)
        except (CancelledError, OSError) as e:  # the scheduler lost, a connection closed
            raise ClusterError(f"the cluster stopped the batch: {_why(e)}") from None
    finally:
        if own:
            client.close()
            if cluster is not None:
                cluster.close()


def _in_order(client, items, args: tuple, chunk, threads, retries, progress) -> Iterator[Row]:
    """Tasks of ``chunk`` cases, their rows handed over in input order.  ``args``: what goes with
    each chunk to :func:`task` (language, detail, identity, day).

    Up to ``window`` tasks run at a time, and a new one is submitted as soon as any finishes, not
    only when the first in input order does: a slow chunk at the head (a case whose open facts take
    seconds to ground) must not leave the workers idle.  The rows of finished chunks wait for those
    before them, at most ``held`` chunks of them, so the client holds a bounded part of a large input."""
    from distributed import wait

    if items:
        chunk = max(1, min(chunk, -(-len(items) // max(1, threads))))
    chunks = iter(range(0, len(items), chunk))
    run = uuid.uuid4().hex[:8]
    window = max(8, 4 * threads)
    held = 4 * window
    pending: deque = deque()  # futures not yet handed over, in input order
    running: dict = {}  # futures not yet finished: the number of cases of each

    def fill() -> None:
        while len(running) < window and len(pending) < window + held:
            k = next(chunks, None)
            if k is None:
                return
            part = items[k : k + chunk]
            key = f"{PREFIX}-{run}-{k // chunk}"
            future = client.submit(task, part, *args, key=key, retries=retries)
            pending.append(future)
            running[future] = len(part)

    def finished(f) -> None:
        n = running.pop(f)
        if f.status == "error":
            raise _failed(f)
        if progress:
            progress(n)

    fill()
    while pending:
        if running:
            done, _ = wait(list(running), return_when="FIRST_COMPLETED")
            for f in done:
                finished(f)
            fill()
        while pending and pending[0].done():
            f = pending.popleft()
            if f in running:  # finished since the wait
                finished(f)
            rows = f.result()
            fill()
            yield from rows


def _why(e: BaseException) -> str:
    text = str(e)
    m = re.search(r"Message: (.*)", text)
    if m:
        return m.group(1)
    return f"{type(e).__name__}: {text.splitlines()[0]}" if text else type(e).__name__


def _failed(future) -> ClusterError:
    """The error of a task that failed for good (after its retries, or its workers' deaths)."""
    e = future.exception()
    if isinstance(e, ClusterError):
        return e
    return ClusterError(f"a task failed on the cluster: {type(e).__name__}: {e}")
