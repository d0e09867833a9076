"""The awards tests' days: the frozen "now" inside the test edition, and the supplier's approval."""

import datetime
import zoneinfo

TAIPEI = zoneinfo.ZoneInfo("Asia/Taipei")
APPROVED = datetime.date(2026, 1, 5)


def taipei(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=TAIPEI)


# Inside the edition of the `edition` fixture: its counting period runs, applications are open.
NOW = taipei(2026, 11, 26, 10, 0)
