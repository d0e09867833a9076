"""What the portal holds about an organisation, gathered from every app that holds some: for
the copy of its data (個人資料保護法 §10) and for the erasure when it closes its account (§11).
Each app registers its holdings here in its ``AppConfig.ready()``, so that this app never
imports the apps above it."""

import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation

from tops.private_files import private_file_open

from .models import Organisation, User


@dataclass(frozen=True)
class Holding:
    """One kind of record an app keeps about an organisation."""

    # The name of its file in the copy (``data/<name>.json``) and of its folder of files.
    name: str
    # (organisation) -> the records.
    rows: Callable[[Organisation], QuerySet]
    # The fields the copy gives (None: every field; files appear by name).
    fields: tuple[str, ...] | None = None
    # File fields whose content goes into the copy as well.
    files: tuple[str, ...] = ()
    # (organisation) -> None: removes or anonymises the personal data in these records,
    # inside the closure's transaction. None: the records are kept as they are.
    erase: Callable[[Organisation], None] | None = None
    # What stays after the closure, and why (shown to the organisation and to staff).
    kept: str = ""
    # (organisation) -> a message when the account cannot be closed yet (a listing, say).
    blocks_closure: Callable[[Organisation], str | None] | None = None


holdings: list[Holding] = []


def _account_rows(organisation):
    return User.objects.filter(pk=organisation.account_id)


def _organisation_rows(organisation):
    return Organisation.objects.filter(pk=organisation.pk)


def _data_request_rows(organisation):
    return organisation.data_requests.all()


# The account and the organisation themselves are erased by ``account_close`` itself, last.
holdings += [
    Holding(
        "account",
        _account_rows,
        fields=("username", "email", "date_joined", "last_login", "preferred_language"),
    ),
    Holding("organisation", _organisation_rows),
    Holding(
        "personal_data_requests",
        _data_request_rows,
        fields=("kind", "details", "status", "received_at", "due_on", "answer", "closed_at"),
    ),
]


def closure_blockers(organisation: Organisation) -> list[str]:
    """Why the account cannot be closed now (empty when it can)."""
    reasons = (
        holding.blocks_closure(organisation) for holding in holdings if holding.blocks_closure
    )
    return [reason for reason in reasons if reason]


def erase(organisation: Organisation) -> list[str]:
    """Every app's part of the erasure; what is kept, and why (in the language active when
    the texts are read)."""
    for holding in holdings:
        if holding.erase:
            holding.erase(organisation)
    return [holding.kept for holding in holdings if holding.kept]


def _file_content(file):
    """The file's content (a private file also while still staged), or None when it is gone."""
    try:
        return private_file_open(file)
    except FileNotFoundError:
        return None


def export_write(organisation: Organisation, language: str, archive) -> None:
    """Write the copy of the organisation's data into ``archive`` (a binary file): a ZIP of
    ``data/*.json``, its files under ``files/``, and a README in the organisation's language
    saying what is where."""
    missing = []
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
        for holding in holdings:
            rows = list(holding.rows(organisation))
            records = serializers.serialize("python", rows, fields=holding.fields)
            zipped.writestr(
                f"data/{holding.name}.json",
                json.dumps(records, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            )
            for row in rows:
                for field in holding.files:
                    file = getattr(row, field)
                    if not file or not file.name:
                        continue
                    target = f"files/{holding.name}/{row.pk}-{PurePosixPath(file.name).name}"
                    content = _file_content(file)
                    if content is None:
                        missing.append(target)
                        continue
                    with content, zipped.open(target, "w") as out:
                        for chunk in iter(lambda content=content: content.read(1 << 20), b""):
                            out.write(chunk)
        with translation.override(language):
            zipped.writestr(
                "README.txt",
                render_to_string(
                    "accounts/personal_data_readme.txt",
                    {
                        "organisation": organisation,
                        "made_at": timezone.localtime(),
                        "holdings": [holding.name for holding in holdings],
                        "missing": missing,
                    },
                ),
            )
