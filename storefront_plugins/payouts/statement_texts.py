"""A statement's words, dates and amounts in French, Arabic or English (pure).

Amounts are integer minor units, formatted with integer arithmetic (never float):
French `1 234,56 MAD` (no-break space between thousands), English `MAD 1,234.56`,
Arabic `1.234,56 د.م.` (Western digits, as Moroccan documents write them).
"""

from datetime import date, datetime

from storefront_plugins.payouts.splits import PartyKind, exponent
from storefront_plugins.payouts.statements import MovementKind

LANGUAGES = ("fr", "ar", "en")
RTL_LANGUAGES = frozenset({"ar"})
NBSP = "\u00a0"

# (thousands separator, decimal separator)
SEPARATORS = {"fr": (NBSP, ","), "en": (",", "."), "ar": (".", ",")}
SYMBOLS = {
    "fr": {"EUR": "€", "USD": "$US", "MAD": "MAD"},
    "en": {"EUR": "€", "USD": "$", "MAD": "MAD"},
    "ar": {"EUR": "€", "USD": "US$", "MAD": "د.م."},
}

TEXTS: dict[str, dict[str, str]] = {
    "fr": {
        "title": "Relevé de compte",
        "artisan": "Artisan",
        "cooperative": "Coopérative",
        "platform": "Plateforme",
        "period": "Période",
        "to": "au",
        "currency": "Devise",
        "opening_balance": "Solde d'ouverture",
        "closing_balance": "Solde de clôture",
        "held": "dont retenu",
        "payable": "dont payable",
        "in_transit": "Virements en cours",
        "tax_collected": "Taxes collectées",
        "date": "Date",
        "type": "Opération",
        "order": "Commande",
        "description": "Libellé",
        "amount": "Montant",
        "amount_minor": "Montant (unités mineures)",
        "balance": "Solde",
        "totals": "Totaux de la période",
        "reconciled": "Rapproché du grand livre",
        "not_reconciled": "Écart avec le grand livre",
        "no_movement": "Aucune opération sur la période.",
        MovementKind.SALE: "Ventes",
        MovementKind.COMMISSION: "Commissions",
        MovementKind.REFUND: "Remboursements",
        MovementKind.PAYOUT: "Versements",
        MovementKind.ADJUSTMENT: "Ajustements",
    },
    "en": {
        "title": "Statement",
        "artisan": "Artisan",
        "cooperative": "Cooperative",
        "platform": "Platform",
        "period": "Period",
        "to": "to",
        "currency": "Currency",
        "opening_balance": "Opening balance",
        "closing_balance": "Closing balance",
        "held": "of which held",
        "payable": "of which payable",
        "in_transit": "Payouts in transit",
        "tax_collected": "Tax collected",
        "date": "Date",
        "type": "Type",
        "order": "Order",
        "description": "Description",
        "amount": "Amount",
        "amount_minor": "Amount (minor units)",
        "balance": "Balance",
        "totals": "Totals for the period",
        "reconciled": "Reconciled with the ledger",
        "not_reconciled": "Differs from the ledger",
        "no_movement": "No movement in the period.",
        MovementKind.SALE: "Sales",
        MovementKind.COMMISSION: "Commissions",
        MovementKind.REFUND: "Refunds",
        MovementKind.PAYOUT: "Payouts",
        MovementKind.ADJUSTMENT: "Adjustments",
    },
    "ar": {
        "title": "كشف الحساب",
        "artisan": "الحرفي",
        "cooperative": "التعاونية",
        "platform": "المنصة",
        "period": "الفترة",
        "to": "إلى",
        "currency": "العملة",
        "opening_balance": "الرصيد الافتتاحي",
        "closing_balance": "الرصيد الختامي",
        "held": "منه محتجز",
        "payable": "منه مستحق",
        "in_transit": "تحويلات قيد التنفيذ",
        "tax_collected": "الضرائب المحصلة",
        "date": "التاريخ",
        "type": "العملية",
        "order": "الطلب",
        "description": "البيان",
        "amount": "المبلغ",
        "amount_minor": "المبلغ (بالوحدات الصغرى)",
        "balance": "الرصيد",
        "totals": "مجاميع الفترة",
        "reconciled": "مطابق لدفتر الحسابات",
        "not_reconciled": "غير مطابق لدفتر الحسابات",
        "no_movement": "لا توجد عمليات خلال الفترة.",
        MovementKind.SALE: "المبيعات",
        MovementKind.COMMISSION: "العمولات",
        MovementKind.REFUND: "المبالغ المستردة",
        MovementKind.PAYOUT: "الدفعات",
        MovementKind.ADJUSTMENT: "التسويات",
    },
}


def language_or_default(language: str | None) -> str:
    code = (language or "").lower()[:2]
    return code if code in LANGUAGES else "fr"


def text(language: str, key: str) -> str:
    return TEXTS[language][key]


def party_label(language: str, kind: PartyKind) -> str:
    return TEXTS[language][kind.value]


def format_number(minor: int, currency: str, language: str) -> str:
    """`123456` MAD -> `1 234,56` (fr), `1,234.56` (en), `1.234,56` (ar)."""
    places = exponent(currency)
    thousands, decimal = SEPARATORS[language]
    sign = "-" if minor < 0 else ""
    units, fraction = divmod(abs(minor), 10**places)
    grouped = f"{units:,}".replace(",", thousands)
    return f"{sign}{grouped}{decimal}{fraction:0{places}d}" if places else f"{sign}{grouped}"


def format_amount(minor: int, currency: str, language: str) -> str:
    number = format_number(minor, currency, language)
    symbol = SYMBOLS[language].get(currency, currency)
    if language == "en":
        if symbol in {"€", "$"}:
            return f"-{symbol}{number[1:]}" if number.startswith("-") else f"{symbol}{number}"
        return f"{symbol}{NBSP}{number}"
    return f"{number}{NBSP}{symbol}"


def format_date(day: date | datetime, language: str) -> str:
    if isinstance(day, datetime):
        day = day.date()
    return day.isoformat() if language == "en" else day.strftime("%d/%m/%Y")
