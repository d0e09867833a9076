"""A buyer registers, activates with the mailed code, logs in, edits its data, switches language."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import Organisation

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "Taipei-buyer-2026!"


def read_code(mailbox, to, count=1):
    mail = mailbox.wait_for(to=to, count=count)[-1]
    return re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", mail.body, re.MULTILINE).group(1)


def test_a_buyer_registers_activates_and_edits_its_organisation(page, mailbox, assert_accessible):
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hant-TW")
    assert_accessible(page)
    page.get_by_role("link", name="註冊成為採購方").first.click()

    expect(page.get_by_role("heading", level=1)).to_have_text("註冊成為採購方")
    assert_accessible(page)
    page.get_by_label(re.compile("^統一編號")).fill("22099132")  # a wrong check digit first
    page.get_by_label("組織類型").select_option(label="依法登記之企業")
    page.get_by_label("組織全稱").fill("好物設計股份有限公司")
    page.get_by_label("組織代表人姓名").fill("陳志明")
    page.get_by_label("行業別").select_option("M")
    page.get_by_label("聯絡窗口姓名").fill("李怡君")
    page.get_by_role("textbox", name="聯絡信箱").fill("yijun@example.com")
    page.get_by_label("聯絡電話").fill("02-2720-8889 分機 6627")
    page.get_by_label("密碼：", exact=True).fill(PASSWORD)
    page.get_by_label("密碼(再次輸入)").fill(PASSWORD)
    page.get_by_role("button", name="註冊並寄送驗證碼").click()

    # Refused beside the field, in Chinese, with everything typed still there.
    expect(page.locator("#id_username_error")).to_contain_text("檢查碼不符")
    expect(page.get_by_label("組織全稱")).to_have_value("好物設計股份有限公司")
    expect(page.get_by_label("聯絡電話")).to_have_value("02-2720-8889 分機 6627")
    assert_accessible(page)
    page.get_by_label(re.compile("^統一編號")).fill("22099131")
    page.get_by_label("密碼：", exact=True).fill(PASSWORD)
    page.get_by_label("密碼(再次輸入)").fill(PASSWORD)
    page.get_by_role("button", name="註冊並寄送驗證碼").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("驗證碼")
    assert_accessible(page)
    page.get_by_label("驗證碼").fill(read_code(mailbox, "yijun@example.com"))
    page.get_by_role("button", name="驗證", exact=True).click()

    # Activated: log out and in again with the tax ID.
    page.get_by_role("button", name="登出").click()
    page.goto("/accounts/login/")
    assert_accessible(page)
    page.get_by_label("統一編號或電子信箱").fill("22099131")
    page.get_by_label("密碼：", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="登入", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("我的組織")
    expect(page.get_by_text("好物設計股份有限公司", exact=True)).to_be_visible()
    expect(page.get_by_text("02-2720-8889 #6627")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="修改組織資料").click()
    assert_accessible(page)
    page.get_by_label("聯絡電話").fill("0912 345 678")
    page.get_by_label("聯絡窗口姓名").fill("王小美")
    page.get_by_role("button", name="儲存").click()
    expect(page.get_by_text("組織資料已儲存。")).to_be_visible()
    expect(page.get_by_text("0912-345-678")).to_be_visible()
    organisation = Organisation.objects.get(tax_id="22099131")
    assert organisation.contact_name == "王小美"
    assert organisation.contact_phone == "tel:+886-912-345-678"

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("My organisation")
    expect(page.get_by_text("Registered company")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Edit organisation data").click()
    page.get_by_label("Contact phone").fill("12345")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#id_contact_phone_error")).to_contain_text("Taiwan landline")
    assert_accessible(page)

    # The choice is remembered on the next visit.
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert_accessible(page)
    organisation.account.refresh_from_db()
    assert organisation.account.preferred_language == "en"
