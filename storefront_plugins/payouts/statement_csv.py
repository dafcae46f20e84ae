"""A statement as CSV (pure): one row per movement between an opening and a closing row,
headers and movement types in the reader's language, each amount both formatted for the
language and currency and as integer minor units (for spreadsheets and accounting tools).
A summary (totals per type, held, payable, in transit, tax) follows after a blank row."""

import csv
import io

from storefront_plugins.payouts.statement_texts import (
    format_amount,
    format_date,
    party_label,
    text,
)
from storefront_plugins.payouts.statements import MovementKind, Statement


def statement_csv(statement: Statement, language: str) -> str:
    def t(key: str) -> str:
        return text(language, key)

    def money(minor: int) -> str:
        return format_amount(minor, statement.currency, language)

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([t("title"), party_label(language, statement.party.kind), statement.party_name])
    writer.writerow(
        [
            t("period"),
            format_date(statement.first_day, language),
            format_date(statement.last_day, language),
        ]
    )
    writer.writerow([t("currency"), statement.currency])
    writer.writerow([])
    writer.writerow(
        [t("date"), t("type"), t("order"), t("amount"), t("amount_minor"), t("balance")]
    )
    writer.writerow(
        [
            format_date(statement.first_day, language),
            t("opening_balance"),
            "",
            "",
            "",
            money(statement.opening_balance),
        ]
    )
    for line in statement.lines:
        writer.writerow(
            [
                format_date(statement.local_day(line.at), language),
                t(line.kind),
                line.order_number,
                money(line.amount),
                line.amount,
                money(line.balance),
            ]
        )
    writer.writerow(
        [
            format_date(statement.last_day, language),
            t("closing_balance"),
            "",
            "",
            "",
            money(statement.closing_balance),
        ]
    )
    writer.writerow([])
    writer.writerow([t("totals")])
    totals = statement.totals
    for kind in MovementKind:
        writer.writerow([t(kind), money(totals[kind]), totals[kind]])
    for key, minor in (
        ("held", statement.closing_held),
        ("payable", statement.closing_payable),
        ("in_transit", statement.in_transit),
        ("tax_collected", statement.tax_collected),
    ):
        writer.writerow([t(key), money(minor), minor])
    writer.writerow([t("reconciled") if statement.reconciles else t("not_reconciled")])
    return out.getvalue()
