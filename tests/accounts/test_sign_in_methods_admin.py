"""Staff's two-step sign-in methods are listed in the admin in the reader's language."""

import pytest

from tests.builders import staff

pytestmark = pytest.mark.django_db


def test_the_list_reads_in_traditional_chinese(client):
    organizer = staff("Organizer", "org.one")
    organizer.is_superuser = True
    organizer.save()
    client.force_login(organizer)

    index = client.get("/admin/").content.decode()
    assert "兩步驟登入方式" in index and "Authenticators" not in index
    listing = client.get("/admin/accounts/signinmethod/").content.decode()
    for label in ["帳號", "方式", "新增時間", "上次使用"]:
        assert label in listing
    assert "Last used at" not in listing and "Created at" not in listing
