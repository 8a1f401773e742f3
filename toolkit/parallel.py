"""Work shared between this process and forked workers, results in input order.

Reading a quarter's workbooks is CPU-bound and splits into independent batches. Forked
workers start at once with everything imported; this process works too, taking from the back
the batches no worker has started, so its share is never pickled.
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
    """Batches small enough for every process to get many (so the last ones finish close
    together), at most largest items each."""
    size = max(1, min(largest, len(items) // (jobs * 16)))
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def share_work(
    batches: Sequence[list[T]],
    work: Callable[[list[T]], list[R]],
    jobs: int,
    finished: Callable[[list[R]], None] | None = None,
) -> list[R]:
    """Every batch done by work, with jobs - 1 forked workers taking batches from the front
    and this process from the back; the results of all batches in order. finished, when
    given, is called with each batch's results as it completes. On an interruption the
    batches no worker has started are dropped. work must be picklable (a module-level
    function, or a functools.partial of one)."""
    done: dict[int, list[R]] = {}

    def complete(index: int, results: list[R]) -> None:
        done[index] = results
        if finished is not None:
            finished(results)

    pool = ProcessPoolExecutor(jobs - 1, mp_context=FORK, initializer=gc.disable)
    try:
        futures = [pool.submit(work, batch) for batch in batches]
        for index in reversed(range(len(batches))):
            if not futures[index].cancel():  # a worker has it: the rest are theirs too
                break
            complete(index, work(batches[index]))
        for index, future in enumerate(futures):
            if index not in done:
                complete(index, future.result())
    finally:
        pool.shutdown(cancel_futures=True)
    return [result for index in range(len(batches)) for result in done[index]]
