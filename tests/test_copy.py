"""The portal's words in Traditional Chinese: 您 throughout, the glossary's terms, and the
labels named in the copy review."""

import polib
import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import PASSWORD, OrganisationFactory

CATALOGUE = settings.BASE_DIR / "locale" / "zh_Hant" / "LC_MESSAGES" / "django.po"


def test_the_catalogue_addresses_the_reader_as_您():
    informal = [e.msgid for e in polib.pofile(str(CATALOGUE)) if "你" in e.msgstr]
    assert informal == []


@pytest.mark.django_db
def test_logging_in_names_the_organisation_in_the_portals_words(client):
    OrganisationFactory(tax_id="04595252", name="好物設計股份有限公司")
    response = client.post(
        reverse("account_login"), {"login": "04595252", "password": PASSWORD}, follow=True
    )
    html = response.content.decode()
    assert "已登入：好物設計股份有限公司" in html
    assert "成功以" not in html


@pytest.mark.django_db
def test_a_pavilion_sorts_by_product_name_not_a_persons_name(client):
    html = client.get(reverse("catalog:pavilion", args=["lifestyle"])).content.decode()
    assert ">名稱</option>" in html and "姓名" not in html


@pytest.mark.django_db
def test_the_inquiries_page_heads_its_sections_as_received_and_sent(client):
    client.force_login(OrganisationFactory().account)
    html = client.get(reverse("catalog:inbox")).content.decode()
    assert "已收到" in html and "已寄出" in html
    assert "送出的詢問" not in html
