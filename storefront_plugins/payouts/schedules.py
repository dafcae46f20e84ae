"""When a scheduled payout run is due: pure.

A weekly schedule's period is the ISO week ("2026-W48"), due from its weekday on; a monthly
one's the month ("2026-11"), due from its day on. A beat that misses the day (downtime, an
open run still finishing) starts the period's run at the next beat in the same period; the
unique (cooperative, currency, period) constraint makes it once per period.
"""

from datetime import date

from storefront_plugins.payouts.models import Frequency


def due_period(
    frequency: Frequency, weekday: int | None, day_of_month: int | None, today: date
) -> str | None:
    """The period whose run is due today, or None (manual schedules never are)."""
    if frequency == Frequency.WEEKLY and weekday is not None and today.weekday() >= weekday:
        year, week, _ = today.isocalendar()
        return f"{year}-W{week:02d}"
    if frequency == Frequency.MONTHLY and day_of_month is not None and today.day >= day_of_month:
        return f"{today.year}-{today.month:02d}"
    return None
