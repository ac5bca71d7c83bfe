"""Fixtures for the pre-filing tests: 市市场监管局 (scjg) and 市生态环境局 (sthj) filing for the same
enterprise, on a frozen day in June (so every window lies in one year)."""

from __future__ import annotations

from datetime import date

import pytest

from zhifa.org.models import Agency
from zhifa.testing.factories import PartyFactory
from zhifa.testing.filings import eligible_officers, filer_of, head_of, listed_matter


@pytest.fixture(autouse=True)
def _june(midyear):
    """Every test here runs on 2026-06-17 (a Wednesday), its data built that day too."""
    return midyear


@pytest.fixture
def scjg(demo) -> Agency:
    return Agency.objects.get(short_name="市市场监管局")


@pytest.fixture
def sthj(demo) -> Agency:
    return Agency.objects.get(short_name="市生态环境局")


@pytest.fixture
def party(demo):
    return PartyFactory(name="示范市东港燃气有限公司")


@pytest.fixture
def matter(scjg):
    return listed_matter(
        scjg, name="对燃气经营企业安全生产条件的行政检查", effective_on=date(2026, 1, 1)
    )


@pytest.fixture
def pair(scjg) -> list:
    return eligible_officers(scjg)


@pytest.fixture
def officer_user(demo):
    """scjg_zhang, an officer of 市市场监管局 (the filer)."""
    return demo["scjg_zhang"]


@pytest.fixture
def head(demo):
    """scjg_wang, the head of 市市场监管局 (approves)."""
    return demo["scjg_wang"]


@pytest.fixture
def sthj_side(sthj):
    """What 市生态环境局 files with: its officer (sthj_xu), head, two officers, a listed matter."""
    return {
        "filer": filer_of(sthj),
        "head": head_of(sthj),
        "officers": eligible_officers(sthj),
        "matters": [listed_matter(sthj, name="对排污单位污染物排放情况的行政检查")],
    }


@pytest.fixture
def admin_of_scjg(demo):
    """scjg_admin, 市市场监管局's information administrator (keeps its certificates)."""
    return demo["scjg_admin"]
