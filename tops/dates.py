"""Calendar arithmetic the brochure's periods share (a year after confirmation, eight years
after founding, twelve months after the last check)."""

import datetime


def years_from(day: datetime.date, years: int) -> datetime.date:
    """The same calendar day ``years`` later (earlier when negative). A 29 February that the
    other year lacks becomes 1 March going forward, so a full year has run, and 28 February
    going back, so the day stays inside the period counted back."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        if years > 0:
            return datetime.date(day.year + years, 3, 1)
        return datetime.date(day.year + years, 2, 28)
