"""The payouts read API's types. Amounts are `LedgerMoney`: integer minor units (BigInt)
with the currency, and the same as a Decimal string; never a float."""

from dataclasses import dataclass
from typing import Any

import graphene
from graphql_relay import to_global_id

from storefront_plugins.core.graphql.context import context_of
from storefront_plugins.core.graphql.pagination import CountableConnection
from storefront_plugins.payouts import models
from storefront_plugins.payouts.access import CooperativePayoutSettings
from storefront_plugins.payouts.error_codes import PayoutErrorCode
from storefront_plugins.payouts.graphql.dataloaders import PartyNameByPartyLoader
from storefront_plugins.payouts.services import PartyBalance
from storefront_plugins.payouts.splits import Party, PartyKind, Role, ShippingTo, from_minor
from storefront_plugins.payouts.statement_links import StatementRequest, signed_link
from storefront_plugins.payouts.statements import MovementKind, Statement, StatementLine

PayoutErrorCodeEnum = graphene.Enum.from_enum(PayoutErrorCode, name="PayoutErrorCode")
PayoutPartyKindEnum = graphene.Enum("PayoutPartyKind", [(k.name, k.value) for k in PartyKind])
AccountKindEnum = graphene.Enum(
    "LedgerAccountKind", [(k.name, k.value) for k in models.AccountKind]
)
TransactionKindEnum = graphene.Enum(
    "LedgerTransactionKind", [(k.name, k.value) for k in models.TransactionKind]
)
PayoutRoleEnum = graphene.Enum("PayoutRole", [(r.name, r.value) for r in Role])
MovementKindEnum = graphene.Enum("StatementMovementKind", [(k.name, k.value) for k in MovementKind])
HoldStartEnum = graphene.Enum("PayoutHoldStart", [(h.name, h.value) for h in models.HoldStart])
ShippingToEnum = graphene.Enum("PayoutShippingTo", [(s.name, s.value) for s in ShippingTo])


class PayoutError(graphene.ObjectType):
    field = graphene.String(description="The input field the error is about, or null.")
    code = graphene.Field(PayoutErrorCodeEnum, required=True)
    message = graphene.String(required=True)


@dataclass(frozen=True)
class Money:
    minor: int
    currency: str


class LedgerMoney(graphene.ObjectType):
    currency = graphene.String(required=True)
    minor_units = graphene.BigInt(required=True, description="Integer minor units (cents).")
    amount = graphene.Decimal(required=True, description="The amount in the currency's units.")

    @staticmethod
    def resolve_minor_units(root: Money, info: Any) -> int:
        return root.minor

    @staticmethod
    def resolve_amount(root: Money, info: Any) -> Any:
        return from_minor(root.minor, root.currency)


def money_field(attribute: str, description: str = "") -> graphene.Field:
    def resolve(root: Any, info: Any) -> Money:
        return Money(getattr(root, attribute), root.currency)

    return graphene.Field(LedgerMoney, required=True, description=description, resolver=resolve)


class PayoutParty(graphene.ObjectType):
    kind = graphene.Field(PayoutPartyKindEnum, required=True)
    id = graphene.ID(description="The Artisan's or Cooperative's global ID; null: the platform.")
    name = graphene.String(required=True)

    @staticmethod
    def resolve_kind(root: Party, info: Any) -> Any:
        return PayoutPartyKindEnum.get(root.kind.value)

    @staticmethod
    def resolve_id(root: Party, info: Any) -> str | None:
        if root.kind == PartyKind.ARTISAN:
            return to_global_id("Artisan", root.id)
        if root.kind == PartyKind.COOPERATIVE:
            return to_global_id("Cooperative", root.id)
        return None

    @staticmethod
    def resolve_name(root: Party, info: Any) -> Any:
        return PartyNameByPartyLoader(context_of(info)).load(root)


class PayoutBalance(graphene.ObjectType):
    party = graphene.Field(PayoutParty, required=True)
    currency = graphene.String(required=True)
    held = money_field("held", "Not yet payable: the hold after payment or fulfilment.")
    payable = money_field("payable", "Payable now; negative: a debt netted from later payouts.")
    in_transit = money_field("in_transit", "Payouts sent and not yet settled.")
    tax = money_field("tax", "Tax collected for the cooperative (seller of record).")

    @staticmethod
    def resolve_party(root: PartyBalance, info: Any) -> Party:
        return root.party


class LedgerEntry(graphene.ObjectType):
    id = graphene.ID(required=True)
    created_at = graphene.DateTime(required=True)
    party = graphene.Field(PayoutParty, required=True)
    account_kind = graphene.Field(AccountKindEnum, required=True)
    transaction_kind = graphene.Field(TransactionKindEnum, required=True)
    transaction_id = graphene.ID(required=True)
    role = graphene.Field(PayoutRoleEnum, description="What the part is; null: no role.")
    amount = graphene.Field(LedgerMoney, required=True, description="Credit > 0, debit < 0.")
    saleor_order_id = graphene.ID()
    order_number = graphene.String()
    description = graphene.String(required=True)

    @staticmethod
    def resolve_id(root: models.LedgerEntry, info: Any) -> str:
        return to_global_id("LedgerEntry", root.pk)

    @staticmethod
    def resolve_created_at(root: models.LedgerEntry, info: Any) -> Any:
        return root.transaction.created_at

    @staticmethod
    def resolve_party(root: models.LedgerEntry, info: Any) -> Party:
        return Party(PartyKind(root.account.party_kind), root.account.party_id)

    @staticmethod
    def resolve_account_kind(root: models.LedgerEntry, info: Any) -> Any:
        return AccountKindEnum.get(root.account.kind)

    @staticmethod
    def resolve_transaction_kind(root: models.LedgerEntry, info: Any) -> Any:
        return TransactionKindEnum.get(root.transaction.kind)

    @staticmethod
    def resolve_transaction_id(root: models.LedgerEntry, info: Any) -> str:
        return to_global_id("LedgerTransaction", root.transaction_id)

    @staticmethod
    def resolve_role(root: models.LedgerEntry, info: Any) -> Any:
        return PayoutRoleEnum.get(root.role) if root.role else None

    @staticmethod
    def resolve_amount(root: models.LedgerEntry, info: Any) -> Money:
        return Money(root.amount, root.account.currency)

    @staticmethod
    def resolve_saleor_order_id(root: models.LedgerEntry, info: Any) -> str | None:
        order = root.transaction.order
        return order.saleor_order_id if order else None

    @staticmethod
    def resolve_order_number(root: models.LedgerEntry, info: Any) -> str | None:
        order = root.transaction.order
        return order.order_number if order else None

    @staticmethod
    def resolve_description(root: models.LedgerEntry, info: Any) -> str:
        return root.transaction.description


class LedgerEntryCountableConnection(CountableConnection):
    class Meta:
        node = LedgerEntry


@dataclass(frozen=True)
class SplitPartValue:
    party: Party
    role: Role
    amount: int
    currency: str


class OrderSplitPart(graphene.ObjectType):
    party = graphene.Field(PayoutParty, required=True)
    role = graphene.Field(PayoutRoleEnum, required=True)
    amount = money_field("amount")

    @staticmethod
    def resolve_role(root: SplitPartValue, info: Any) -> Any:
        return PayoutRoleEnum.get(root.role.value)


@dataclass(frozen=True)
class ComponentValue:
    key: str
    gross: int
    quantity: int
    currency: str
    parts: tuple[SplitPartValue, ...]


class OrderSplitComponent(graphene.ObjectType):
    key = graphene.String(required=True, description="The Saleor order line's id, or SHIPPING.")
    quantity = graphene.Int(required=True)
    gross = money_field("gross", "What the shopper paid for it.")
    parts = graphene.List(graphene.NonNull(OrderSplitPart), required=True)


@dataclass(frozen=True)
class OrderSplitValue:
    saleor_order_id: str
    order_number: str
    currency: str
    total: int
    components: tuple[ComponentValue, ...]


class OrderSplit(graphene.ObjectType):
    saleor_order_id = graphene.ID(required=True)
    order_number = graphene.String(required=True)
    currency = graphene.String(required=True)
    total = money_field("total", "What the shopper paid for the order.")
    components = graphene.List(
        graphene.NonNull(OrderSplitComponent),
        required=True,
        description="The lines and shipping, with the parts you may see.",
    )


class StatementTotal(graphene.ObjectType):
    kind = graphene.Field(MovementKindEnum, required=True)
    amount = graphene.Field(LedgerMoney, required=True)


class PayoutStatementLine(graphene.ObjectType):
    at = graphene.DateTime(required=True)
    kind = graphene.Field(MovementKindEnum, required=True)
    order_number = graphene.String(required=True)
    amount = graphene.Field(LedgerMoney, required=True)
    balance = graphene.Field(LedgerMoney, required=True)

    @staticmethod
    def resolve_kind(root: tuple[StatementLine, str], info: Any) -> Any:
        return MovementKindEnum.get(root[0].kind.value)

    @staticmethod
    def resolve_at(root: tuple[StatementLine, str], info: Any) -> Any:
        return root[0].at

    @staticmethod
    def resolve_order_number(root: tuple[StatementLine, str], info: Any) -> str:
        return root[0].order_number

    @staticmethod
    def resolve_amount(root: tuple[StatementLine, str], info: Any) -> Money:
        return Money(root[0].amount, root[1])

    @staticmethod
    def resolve_balance(root: tuple[StatementLine, str], info: Any) -> Money:
        return Money(root[0].balance, root[1])


@dataclass(frozen=True)
class StatementValue:
    statement: Statement
    request: StatementRequest
    user_id: int
    token_version: int


class PayoutStatement(graphene.ObjectType):
    """Sales, commissions, refunds and payouts of a party in a period, reconciled to the
    ledger: opening balance + movements = closing balance = the ledger's balance."""

    party = graphene.Field(PayoutParty, required=True)
    currency = graphene.String(required=True)
    first_day = graphene.Date(required=True)
    last_day = graphene.Date(required=True)
    opening_balance = graphene.Field(LedgerMoney, required=True)
    closing_balance = graphene.Field(LedgerMoney, required=True)
    held = graphene.Field(LedgerMoney, required=True, description="Of the closing balance.")
    payable = graphene.Field(LedgerMoney, required=True, description="Of the closing balance.")
    in_transit = graphene.Field(LedgerMoney, required=True)
    tax_collected = graphene.Field(LedgerMoney, required=True)
    totals = graphene.List(graphene.NonNull(StatementTotal), required=True)
    lines = graphene.List(graphene.NonNull(PayoutStatementLine), required=True)
    reconciles = graphene.Boolean(required=True)
    csv_url = graphene.String(required=True, description="A signed link, valid 15 minutes.")
    pdf_url = graphene.String(required=True, description="A signed link, valid 15 minutes.")

    @staticmethod
    def resolve_party(root: StatementValue, info: Any) -> Party:
        return root.statement.party

    @staticmethod
    def resolve_currency(root: StatementValue, info: Any) -> str:
        return root.statement.currency

    @staticmethod
    def resolve_first_day(root: StatementValue, info: Any) -> Any:
        return root.statement.first_day

    @staticmethod
    def resolve_last_day(root: StatementValue, info: Any) -> Any:
        return root.statement.last_day

    @staticmethod
    def resolve_opening_balance(root: StatementValue, info: Any) -> Money:
        return Money(root.statement.opening_balance, root.statement.currency)

    @staticmethod
    def resolve_closing_balance(root: StatementValue, info: Any) -> Money:
        return Money(root.statement.closing_balance, root.statement.currency)

    @staticmethod
    def resolve_held(root: StatementValue, info: Any) -> Money:
        return Money(root.statement.closing_held, root.statement.currency)

    @staticmethod
    def resolve_payable(root: StatementValue, info: Any) -> Money:
        return Money(root.statement.closing_payable, root.statement.currency)

    @staticmethod
    def resolve_in_transit(root: StatementValue, info: Any) -> Money:
        return Money(root.statement.in_transit, root.statement.currency)

    @staticmethod
    def resolve_tax_collected(root: StatementValue, info: Any) -> Money:
        return Money(root.statement.tax_collected, root.statement.currency)

    @staticmethod
    def resolve_totals(root: StatementValue, info: Any) -> list[StatementTotal]:
        return [
            StatementTotal(
                kind=MovementKindEnum.get(kind.value),
                amount=Money(amount, root.statement.currency),
            )
            for kind, amount in root.statement.totals.items()
        ]

    @staticmethod
    def resolve_lines(root: StatementValue, info: Any) -> list[tuple[StatementLine, str]]:
        return [(line, root.statement.currency) for line in root.statement.lines]

    @staticmethod
    def resolve_reconciles(root: StatementValue, info: Any) -> bool:
        return root.statement.reconciles

    @staticmethod
    def resolve_csv_url(root: StatementValue, info: Any) -> str:
        return signed_link(root.user_id, root.token_version, root.request, "csv")

    @staticmethod
    def resolve_pdf_url(root: StatementValue, info: Any) -> str:
        return signed_link(root.user_id, root.token_version, root.request, "pdf")


class SplitRule(graphene.ObjectType):
    category_slug = graphene.String(
        required=True, description="A Saleor category's slug; empty: every other category."
    )
    commission_bp = graphene.Int(description="Null: the cooperative's commission rate.")
    platform_fee_bp = graphene.Int(description="Null: the platform's default fee.")


class PayoutPolicy(graphene.ObjectType):
    hold_days = graphene.Int(required=True)
    hold_starts = graphene.Field(HoldStartEnum, required=True)
    shipping_to = graphene.Field(ShippingToEnum, required=True)
    is_default = graphene.Boolean(
        required=True, description="True: the cooperative set none, the platform's applies."
    )


class CooperativePayoutSettingsType(graphene.ObjectType):
    cooperative_id = graphene.ID(required=True)
    split_rules = graphene.List(graphene.NonNull(SplitRule), required=True)
    payout_policy = graphene.Field(PayoutPolicy, required=True)

    class Meta:
        name = "CooperativePayoutSettings"

    @staticmethod
    def resolve_cooperative_id(root: CooperativePayoutSettings, info: Any) -> str:
        return to_global_id("Cooperative", root.cooperative_id)

    @staticmethod
    def resolve_split_rules(root: CooperativePayoutSettings, info: Any) -> Any:
        return root.split_rules

    @staticmethod
    def resolve_payout_policy(root: CooperativePayoutSettings, info: Any) -> PayoutPolicy:
        return PayoutPolicy(
            hold_days=root.policy.hold_days,
            hold_starts=HoldStartEnum.get(root.policy.hold_starts.value),
            shipping_to=ShippingToEnum.get(root.policy.shipping_to.value),
            is_default=root.policy_is_default,
        )


def order_split_value(split: Any, saleor_order_id: str, order_number: str) -> OrderSplitValue:
    return OrderSplitValue(
        saleor_order_id=saleor_order_id,
        order_number=order_number,
        currency=split.currency,
        total=split.total,
        components=tuple(
            ComponentValue(
                key=c.key,
                gross=c.gross,
                quantity=c.quantity,
                currency=split.currency,
                parts=tuple(
                    SplitPartValue(party, role, amount, split.currency)
                    for (party, role), amount in sorted(
                        c.parts.items(), key=lambda item: (item[0][0], item[0][1].value)
                    )
                ),
            )
            for c in split.components
        ),
    )
