"""普通程序 in the browser, from the lead to the served decision and its 决定书 (处罚法 arts.
54–65): the officer records a lead on the lead form and submits the opening; the head approves
it from the 工作台 and the case gets its number and its decision deadline; the officer adds
evidence, records the intended penalty on the discretion page and gives the prior notice; the case
is difficult (art. 58(1)(3)), so the officer ticks that ground (提请决定 is now refused) and
requests legal review; the legal reviewer fills the checklist and agrees; the officer records the
penalty (benchmark range and explanation shown); the head decides from the 工作台; the
officer serves it with the service record, generates the 行政处罚决定书, downloads it and finds every
element of art. 59 and the benchmark's explanation in its text.

Each persona signs in through the login page in their own browser context. The clock stands on a
Wednesday in June 2026 (ticking), so the working-day deadlines never reach a year without holiday
data. Only the city's master data (officers with certificates, the party, the matter with its
published benchmark) is made in the setup.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import time_machine
from playwright.sync_api import BrowserContext, Page, expect

from zhifa.cases import deadlines
from zhifa.cases.models import Case, CaseStatus, DecisionKind
from zhifa.catalog.tests.catalog_fixtures import published_food
from zhifa.org.demo import DEMO_PASSWORD
from zhifa.org.models import Agency, UnitKind
from zhifa.testing.clock import MIDYEAR
from zhifa.testing.documents import docx_text
from zhifa.testing.factories import (
    MatterFactory,
    PartyFactory,
    admin_of,
    case_handler,
    legal_reviewer,
)
from zhifa.testing.filings import eligible_officer

FACTS = "执法人员现场检查发现当事人货架上摆放超过保质期的预包装食品待售，货值金额5000元，违法所得800元。"


@pytest.fixture
def viewport() -> str:
    return "desktop"


@pytest.fixture
def june() -> Iterator[date]:
    """Wednesday 17 June 2026, 10:00 in Beijing; the clock ticks (the browser waits on it)."""
    with time_machine.travel(MIDYEAR, tick=True):
        yield MIDYEAR.date()


@pytest.fixture
def city(june: date, live_demo: Any, settings: Any, tmp_path: Path) -> SimpleNamespace:
    """市市场监管局 with the persona officer 张伟 and a second officer able to enforce, the legal
    reviewer 李 of the legal review unit, a registered party and a matter whose food benchmark is
    published (轻微: fine 50,000–60,000 yuan)."""
    settings.MEDIA_ROOT = tmp_path
    agency = Agency.objects.get(short_name="市市场监管局")
    _, lead = case_handler(agency)
    matter = MatterFactory(agency=agency)
    published_food(admin_of(agency), matter)
    return SimpleNamespace(
        agency=agency,
        unit=agency.units.filter(kind=UnitKind.HANDLING).order_by("pk").first(),
        lead=lead,
        helper=eligible_officer(agency),
        reviewer=legal_reviewer(agency),
        party=PartyFactory(),
        matter=matter,
    )


@pytest.fixture
def sign_in(make_context: Callable[..., BrowserContext], live_demo: Any) -> Callable[[str], Page]:
    """``sign_in(username)``: a fresh desktop browser signed in through the login page; its
    confirmation dialogs are accepted (and kept in ``page.asked``)."""

    def _sign_in(username: str) -> Page:
        page = make_context("desktop").new_page()
        page.asked = []  # type: ignore[attr-defined]
        page.on("dialog", lambda d: (page.asked.append(d.message), d.accept()))  # type: ignore[attr-defined]
        page.goto(f"{live_demo.url}/login/")
        page.get_by_label("登录名").fill(username)
        page.get_by_label("密码", exact=True).fill(DEMO_PASSWORD)
        page.get_by_role("button", name="登录").click()
        page.wait_for_url(f"{live_demo.url}/")
        return page

    return _sign_in


def _act(page: Page, action: str) -> None:
    """Press the case page's button for ``action`` and wait for the page to say it is done."""
    page.get_by_test_id(f"act-{action}").click()
    expect(page.get_by_text("已办理")).to_be_visible()


def test_an_ordinary_case_from_the_lead_to_the_served_decision_and_its_document(
    june: date, city: SimpleNamespace, live_demo: Any, sign_in, tmp_path: Path
) -> None:
    today = june.isoformat()
    officer = sign_in("scjg_zhang")

    # 登记线索 on the lead form.
    officer.goto(f"{live_demo.url}/cases/")
    officer.get_by_test_id("new-case").click()
    officer.get_by_label("案由").fill("涉嫌经营超过保质期的食品案")
    officer.get_by_label("案件来源").select_option(label="投诉举报")
    officer.get_by_label("承办机构").select_option(label=str(city.unit))
    expect(officer.get_by_label("主办人员")).to_have_value(str(city.lead.pk))
    officer.get_by_label(f"{city.helper.name}（{city.helper.unit.name}）").check()
    officer.get_by_label("当事人").fill(city.party.uscc)
    officer.get_by_label("执法事项").select_option(
        label=f"{city.matter.name}（{city.matter.code}）"
    )
    officer.get_by_label("发现日期").fill(today)
    officer.get_by_label("违法行为发生日").fill(today)
    officer.get_by_label("案情摘要").fill(FACTS)
    officer.get_by_role("button", name="登记线索").click()
    expect(officer.get_by_text("已登记线索：涉嫌经营超过保质期的食品案")).to_be_visible()
    case = Case.objects.get(title="涉嫌经营超过保质期的食品案")
    case_url = f"{live_demo.url}/cases/{case.pk}/"
    assert officer.url == case_url

    # 提请立案; the head approves it and the case gets its number.
    _act(officer, "submit_opening")
    head = sign_in("scjg_wang")
    todos = head.get_by_test_id("case-todos")
    todos.get_by_role("link", name=re.compile("：涉嫌经营超过保质期的食品案$")).click()
    _act(head, "open")
    assert head.asked[-1].startswith("批准立案后将编定案号")  # type: ignore[attr-defined]
    case.refresh_from_db()
    assert case.status == CaseStatus.INVESTIGATION and case.number
    expect(head.get_by_role("heading", level=1)).to_contain_text(case.number)
    due = deadlines.decision_due(june, [])
    expect(head.get_by_test_id("decision-deadline")).to_contain_text(
        f"{due.due:%Y-%m-%d}（剩{due.days_left(june)}日）"
    )

    # 调查取证: the officers' evidence; the intended penalty; 事先告知.
    officer.goto(case_url)
    officer.get_by_test_id("add-evidence").click()
    form = officer.locator("#add-evidence")
    form.get_by_label("证据种类").select_option("party_statement")
    form.get_by_label("证据名称").fill("对当事人的询问笔录")
    form.get_by_label("来源及取得方式").fill("执法人员询问当事人制作，经当事人核对签字")
    for name in (city.lead.name, city.helper.name):
        form.get_by_label(name, exact=True).check()
    form.get_by_label("证据文件").set_input_files(
        {
            "name": "inquiry.pdf",
            "mimeType": "application/pdf",
            "buffer": b"%PDF-1.4\n1 0 obj<<>>endobj\n% inquiry record\n%%EOF\n",
        }
    )
    form.get_by_role("button", name="添加证据").click()
    expect(officer.get_by_text(re.compile("已添加证据1"))).to_be_visible()

    officer.goto(case_url)
    _record_penalty(officer, kind="拟处罚（事先告知）", fine="55000")
    officer.goto(case_url)
    _act(officer, "notify")

    # The case is difficult (art. 58(1)(3)): the officer says so and requests legal review.
    officer.get_by_role("link", name="法制审核情形").click()
    officer.get_by_role("checkbox", name=re.compile("^案件情况疑难复杂")).check()
    officer.get_by_label("案件情况疑难复杂、涉及多个法律关系：具体情况").fill(
        "当事人对违法所得的计算提出异议，涉及多个法律关系"
    )
    officer.get_by_role("button", name="保存").click()
    expect(officer.get_by_text("已保存法制审核情形")).to_be_visible()
    expect(officer.get_by_test_id("act-submit_decision")).to_be_disabled()
    expect(officer.get_by_test_id("case-actions")).to_contain_text("本案须经法制审核")
    officer.get_by_role("link", name="提请法制审核").click()
    officer.get_by_label("法制审核人员").select_option(
        label=f"{city.reviewer.name}（{city.reviewer.unit}）"
    )
    officer.get_by_label("提请审核的理由").fill("案件情况疑难复杂")
    officer.get_by_role("button", name="提请法制审核").click()
    expect(officer.get_by_test_id("review-status")).to_have_text("待审核")

    # The legal reviewer fills the checklist and agrees.
    reviewer = sign_in("scjg_li")
    reviewer.get_by_role("link", name="待我审核").click()
    reviewer.get_by_role("link", name=re.compile(re.escape(case.number))).click()
    opinion = reviewer.locator("#act-opine")
    for point in opinion.locator("input[type=radio][value=yes]").all():
        point.check()
    opinion.get_by_role("radio", name="同意", exact=True).check()
    opinion.get_by_label("理由").fill(
        "主体适格，事实清楚，证据确凿，适用依据正确，程序合法，裁量适当"
    )
    opinion.get_by_role("button", name="出具审核意见").click()
    expect(reviewer.get_by_text("已办理")).to_be_visible()
    expect(reviewer.get_by_test_id("review-status")).to_have_text("审核通过")

    # The officer records the decided penalty on the discretion page.
    officer.goto(case_url)
    _record_penalty(officer, kind="处罚决定", fine="52000")

    # The head decides, from the 工作台's list of what waits for them.
    head.goto(f"{live_demo.url}/")
    todos.get_by_role("link", name=re.compile(f"：{re.escape(case.number)}$")).click()
    # A complex case is discussed by the heads first (处罚法 art. 57).
    expect(head.get_by_test_id("act-decide")).to_be_disabled()
    _act(head, "submit_discussion")
    head.get_by_label("意见").fill("经集体讨论，同意承办机构意见")
    _act(head, "conclude_discussion")
    _act(head, "decide")
    assert head.asked[-1].startswith("处罚决定作出后不能撤回")  # type: ignore[attr-defined]

    # The officer serves it, with the service record.
    officer.goto(case_url)
    officer.get_by_label("送达日期").fill(today)
    officer.get_by_label("送达方式").select_option(label="直接送达")
    officer.get_by_label("受送达人").fill(city.party.legal_representative)
    officer.get_by_label("送达地点").fill(city.party.address)
    _act(officer, "serve")
    expect(officer.locator("dl.record").first).to_contain_text("2026年6月17日 直接送达")
    receiver = f"{city.party.legal_representative}（{city.party.address}）"
    expect(officer.get_by_text(receiver)).to_be_visible()
    case.refresh_from_db()
    assert case.status == CaseStatus.EXECUTION and case.served_on == june

    # The 行政处罚决定书: generated, downloaded, every element of art. 59 in its text.
    officer.get_by_role("link", name="文书页面").click()
    officer.get_by_role("link", name="行政处罚决定书").click()
    officer.get_by_role("button", name="出具行政处罚决定书").click()
    officer.wait_for_url(re.compile(rf"/cases/{case.pk}/documents/$"))
    expect(officer.get_by_text("已出具行政处罚决定书")).to_be_visible()
    with officer.expect_download() as caught:
        officer.get_by_role("link", name="DOCX").first.click()
    path = tmp_path / "decision.docx"
    caught.value.save_as(path)
    text = docx_text(path.read_bytes())
    final = case.decisions.get(kind=DecisionKind.FINAL)
    for element in (
        city.party.name,
        FACTS,
        "对当事人的询问笔录",
        "罚款52000元；没收违法所得800元",
        final.benchmark.penalty_basis,
        final.benchmark.source_document,
        *[line for line in final.explanation.splitlines() if line.strip()],
        "十五日内",
        "六十日内",
        "六个月内",
        city.agency.name,
        "2026年6月17日",
    ):
        assert element in text, element


def _record_penalty(page: Page, *, kind: str, fine: str) -> None:
    """On the case's discretion page: the facts, 测算 (the benchmark's range and explanation
    shown), then the penalty recorded as ``kind``."""
    page.get_by_role("link", name="处罚裁量").click()
    page.get_by_label(re.compile("^事实：货值金额")).fill("5000")
    page.get_by_label(re.compile("^事实：违法所得")).fill("800")
    page.get_by_role("button", name="测算").click()
    assessment = page.get_by_test_id("assessment")
    expect(assessment).to_contain_text("按“轻微”情形裁量：没收违法所得；罚款50000元至60000元")
    expect(assessment).to_contain_text("允许的罚款幅度：50000.00元至60000.00元")
    expect(assessment).to_contain_text("行政裁量权基准第1版")
    page.get_by_label("录入").select_option(label=kind)
    page.get_by_label("罚款", exact=True).check()
    page.get_by_label("罚款金额（元）").fill(fine)
    page.get_by_label("没收违法所得", exact=True).check()
    page.get_by_label("没收违法所得（元）").fill("800")
    page.get_by_role("button", name="录入").click()
    expect(page.get_by_text(re.compile(f"^已录入{kind}"))).to_be_visible()
