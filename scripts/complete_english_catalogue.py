"""English is the source language: its catalogue repeats each msgid, so that it stays complete."""

from pathlib import Path

import polib

path = Path(__file__).resolve().parent.parent / "locale/en/LC_MESSAGES/django.po"
catalogue = polib.pofile(str(path))
for entry in catalogue:
    if entry.msgid_plural:
        entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
    else:
        entry.msgstr = entry.msgid
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
catalogue.metadata["Language"] = "en"
catalogue.metadata["Content-Type"] = "text/plain; charset=UTF-8"
catalogue.metadata_is_fuzzy = False
catalogue.save()
