import pytest
from django.test import Client

from publications.models import Announcement


@pytest.fixture
def english():
    client = Client()
    client.cookies["django_language"] = "en"
    return client


def announce(title, published_at, pinned=False, **fields):
    return Announcement.objects.create(
        title_zh=f"{title}（中文）",
        title_en=title,
        body_zh=fields.pop("body_zh", "內容"),
        body_en=fields.pop("body_en", "Text"),
        published_at=published_at,
        pinned=pinned,
        **fields,
    )
