"""A run's bank transfers as a batch file for the cooperative's bank (bulk transfers).

There is no single national standard for the files Moroccan banks take for bulk transfers
("virements multiples" / "virements de masse"): each e-banking portal has an import template,
and the common denominator is a CSV of one transfer per line with the beneficiary's name,
the 24-digit RIB, the amount in dirhams with two decimals and a reference. This file follows
that template, in the shape the portals' CSV imports take:

- `;`-separated, CRLF line ends, UTF-8 without BOM, one header line:
  `NOM_BENEFICIAIRE;RIB;MONTANT;REFERENCE;MOTIF`;
- names in capital ASCII letters without accents, at most 35 characters (what the
  interbank clearing system carries for a beneficiary's name); references at most 35;
- the amount with a point and exactly two decimals (`1234.50`), never a thousands separator.

Only the run's bank-transfer payouts still `created` (not yet recorded as paid) are listed.
"""

import csv
import io
import unicodedata
from dataclasses import dataclass

from storefront_plugins.artisans.permissions import Viewer
from storefront_plugins.payouts.models import Payout, PayoutRun, PayoutState, Rail
from storefront_plugins.payouts.payout_access import access_run
from storefront_plugins.payouts.splits import from_minor

HEADER = ["NOM_BENEFICIAIRE", "RIB", "MONTANT", "REFERENCE", "MOTIF"]
MAX_NAME = 35
MAX_REFERENCE = 35


@dataclass(frozen=True)
class BatchFile:
    filename: str
    content: str
    transfer_count: int
    total: int  # minor units


def bank_name(name: str) -> str:
    ascii_only = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    cleaned = "".join(c if c.isalnum() or c == " " else " " for c in ascii_only.upper())
    return " ".join(cleaned.split())[:MAX_NAME]


def payout_reference(payout: Payout) -> str:
    return f"SOUK-{payout.run_id}-{payout.pk}"[:MAX_REFERENCE]


def batch_file(run: PayoutRun) -> BatchFile:
    payouts = list(
        Payout.objects.filter(run=run, rail=Rail.BANK_TRANSFER, state=PayoutState.CREATED)
        .select_related("method")
        .order_by("pk")
    )
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    for payout in payouts:
        writer.writerow(
            [
                bank_name(payout.method.holder_name),
                payout.method.rib,
                f"{from_minor(payout.amount, payout.currency):.2f}",
                payout_reference(payout),
                bank_name(f"Souk paiement {run.period or run.pk}"),
            ]
        )
    return BatchFile(
        filename=f"souk-virements-run-{run.pk}.csv",
        content=out.getvalue(),
        transfer_count=len(payouts),
        total=sum(p.amount for p in payouts),
    )


def batch_file_for(viewer: Viewer, run_id: int) -> BatchFile:
    return batch_file(access_run(viewer, run_id))
