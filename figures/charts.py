"""Horizontal bar charts drawn on the server as SVG: this period's bar above the previous
period's, for each row of a table. The table beside each chart carries the same figures for
screen readers and for copying."""

from dataclasses import dataclass

WIDTH = 640
LABEL_WIDTH = 220
BAR_HEIGHT = 12
ROW_HEIGHT = 36
VALUE_SPACE = 90


@dataclass(frozen=True)
class Bar:
    label: str
    y: int
    now: int
    before: int
    now_width: float
    before_width: float


@dataclass(frozen=True)
class Chart:
    bars: list
    width: int
    height: int
    label_width: int
    bar_height: int


def bar_chart(rows) -> Chart:
    """``rows``: ``[label, this period, previous period]``; bars scaled to the largest value."""
    room = WIDTH - LABEL_WIDTH - VALUE_SPACE
    largest = max((max(row[1] or 0, row[2] or 0) for row in rows), default=0) or 1
    bars = [
        Bar(
            label=str(label),
            y=index * ROW_HEIGHT + 4,
            now=now or 0,
            before=before or 0,
            now_width=round(room * (now or 0) / largest, 1),
            before_width=round(room * (before or 0) / largest, 1),
        )
        for index, (label, now, before) in enumerate(rows)
    ]
    return Chart(bars, WIDTH, len(bars) * ROW_HEIGHT + 8, LABEL_WIDTH, BAR_HEIGHT)
