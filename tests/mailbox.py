"""Read the mail the portal sent, whichever way it was sent.

On the embedded default Celery runs tasks in-process and pytest-django's
locmem backend keeps the messages in ``django.core.mail.outbox``. With a real
broker a separate worker process sends them through Django's file backend
into a folder, which is read here.
"""

import email
import email.policy
import time
from dataclasses import dataclass
from pathlib import Path

from django.core import mail

SEPARATOR = "-" * 79


@dataclass
class Mail:
    subject: str
    to: list[str]
    body: str


class Mailbox:
    def __init__(self, folder: Path | None):
        self.folder = folder

    def clear(self):
        if self.folder is None:
            mail.outbox.clear()
        else:
            for path in self.folder.glob("*"):
                path.unlink()

    def all(self) -> list[Mail]:
        if self.folder is None:
            return [Mail(str(m.subject), list(m.to), m.body) for m in mail.outbox]
        found = []
        separator = ("\n" + SEPARATOR + "\n").encode()
        for path in sorted(self.folder.glob("*"), key=lambda p: p.stat().st_mtime):
            for raw in path.read_bytes().split(separator):
                if raw.strip():
                    found.append(_parse(raw))
        return found

    def wait_for(
        self, *, to: str, count: int = 1, subject: str = "", timeout: float = 30
    ) -> list[Mail]:
        """The messages sent to ``to`` (whose subject contains ``subject``), once at least
        ``count`` of them have arrived. A worker may deliver them in any order."""
        deadline = time.monotonic() + timeout
        while True:
            messages = [m for m in self.all() if to in m.to and subject in m.subject]
            if len(messages) >= count or time.monotonic() > deadline:
                assert len(messages) >= count, (
                    f"expected {count} mail(s) to {to}, got {len(messages)}: "
                    f"{[m.subject for m in self.all()]}"
                )
                return messages
            time.sleep(0.2)


def _parse(raw: bytes) -> Mail:
    message = email.message_from_bytes(raw.strip(b"\n"), policy=email.policy.default)
    body = message.get_body(preferencelist=("plain",))
    return Mail(
        subject=str(message["subject"]),
        to=[address.strip() for address in str(message["to"]).split(",")],
        body=body.get_content() if body else "",
    )
