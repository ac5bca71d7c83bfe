from __future__ import annotations

import pytest

from zhifa.testing.filings import scjg as _scjg


@pytest.fixture
def scjg(db):
    return _scjg()
