"""``each_in_order`` (folder/parallel.py) lets go of each result once it has been given:
``check`` and ``sum`` of 50,000 reports keep only what their output needs (issue 26)."""

from __future__ import annotations

import gc
import os
import weakref

import pytest

from tui_report.folder import parallel


class Result:
    """A result a worker sends back (picklable, and weakly referable)."""

    def __init__(self, number: int) -> None:
        self.number = number
        self.payload = "结果" * 100


def make(number: int) -> Result:
    return Result(number)


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: worked on in this process")
def test_results_given_are_not_kept():
    items = list(range(2_000))  # many chunks (of 125 on two cores)
    given: list[weakref.ref[Result]] = []
    alive_after_half = None
    for result in parallel.each_in_order(make, items):
        assert result.number == len(given)  # in order
        given.append(weakref.ref(result))
        del result
        if len(given) == 1_500:
            gc.collect()
            alive_after_half = sum(ref() is not None for ref in given[:1_000])
    assert alive_after_half == 0  # the first thousand, given long ago, are gone
