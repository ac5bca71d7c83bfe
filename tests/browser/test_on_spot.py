"""当场处罚 on a phone (390×844): the officer goes from the 工作台 to the form, registers the citizen
met on site, sees art. 51's 200-yuan limit refused as he types, decides (the button asks first)
and lands on the case page with the decision and the collection form; nothing scrolls sideways."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from zhifa.cases.models import Case
from zhifa.org.demo import DEMO_PASSWORD
from zhifa.org.models import Agency
from zhifa.testing.factories import MatterFactory, case_handler, id_number
from zhifa.testing.filings import eligible_officer

pytestmark = pytest.mark.browser
NO_OVERFLOW = "() => document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture
def viewport() -> str:
    return "phone"


@pytest.fixture
def site(live_demo: Any) -> dict[str, Any]:
    scjg = Agency.objects.get(short_name="市市场监管局")
    case_handler(scjg)
    return {"partner": eligible_officer(scjg), "matter": MatterFactory(agency=scjg)}


def test_an_officer_decides_on_the_spot_on_a_phone(page: Page, login, live_demo, site) -> None:
    login("scjg_zhang", DEMO_PASSWORD)
    page.get_by_test_id("home-on-spot").tap()
    expect(page.get_by_test_id("on-spot-page")).to_be_visible()
    assert page.evaluate(NO_OVERFLOW), "the form scrolls sideways"
    page.get_by_label("现场登记自然人").check()
    page.get_by_label("姓名").fill("王小二")
    page.get_by_label("身份证号码").fill(id_number(5))
    page.get_by_label("案由").fill("占道经营案")
    page.get_by_label("执法事项").select_option(str(site["matter"].pk))
    page.get_by_label("违法事实").fill("当事人在店外占道摆放商品")
    page.get_by_label("作出决定地点").fill("示范市测试路3号门前")
    page.get_by_label("罚款", exact=True).check()
    page.get_by_label("罚款金额（元）").fill("250")
    expect(page.get_by_test_id("fine-limit")).to_contain_text("超过当场处罚限额200元")
    page.get_by_label("罚款金额（元）").fill("100")
    expect(page.get_by_test_id("fine-limit")).not_to_contain_text("超过")
    page.get_by_label("另一名执法人员").select_option(str(site["partner"].pk))
    asked: list[str] = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.get_by_test_id("decide-on-spot").tap()
    expect(page.get_by_test_id("on-spot-panel")).to_be_visible()
    assert asked and asked[0].startswith("当场作出行政处罚决定后")
    expect(page.get_by_test_id("collect-form")).to_be_visible()
    assert page.evaluate(NO_OVERFLOW), "the case page scrolls sideways"
    assert Case.objects.get().on_spot.fine == 100
