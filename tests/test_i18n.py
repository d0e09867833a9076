"""Traditional Chinese first, English second: both catalogues complete, the choice remembered."""

import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from tests.factories import OrganisationFactory

ROOT = Path(settings.BASE_DIR)
CATALOGUES = {
    language: ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
    for language in ("zh_Hant", "en")
}


@pytest.mark.parametrize("language", CATALOGUES)
def test_every_string_is_translated_and_compiled(language):
    catalogue = polib.pofile(str(CATALOGUES[language]))
    assert not catalogue.untranslated_entries(), [e.msgid for e in catalogue.untranslated_entries()]
    assert not catalogue.fuzzy_entries(), [e.msgid for e in catalogue.fuzzy_entries()]
    compiled = polib.mofile(str(CATALOGUES[language].with_suffix(".mo")))
    assert {e.msgid: e.msgstr for e in compiled if not e.msgid_plural} == {
        e.msgid: e.msgstr for e in catalogue if not e.msgid_plural and not e.obsolete
    }, "the .mo file is out of date: run `make messages`"


def test_the_catalogues_hold_every_string_in_the_code(tmp_path, monkeypatch):
    # makemessages writes into every locale folder above the files it reads: it runs on a copy
    # of the code, so that the committed catalogues are only read here, never rewritten.
    copy = tmp_path / "portal"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".*", "tests", "media", "private-media", "test-artifacts", "backups", "*.sqlite3*"
        ),
    )
    monkeypatch.chdir(copy)
    with override_settings(LOCALE_PATHS=[copy / "locale"]):
        call_command(
            "makemessages",
            locale=["zh_Hant"],
            ignore_patterns=["tests"],
            no_obsolete=True,
            verbosity=0,
        )
    fresh = {e.msgid for e in polib.pofile(str(copy / "locale/zh_Hant/LC_MESSAGES/django.po"))}
    committed = {e.msgid for e in polib.pofile(str(CATALOGUES["zh_Hant"]))}
    assert fresh - committed == set(), "strings missing from the catalogue: run `make messages`"


@pytest.mark.django_db
def test_traditional_chinese_is_the_default(client):
    html = client.get(reverse("home")).content.decode()
    assert '<html lang="zh-Hant-TW">' in html
    assert "跳到主要內容" in html


@pytest.mark.django_db
def test_the_language_switch_is_remembered(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get(reverse("home")).content.decode()
    assert '<html lang="en">' in html
    assert "Skip to main content" in html


@pytest.mark.django_db
def test_a_logged_in_buyers_choice_is_kept_for_its_emails(client):
    organisation = OrganisationFactory()
    client.force_login(organisation.account)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    organisation.account.refresh_from_db()
    assert organisation.account.preferred_language == "en"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "window"), [("zh-hant", "TOPS 專線服務窗口"), ("en", "TOPS service window")]
)
def test_every_page_shows_the_contact_window(client, language, window):
    client.cookies["django_language"] = language
    html = client.get(reverse("account_login")).content.decode()
    assert window in html
    assert "02-2720-8889" in html and "ea-40037@gov.taipei" in html
