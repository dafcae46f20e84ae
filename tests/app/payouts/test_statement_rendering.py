"""A statement rendered as CSV and PDF in French, Arabic and English (pure renderers)."""

import io
from datetime import UTC, datetime
from typing import Any

import pytest
from pypdf import PdfReader

from storefront_plugins.payouts.splits import Party, PartyKind
from storefront_plugins.payouts.statement_csv import statement_csv
from storefront_plugins.payouts.statement_pdf import statement_pdf
from storefront_plugins.payouts.statement_texts import format_amount
from storefront_plugins.payouts.statements import MovementKind, Statement, StatementLine

NOVEMBER = Statement(
    party=Party(PartyKind.ARTISAN, 7),
    party_name="Mohamed Serghini",
    currency="MAD",
    start=datetime(2026, 11, 1, tzinfo=UTC),
    end=datetime(2026, 12, 1, tzinfo=UTC),
    opening_balance=150000,
    lines=(
        StatementLine(
            datetime(2026, 11, 3, 9, tzinfo=UTC), 11, MovementKind.SALE, "1001", "", 5810, 155810
        ),
        StatementLine(
            datetime(2026, 11, 20, 9, tzinfo=UTC),
            12,
            MovementKind.REFUND,
            "1001",
            "",
            -2905,
            152905,
        ),
        StatementLine(
            datetime(2026, 11, 28, 9, tzinfo=UTC), 13, MovementKind.PAYOUT, "", "", -150000, 2905
        ),
    ),
    closing_held=0,
    closing_payable=2905,
    in_transit=150000,
    tax_collected=0,
    ledger_balance=2905,
)


def test_the_csv_in_french():
    # when
    csv = statement_csv(NOVEMBER, "fr")

    # then
    assert csv.replace("\u00a0", " ") == (
        "Relevé de compte,Artisan,Mohamed Serghini\r\n"
        "Période,01/11/2026,30/11/2026\r\n"
        "Devise,MAD\r\n"
        "\r\n"
        "Date,Opération,Commande,Montant,Montant (unités mineures),Solde\r\n"
        '01/11/2026,Solde d\'ouverture,,,,"1 500,00 MAD"\r\n'
        '03/11/2026,Ventes,1001,"58,10 MAD",5810,"1 558,10 MAD"\r\n'
        '20/11/2026,Remboursements,1001,"-29,05 MAD",-2905,"1 529,05 MAD"\r\n'
        '28/11/2026,Versements,,"-1 500,00 MAD",-150000,"29,05 MAD"\r\n'
        '30/11/2026,Solde de clôture,,,,"29,05 MAD"\r\n'
        "\r\n"
        "Totaux de la période\r\n"
        'Ventes,"58,10 MAD",5810\r\n'
        'Commissions,"0,00 MAD",0\r\n'
        'Remboursements,"-29,05 MAD",-2905\r\n'
        'Versements,"-1 500,00 MAD",-150000\r\n'
        'Ajustements,"0,00 MAD",0\r\n'
        'dont retenu,"0,00 MAD",0\r\n'
        'dont payable,"29,05 MAD",2905\r\n'
        'Virements en cours,"1 500,00 MAD",150000\r\n'
        'Taxes collectées,"0,00 MAD",0\r\n'
        "Rapproché du grand livre\r\n"
    )


def test_the_csv_in_english_and_arabic():
    # when
    english = statement_csv(NOVEMBER, "en").replace("\u00a0", " ").splitlines()
    arabic = statement_csv(NOVEMBER, "ar").replace("\u00a0", " ").splitlines()

    # then
    assert english[4:10] == [
        "Date,Type,Order,Amount,Amount (minor units),Balance",
        '2026-11-01,Opening balance,,,,"MAD 1,500.00"',
        '2026-11-03,Sales,1001,MAD 58.10,5810,"MAD 1,558.10"',
        '2026-11-20,Refunds,1001,MAD -29.05,-2905,"MAD 1,529.05"',
        '2026-11-28,Payouts,,"MAD -1,500.00",-150000,MAD 29.05',
        "2026-11-30,Closing balance,,,,MAD 29.05",
    ]
    assert arabic[0] == "كشف الحساب,الحرفي,Mohamed Serghini"
    assert arabic[4:10] == [
        "التاريخ,العملية,الطلب,المبلغ,المبلغ (بالوحدات الصغرى),الرصيد",
        '01/11/2026,الرصيد الافتتاحي,,,,"1.500,00 د.م."',
        '03/11/2026,المبيعات,1001,"58,10 د.م.",5810,"1.558,10 د.م."',
        '20/11/2026,المبالغ المستردة,1001,"-29,05 د.م.",-2905,"1.529,05 د.م."',
        '28/11/2026,الدفعات,,"-1.500,00 د.م.",-150000,"29,05 د.م."',
        '30/11/2026,الرصيد الختامي,,,,"29,05 د.م."',
    ]


@pytest.mark.parametrize(
    ("minor", "currency", "language", "expected"),
    [
        (123456789, "MAD", "fr", "1 234 567,89 MAD"),
        (123456789, "MAD", "en", "MAD 1,234,567.89"),
        (123456789, "MAD", "ar", "1.234.567,89 د.م."),
        (-5, "EUR", "fr", "-0,05 €"),
        (-5, "EUR", "en", "-€0.05"),
        (100000, "USD", "en", "$1,000.00"),
        (100000, "USD", "fr", "1 000,00 $US"),
        (100000, "USD", "ar", "1.000,00 US$"),
        (7, "EUR", "ar", "0,07 €"),
    ],
)
def test_amounts_are_formatted_from_minor_units_for_the_language_and_currency(
    minor, currency, language, expected
):
    assert format_amount(minor, currency, language).replace("\u00a0", " ") == expected


def pdf_text(document: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(document))
    return [
        line.replace("\u00a0", " ")
        for page in reader.pages
        for line in page.extract_text().splitlines()
    ]


def test_the_pdf_in_french_shows_movements_totals_and_the_closing_balance():
    # when
    document = statement_pdf(NOVEMBER, "fr")

    # then
    assert pdf_text(document) == [
        "Relevé de compte",
        "Artisan: Mohamed Serghini",
        "Période: 01/11/2026 au 30/11/2026",
        "Devise: MAD",
        "Solde d'ouverture 1 500,00 MAD",
        "Date Opération Commande Montant Solde",
        "03/11/2026 Ventes 1001 58,10 MAD 1 558,10 MAD",
        "20/11/2026 Remboursements 1001 -29,05 MAD 1 529,05 MAD",
        "28/11/2026 Versements -1 500,00 MAD 29,05 MAD",
        "Totaux de la période",
        "Ventes 58,10 MAD",
        "Commissions 0,00 MAD",
        "Remboursements -29,05 MAD",
        "Versements -1 500,00 MAD",
        "Ajustements 0,00 MAD",
        "Solde de clôture 29,05 MAD",
        "dont retenu 0,00 MAD",
        "dont payable 29,05 MAD",
        "Virements en cours 1 500,00 MAD",
        "Taxes collectées 0,00 MAD",
        "Rapproché du grand livre",
    ]
    assert statement_pdf(NOVEMBER, "fr") == document  # the same statement, the same bytes


def test_the_pdf_in_english():
    # when
    lines = pdf_text(statement_pdf(NOVEMBER, "en"))

    # then
    assert lines[:5] == [
        "Statement",
        "Artisan: Mohamed Serghini",
        "Period: 2026-11-01 to 2026-11-30",
        "Currency: MAD",
        "Opening balance MAD 1,500.00",
    ]
    assert "2026-11-03 Sales 1001 MAD 58.10 MAD 1,558.10" in lines
    assert "Closing balance MAD 29.05" in lines


def test_the_pdf_in_arabic_is_shaped_right_to_left_in_the_vendored_font():
    # when
    document = statement_pdf(NOVEMBER, "ar")

    # then the Arabic words come back from the shaped glyphs, each row read from the right
    lines = pdf_text(document)
    assert lines[0] == "كشف الحساب"
    assert lines[1] == "Mohamed Serghini :الحرفي"
    assert "د.م. 29,05 الرصيد الختامي" in lines
    assert "د.م. 1.500,00 تحويلات قيد التنفيذ" in lines
    assert lines[-1] == "مطابق لدفتر الحسابات"
    resources: list[Any] = [page["/Resources"] for page in PdfReader(io.BytesIO(document)).pages]
    fonts = {
        str(font["/BaseFont"]).split("+")[-1]
        for resource in resources
        for font in resource["/Font"].values()
    }
    assert fonts == {"DejaVuSansBook", "DejaVuSansBold"}  # subsets of the vendored fonts
