"""A statement as PDF (pure: bytes from a `Statement`), with fpdf2.

The fonts are vendored (`fonts/`, DejaVu Sans, Bitstream Vera licence in
`fonts/LICENSE-DejaVu.txt`): they carry Latin and Arabic glyphs, and nothing depends on
the system's fonts. Arabic is shaped by HarfBuzz (fpdf2's text shaping with uharfbuzz) and
laid out right to left: columns run from the right, text is right-aligned. The document's
dates are the statement's, so the same statement renders the same bytes.
"""

import logging
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos

from storefront_plugins.payouts.statement_texts import (
    RTL_LANGUAGES,
    format_amount,
    format_date,
    party_label,
    text,
)
from storefront_plugins.payouts.statements import MovementKind, Statement

# fontTools logs every glyph subset at INFO.
logging.getLogger("fontTools").setLevel(logging.WARNING)

FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVuSans"
# date, type, order, amount, balance (millimetres; A4 minus 15 mm margins)
WIDTHS = (28.0, 42.0, 34.0, 38.0, 38.0)
ROW = 7.0


class StatementDocument(FPDF):
    def __init__(self, language: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.language = language
        self.rtl = language in RTL_LANGUAGES
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(auto=True, margin=15)
        self.add_font(FAMILY, "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font(FAMILY, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_text_shaping(
            use_shaping_engine=True,
            direction="rtl" if self.rtl else "ltr",
            script="arab" if self.rtl else "latn",
            language="ara" if self.rtl else None,
        )

    @property
    def start_align(self) -> Align:
        return Align.R if self.rtl else Align.L

    @property
    def end_align(self) -> Align:
        return Align.L if self.rtl else Align.R

    def line_of_text(self, value: str, size: float = 10, bold: bool = False) -> None:
        self.set_font(FAMILY, "B" if bold else "", size)
        self.cell(
            w=0, h=ROW, text=value, align=self.start_align, new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )

    def label_value(self, label: str, value: str, bold: bool = False) -> None:
        """A label at the reading start and its value at the reading end of one row."""
        self.set_font(FAMILY, "B" if bold else "", 10)
        half = self.epw / 2
        cells = [(label, self.start_align), (value, self.end_align)]
        for content, align in reversed(cells) if self.rtl else cells:
            self.cell(w=half, h=ROW, text=content, align=align)
        self.ln(ROW)

    def row(self, values: list[str], bold: bool = False, fill: bool = False) -> None:
        """A table row; in Arabic the first column is the rightmost."""
        self.set_font(FAMILY, "B" if bold else "", 9)
        columns = list(zip(values, WIDTHS, strict=True))
        aligns = [self.start_align, self.start_align, self.start_align]
        aligns += [self.end_align, self.end_align]
        cells = list(zip(columns, aligns, strict=True))
        for (content, width), align in reversed(cells) if self.rtl else cells:
            self.cell(w=width, h=ROW, text=content, align=align, border="B", fill=fill)
        self.ln(ROW)


def statement_pdf(statement: Statement, language: str) -> bytes:
    def t(key: str) -> str:
        return text(language, key)

    def money(minor: int) -> str:
        return format_amount(minor, statement.currency, language)

    pdf = StatementDocument(language)
    pdf.set_creation_date(statement.end)
    pdf.set_title(f"{t('title')} {statement.party_name}")
    pdf.set_lang(language)
    pdf.add_page()
    pdf.line_of_text(t("title"), size=16, bold=True)
    pdf.line_of_text(f"{party_label(language, statement.party.kind)}: {statement.party_name}")
    pdf.line_of_text(
        f"{t('period')}: {format_date(statement.first_day, language)} {t('to')} "
        f"{format_date(statement.last_day, language)}"
    )
    pdf.line_of_text(f"{t('currency')}: {statement.currency}")
    pdf.ln(3)
    pdf.label_value(t("opening_balance"), money(statement.opening_balance), bold=True)
    pdf.ln(2)

    pdf.set_fill_color(235, 235, 235)
    pdf.row([t("date"), t("type"), t("order"), t("amount"), t("balance")], bold=True, fill=True)
    for line in statement.lines:
        pdf.row(
            [
                format_date(statement.local_day(line.at), language),
                t(line.kind),
                line.order_number,
                money(line.amount),
                money(line.balance),
            ]
        )
    if not statement.lines:
        pdf.line_of_text(t("no_movement"))
    pdf.ln(3)

    pdf.line_of_text(t("totals"), bold=True)
    totals = statement.totals
    for kind in MovementKind:
        pdf.label_value(t(kind), money(totals[kind]))
    pdf.ln(2)
    pdf.label_value(t("closing_balance"), money(statement.closing_balance), bold=True)
    pdf.label_value(t("held"), money(statement.closing_held))
    pdf.label_value(t("payable"), money(statement.closing_payable))
    pdf.label_value(t("in_transit"), money(statement.in_transit))
    pdf.label_value(t("tax_collected"), money(statement.tax_collected))
    pdf.ln(2)
    pdf.line_of_text(t("reconciled") if statement.reconciles else t("not_reconciled"))
    return bytes(pdf.output())
