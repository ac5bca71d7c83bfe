"""文书 in the browser: the officer generates the 行政处罚决定书 of a decided case on its documents
page (asked to confirm), downloads the DOCX and finds every element of 处罚法 art. 59 and the
benchmark's explanation in it; anyone with the printed code confirms the file on the public page,
and a forged copy (one byte changed) is caught."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from zhifa.cases.models import DecisionKind, Measure
from zhifa.cases.services import decisions
from zhifa.cases.services.procedure import act
from zhifa.cases.tests.review_fixtures import food_benchmark, handler
from zhifa.org.demo import DEMO_PASSWORD
from zhifa.testing.documents import docx_text
from zhifa.testing.factories import CaseFactory
from zhifa.testing.filings import head_of

SMALL = {"goods_value": 5000, "illegal_income": 800}


@pytest.fixture
def viewport() -> str:
    return "desktop"


@pytest.fixture
def decided(live_demo: Any, settings, tmp_path) -> Any:
    settings.MEDIA_ROOT = tmp_path
    case = CaseFactory(state="deciding")
    food_benchmark(case)
    for kind, fine in ((DecisionKind.INTENDED, "55000"), (DecisionKind.FINAL, "52000")):
        decisions.record_decision(
            handler(case),
            case,
            kind=kind,
            measures=[Measure.FINE, Measure.CONFISCATE_INCOME],
            fine=fine,
            confiscated="800",
            facts=SMALL,
        )
    act(head_of(case.agency), case, "decide")
    case.refresh_from_db()
    return case


def test_the_decision_is_generated_downloaded_and_checked_by_anyone(
    page: Page, login, live_demo, decided, make_context, tmp_path: Path
) -> None:
    login("scjg_zhang", DEMO_PASSWORD)
    page.goto(f"{live_demo.url}/cases/{decided.pk}/documents/")
    page.get_by_role("link", name="行政处罚决定书").click()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="出具行政处罚决定书").click()
    page.wait_for_url(re.compile(rf"/cases/{decided.pk}/documents/$"))
    expect(page.get_by_text("已出具行政处罚决定书")).to_be_visible()

    with page.expect_download() as caught:
        page.get_by_role("link", name="DOCX").first.click()
    path = tmp_path / "decision.docx"
    caught.value.save_as(path)
    content = path.read_bytes()
    text = docx_text(content)
    final = decided.decisions.get(kind=DecisionKind.FINAL)
    party = decided.parties.get().party
    for element in (
        party.name,
        decided.facts,
        "罚款52000元；没收违法所得800元",
        final.benchmark.penalty_basis,
        final.benchmark.source_document,
        *[line for line in final.explanation.splitlines() if line.strip()],
        "十五日内",
        "六十日内",
        "六个月内",
        decided.agency.name,
    ):
        assert element in text, element
    code = re.search(r"文书验证码：([0-9A-Z-]{19})", text).group(1)

    public = make_context("desktop").new_page()
    public.goto(f"{live_demo.url}/public/documents/")
    public.get_by_label("文书验证码").fill(code.lower().replace("-", ""))
    public.get_by_role("button", name="查询").click()
    expect(public.get_by_test_id("kind")).to_have_text("行政处罚决定书")
    expect(public.get_by_test_id("number")).to_have_text(decided.number)
    public.get_by_label("选择要核验的文书文件").set_input_files(str(path))
    public.get_by_role("button", name="核验", exact=True).click()
    expect(public.get_by_test_id("check-result")).to_contain_text("核验通过")

    forged = bytearray(content)
    forged[len(forged) // 3] ^= 0x01
    public.get_by_label("选择要核验的文书文件").set_input_files(
        {"name": "decision.docx", "mimeType": "application/octet-stream", "buffer": bytes(forged)}
    )
    public.get_by_role("button", name="核验", exact=True).click()
    expect(public.get_by_test_id("check-result")).to_contain_text("核验未通过")
