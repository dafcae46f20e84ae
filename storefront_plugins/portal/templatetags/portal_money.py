from datetime import date, datetime

from django import template

from storefront_plugins.portal.money import format_day, format_minor

register = template.Library()


@register.simple_tag(takes_context=True)
def money(context: template.Context, minor: int, currency: str) -> str:
    """`{% money amount currency %}`: minor units in the page's language."""
    return format_minor(minor, currency, context["lang"])


@register.simple_tag(takes_context=True)
def day(context: template.Context, value: date | datetime | None, zone: str = "") -> str:
    """`{% day payout.created_at %}`, `{% day line.at statement.time_zone %}`."""
    return format_day(value, context["lang"], zone or None)
