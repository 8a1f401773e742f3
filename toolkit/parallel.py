"""Work shared between this process and forked workers, results in input order.

Reading a quarter's workbooks is CPU-bound and splits into independent batches. Forked
workers start at once with everything imported; this process works too, taking the next batch
no worker has started, so its share is never pickled.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Where fork is not available (Windows, macOS defaults), the platform's start method is used.
FORK = (
    multiprocessing.get_context("fork")
    if "fork" in multiprocessing.get_all_start_methods()
    else None
)


@contextmanager
def collection_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: reading builds millions of small objects without
    cycles (freed by reference counting), and each collection would walk all of them again.
    Afterwards they join the oldest generation at once (freeze, then unfreeze: no walk),
    rather than being walked by the next young collection; skipped when someone else has
    frozen objects, which unfreeze would release."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def batched(items: Sequence[T], jobs: int, largest: int) -> list[list[T]]:
    """Batches for jobs processes taking them in order: at most largest items each, fewer
    as the end nears (down to one), so that the processes finish close together. A worker
    may hold two batches when this process runs out of them (share_work): those are small."""
    batches: list[list[T]] = []
    start = 0
    while start < len(items):
        size = max(1, min(largest, (len(items) - start) // (jobs * 4)))
        batches.append(list(items[start : start + size]))
        start += size
    return batches


def share_work(
    batches: Sequence[list[T]],
    work: Callable[[list[T]], list[R]],
    jobs: int,
    finished: Callable[[list[R]], None] | None = None,
) -> list[R]:
    """Every batch done by work, with jobs - 1 forked workers and this process taking
    batches in order, each the next one nobody has; the results of all batches in order.
    finished, when given, is called with each batch's results as it completes. On an
    interruption the batches no worker has started are dropped. work must be picklable (a
    module-level function, or a functools.partial of one)."""
    done: dict[int, list[R]] = {}

    def complete(index: int, results: list[R]) -> None:
        done[index] = results
        if finished is not None:
            finished(results)

    pool = ProcessPoolExecutor(jobs - 1, mp_context=FORK, initializer=gc.disable)
    try:
        futures = [pool.submit(work, batch) for batch in batches]
        theirs: list[int] = []  # batches a worker took, not yet completed here
        for index, future in enumerate(futures):
            if future.cancel():  # no worker has it: this process does it
                complete(index, work(batches[index]))
            else:
                theirs.append(index)
            while theirs and futures[theirs[0]].done():  # their progress, in between
                complete(theirs[0], futures[theirs.pop(0)].result())
        for index in theirs:
            complete(index, futures[index].result())
    finally:
        pool.shutdown(cancel_futures=True)
    return [result for index in range(len(batches)) for result in done[index]]
