"""Fixtures shared by the command-line tests."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

from .two_users import ROOT_ONLY, Shared


@pytest.fixture(params=[0o1777, 0o2775], ids=["sticky-1777", "setgid-2775"])
def shared(request) -> Iterator[Shared]:
    if os.geteuid() != 0:
        pytest.skip(ROOT_ONLY)
    folder = Shared(request.param)
    try:
        yield folder
    finally:
        shutil.rmtree(folder.base)
