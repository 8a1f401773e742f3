"""toolkit.parallel: batches that shrink toward the end, shared between processes in order."""

from __future__ import annotations

import os
import time

import pytest

from toolkit.parallel import batched, share_work


@pytest.mark.parametrize(("count", "jobs", "largest"), [(342, 2, 8), (1710, 2, 32), (7, 4, 8)])
def test_batches_keep_every_item_in_order_and_end_with_single_items(
    count: int, jobs: int, largest: int
) -> None:
    batches = batched(list(range(count)), jobs, largest)
    assert [item for batch in batches for item in batch] == list(range(count))
    sizes = [len(batch) for batch in batches]
    assert max(sizes) <= largest
    assert sizes == sorted(sizes, reverse=True)  # the small ones last
    assert sizes[-jobs:] == [1] * jobs


def slow_pid(batch: list[int]) -> list[tuple[int, int]]:
    time.sleep(0.01)
    return [(item, os.getpid()) for item in batch]


def test_both_processes_work_and_results_come_in_order() -> None:
    batches = [[2 * i, 2 * i + 1] for i in range(30)]
    seen: list[list[tuple[int, int]]] = []
    results = share_work(batches, slow_pid, 2, seen.append)
    assert [item for item, _ in results] == list(range(60))
    assert (
        sorted(map(sorted, seen))
        == sorted(  # each batch reported once, as it completed
            sorted(results[i : i + 2]) for i in range(0, 60, 2)
        )
    )
    pids = {pid for _, pid in results}
    assert os.getpid() in pids and len(pids) == 2
