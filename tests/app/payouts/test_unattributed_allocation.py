"""A cooperative's manager allocates its released unattributed sales to member artisans:
validated first (pure), one balanced adjustment moving exactly what was asked, once per
idempotency key, never more than what was released, never the same money twice."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from storefront_plugins.artisans.models import Artisan, Cooperative, Membership
from storefront_plugins.payouts import ledger, services
from storefront_plugins.payouts.access import LedgerAccess
from storefront_plugins.payouts.ledger import EntryLine
from storefront_plugins.payouts.models import (
    AccountKind,
    LedgerEntry,
    LedgerTransaction,
    PayoutPolicy,
    TransactionKind,
    UnattributedAllocation,
)
from storefront_plugins.payouts.payloads import parse_order
from storefront_plugins.payouts.splits import PLATFORM, Party, PartyKind, Role
from storefront_plugins.payouts.statements import MovementKind, build_statement
from storefront_plugins.payouts.unattributed import (
    MAX_LINES,
    AllocationLine,
    AllocationRequest,
    allocate_unattributed_funds,
    available_to_allocate,
    exact_minor_units,
    minor_amounts,
    recent_allocations,
    unattributed_funds,
    validate_allocation,
)
from tests.app.payouts.conftest import (
    API_URL,
    PLATE,
    Actor,
    at,
    balances_of,
    ledger_sum,
    line,
    order_payload,
)

MANAGER = LedgerAccess(managed_cooperative_ids=frozenset({1}), cooperative_ids=frozenset({1}))


def request(
    *lines: tuple[int, int], key: str = "k-1", note: str = "Pots of Fatima"
) -> AllocationRequest:
    return AllocationRequest(
        cooperative_id=1,
        currency="MAD",
        lines=tuple(AllocationLine(artisan, amount) for artisan, amount in lines),
        idempotency_key=key,
        note=note,
    )


def codes(error: ValidationError) -> dict[str, list[str]]:
    return {field: [str(e.code) for e in errors] for field, errors in error.error_dict.items()}


# The pure validation


def test_a_valid_request_passes() -> None:
    validate_allocation(
        request((7, 1_000), (8, 500)), available=1_500, active_member_ids=frozenset({7, 8})
    )


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [
        (request(), {"lines": ["REQUIRED"]}),
        (request((7, 0)), {"lines.0.amount": ["OUT_OF_RANGE"]}),
        (request((7, -5)), {"lines.0.amount": ["OUT_OF_RANGE"]}),
        (request((7, 100), (7, 100)), {"lines.1.artisanId": ["DUPLICATED_INPUT_ITEM"]}),
        (request((99, 100)), {"lines.0.artisanId": ["NOT_A_MEMBER"]}),
        (request((7, 1_001)), {"lines": ["INSUFFICIENT_FUNDS"]}),
        (request((7, 600), (8, 401)), {"lines": ["INSUFFICIENT_FUNDS"]}),
        (request((7, 100), key=" "), {"idempotencyKey": ["REQUIRED"]}),
        (request((7, 100), key="k" * 65), {"idempotencyKey": ["INVALID"]}),
        (request((7, 100), note="  "), {"note": ["REQUIRED"]}),
        (request((7, 100), note="n" * 501), {"note": ["INVALID"]}),
        (
            request(*[(n, 1) for n in range(MAX_LINES + 1)]),
            {"lines": ["INVALID"]},
        ),
    ],
)
def test_what_validation_refuses(wanted: AllocationRequest, expected: dict[str, list[str]]) -> None:
    # given 10.00 MAD available, artisans 7 and 8 active members (and any of the long list)
    members = frozenset({7, 8} | set(range(MAX_LINES + 1)))

    # when
    with pytest.raises(ValidationError) as raised:
        validate_allocation(wanted, available=1_000, active_member_ids=members)

    # then
    assert codes(raised.value) == expected


def test_every_problem_is_reported_at_once() -> None:
    # given
    wanted = AllocationRequest(1, "XAU", (AllocationLine(9, 0),), "", "")

    # when
    with pytest.raises(ValidationError) as raised:
        validate_allocation(wanted, available=0, active_member_ids=frozenset({7}))

    # then
    assert codes(raised.value) == {
        "currency": ["UNKNOWN_CURRENCY"],
        "idempotencyKey": ["REQUIRED"],
        "note": ["REQUIRED"],
        "lines.0.amount": ["OUT_OF_RANGE"],
        "lines.0.artisanId": ["NOT_A_MEMBER"],
    }


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        (Decimal("12.5"), "MAD", 1250),
        (Decimal("12.50"), "MAD", 1250),
        (Decimal("12.505"), "MAD", None),
        (Decimal("7"), "JPY", 7),
        (Decimal("7.1"), "JPY", None),
        (Decimal("1.234"), "TND", 1234),
        (Decimal("NaN"), "MAD", None),
        (Decimal("1"), "XAU", None),
    ],
)
def test_typed_amounts_are_converted_exactly_or_refused(
    amount: Decimal, currency: str, expected: int | None
) -> None:
    assert exact_minor_units(amount, currency) == expected


def test_amounts_with_too_many_decimals_are_refused_by_line() -> None:
    with pytest.raises(ValidationError) as raised:
        minor_amounts([Decimal("1.00"), Decimal("1.001"), None], "MAD")
    assert codes(raised.value) == {"lines.1.amount": ["INVALID"], "lines.2.amount": ["INVALID"]}


@pytest.mark.parametrize(
    ("unattributed", "payable", "expected"),
    [(5_000, 8_000, 5_000), (5_000, 3_000, 3_000), (5_000, -200, 0), (-100, 8_000, 0)],
)
def test_available_is_released_unattributed_money_still_in_the_payable(
    unattributed: int, payable: int, expected: int
) -> None:
    assert available_to_allocate(unattributed, payable) == expected


# The ledger


def coop(cooperative: Cooperative) -> Party:
    return Party(PartyKind.COOPERATIVE, cooperative.pk)


def released_unattributed(cooperative: Cooperative, amount: int) -> None:
    """What a released sale without provenance leaves a cooperative: its makers' part in
    its PAYABLE, role UNATTRIBUTED (plus a commission, not allocatable)."""
    ledger.post(
        TransactionKind.ADJUSTMENT,
        "MAD",
        [
            EntryLine(PLATFORM, AccountKind.CLEARING, -(amount + 700)),
            EntryLine(coop(cooperative), AccountKind.PAYABLE, amount, Role.UNATTRIBUTED),
            EntryLine(coop(cooperative), AccountKind.PAYABLE, 700, Role.COMMISSION),
        ],
    )


def members_of(cooperative: Cooperative) -> list[int]:
    return list(
        Membership.objects.filter(cooperative=cooperative)
        .order_by("artisan_id")
        .values_list("artisan_id", flat=True)
    )


def for_safi(safi: Cooperative, *lines: tuple[int, int], key: str = "k-1") -> AllocationRequest:
    return AllocationRequest(
        cooperative_id=safi.pk,
        currency="MAD",
        lines=tuple(AllocationLine(a, m) for a, m in lines),
        idempotency_key=key,
        note="Plates of the spring market: Fatima and Mohamed",
    )


def manager_of(safi: Cooperative, treasury: dict[str, Actor]) -> tuple[LedgerAccess, Actor]:
    return (
        LedgerAccess(
            cooperative_ids=frozenset({safi.pk}), managed_cooperative_ids=frozenset({safi.pk})
        ),
        treasury["manager"],
    )


def test_a_plate_sold_without_provenance_is_allocatable_once_released(
    safi: Cooperative, treasury: dict[str, Actor]
) -> None:
    # given a 50.00 MAD plate without provenance, paid, its funds held 7 days
    PayoutPolicy.objects.create(cooperative_id=safi.pk, hold_days=7, hold_starts="payment")
    paid_at = at("2026-11-20T10:00:00+00:00")
    payload = order_payload([line("TGluZToy", PLATE, "50.00", "0")], shipping=("0", "0"))
    services.post_order_split(API_URL, parse_order(payload), paid_at=paid_at)
    held = unattributed_funds(safi.pk, "MAD")

    # when the hold ends
    services.release_held_funds(now=paid_at + timedelta(days=7))
    released = unattributed_funds(safi.pk, "MAD")

    # then the makers' 83 % (41.50) moves from held to available; the commission does not
    assert (held.available, held.held) == (0, 4_150)
    assert (released.available, released.held) == (4_150, 0)


def test_an_allocation_moves_exactly_the_amounts_in_one_balanced_adjustment(
    safi: Cooperative, treasury: dict[str, Actor]
) -> None:
    # given 50.00 MAD unattributed and released, 7.00 of commission
    released_unattributed(safi, 5_000)
    first, second = members_of(safi)[:2]
    access, manager = manager_of(safi, treasury)

    # when
    result = allocate_unattributed_funds(
        access, manager.user, for_safi(safi, (first, 3_000), (second, 1_250))
    )

    # then
    adjustment = LedgerTransaction.objects.get(pk=result.allocation.transaction_id)
    assert adjustment.kind == TransactionKind.ADJUSTMENT
    assert adjustment.order_id is None
    assert sorted(
        (e.account.party_kind, e.account.party_id, e.account.kind, e.role, e.amount)
        for e in LedgerEntry.objects.filter(transaction=adjustment).select_related("account")
    ) == sorted(
        [
            ("cooperative", safi.pk, "payable", "unattributed", -4_250),
            ("artisan", first, "payable", "artisan_share", 3_000),
            ("artisan", second, "payable", "artisan_share", 1_250),
        ]
    )
    assert balances_of(coop(safi)) == {"payable": 750 + 700, "payouts_in_transit": 0}
    assert balances_of(Party(PartyKind.ARTISAN, first))["payable"] == 3_000
    assert balances_of(Party(PartyKind.ARTISAN, second))["payable"] == 1_250
    assert unattributed_funds(safi.pk, "MAD").available == 750
    assert ledger_sum() == 0
    assert not result.replayed
    assert result.allocation.total == 4_250
    row = UnattributedAllocation.objects.get()
    assert (row.allocated_by, row.note, row.idempotency_key) == (
        manager.user,
        "Plates of the spring market: Fatima and Mohamed",
        "k-1",
    )


def test_the_same_key_replays_the_allocation_and_moves_nothing_more(
    safi: Cooperative, treasury: dict[str, Actor]
) -> None:
    # given
    released_unattributed(safi, 5_000)
    artisan = members_of(safi)[0]
    access, manager = manager_of(safi, treasury)
    first = allocate_unattributed_funds(access, manager.user, for_safi(safi, (artisan, 4_000)))

    # when the form is sent again (4 000 would now be more than the 1 000 left)
    again = allocate_unattributed_funds(access, manager.user, for_safi(safi, (artisan, 4_000)))

    # then
    assert again.replayed
    assert again.allocation == first.allocation
    assert UnattributedAllocation.objects.count() == 1
    assert balances_of(Party(PartyKind.ARTISAN, artisan))["payable"] == 4_000


def test_a_key_reused_for_another_allocation_is_refused(
    safi: Cooperative, treasury: dict[str, Actor]
) -> None:
    # given
    released_unattributed(safi, 5_000)
    artisan = members_of(safi)[0]
    access, manager = manager_of(safi, treasury)
    allocate_unattributed_funds(access, manager.user, for_safi(safi, (artisan, 1_000)))

    # when
    with pytest.raises(ValidationError) as raised:
        allocate_unattributed_funds(access, manager.user, for_safi(safi, (artisan, 2_000)))

    # then
    assert codes(raised.value) == {"idempotencyKey": ["IDEMPOTENCY_KEY_REUSED"]}
    assert balances_of(Party(PartyKind.ARTISAN, artisan))["payable"] == 1_000


def test_held_funds_and_more_than_available_are_refused_and_nothing_moves(
    safi: Cooperative, treasury: dict[str, Actor]
) -> None:
    # given 30.00 released, 20.00 still held
    released_unattributed(safi, 3_000)
    ledger.post(
        TransactionKind.ADJUSTMENT,
        "MAD",
        [
            EntryLine(PLATFORM, AccountKind.CLEARING, -2_000),
            EntryLine(coop(safi), AccountKind.HELD, 2_000, Role.UNATTRIBUTED),
        ],
    )
    artisan = members_of(safi)[0]
    access, manager = manager_of(safi, treasury)

    # when
    with pytest.raises(ValidationError) as raised:
        allocate_unattributed_funds(access, manager.user, for_safi(safi, (artisan, 3_001)))

    # then
    assert codes(raised.value) == {"lines": ["INSUFFICIENT_FUNDS"]}
    assert (
        unattributed_funds(safi.pk, "MAD").available,
        unattributed_funds(safi.pk, "MAD").held,
    ) == (3_000, 2_000)
    assert UnattributedAllocation.objects.count() == 0
    assert LedgerEntry.objects.filter(account__party_kind="artisan").count() == 0


def test_suspended_members_and_other_cooperatives_artisans_receive_nothing(
    safi: Cooperative, treasury: dict[str, Actor]
) -> None:
    # given
    released_unattributed(safi, 5_000)
    suspended = members_of(safi)[0]
    Membership.objects.filter(cooperative=safi, artisan_id=suspended).update(
        suspended_at=timezone.now()
    )
    outsider = Artisan.objects.get(slug="youssef-bennani").pk
    access, manager = manager_of(safi, treasury)

    # when
    with pytest.raises(ValidationError) as raised:
        allocate_unattributed_funds(
            access, manager.user, for_safi(safi, (suspended, 100), (outsider, 100))
        )

    # then
    assert codes(raised.value) == {
        "lines.0.artisanId": ["NOT_A_MEMBER"],
        "lines.1.artisanId": ["NOT_A_MEMBER"],
    }


@pytest.mark.parametrize(
    "access",
    [
        LedgerAccess(),  # anonymous
        LedgerAccess(cooperative_ids=frozenset({-1})),  # a treasurer (of safi, set below)
        LedgerAccess(managed_cooperative_ids=frozenset({-2})),  # another cooperative's manager
    ],
)
def test_only_managers_and_staff_allocate(
    safi: Cooperative, treasury: dict[str, Actor], access: LedgerAccess
) -> None:
    # given
    released_unattributed(safi, 5_000)
    if access.cooperative_ids:
        access = LedgerAccess(cooperative_ids=frozenset({safi.pk}))
    artisan = members_of(safi)[0]

    # when
    with pytest.raises(ValidationError) as raised:
        allocate_unattributed_funds(access, treasury["manager"].user, for_safi(safi, (artisan, 1)))

    # then
    assert codes(raised.value) == {"cooperativeId": ["NOT_FOUND"]}
    staff = allocate_unattributed_funds(
        LedgerAccess(staff=True), treasury["manager"].user, for_safi(safi, (artisan, 1))
    )
    assert not staff.replayed


def test_statements_show_the_allocation_as_an_adjustment_on_both_sides(
    safi: Cooperative, treasury: dict[str, Actor]
) -> None:
    # given
    released_unattributed(safi, 5_000)
    artisan = members_of(safi)[0]
    access, manager = manager_of(safi, treasury)
    start = timezone.now() - timedelta(minutes=1)

    # when
    allocate_unattributed_funds(access, manager.user, for_safi(safi, (artisan, 2_000)))
    end = timezone.now() + timedelta(minutes=1)

    # then
    artisan_lines = build_statement(Party(PartyKind.ARTISAN, artisan), "MAD", start, end).lines
    coop_statement = build_statement(coop(safi), "MAD", start, end)
    assert [(x.kind, x.amount) for x in artisan_lines] == [(MovementKind.ADJUSTMENT, 2_000)]
    assert (coop_statement.lines[-1].kind, coop_statement.lines[-1].amount) == (
        MovementKind.ADJUSTMENT,
        -2_000,
    )
    assert coop_statement.reconciles


def test_the_audit_trail_lists_allocations_newest_first_in_two_queries(
    safi: Cooperative, treasury: dict[str, Actor], django_assert_num_queries
) -> None:
    # given
    released_unattributed(safi, 5_000)
    first, second = members_of(safi)[:2]
    access, manager = manager_of(safi, treasury)
    allocate_unattributed_funds(access, manager.user, for_safi(safi, (first, 100), key="a"))
    allocate_unattributed_funds(
        access, manager.user, for_safi(safi, (first, 200), (second, 300), key="b")
    )

    # when
    with django_assert_num_queries(2):
        trail = recent_allocations(safi.pk, "MAD")

    # then
    assert [(a.total, a.allocated_by_email, [x.amount for x in a.lines]) for a in trail] == [
        (500, manager.user.email, [200, 300]),
        (100, manager.user.email, [100]),
    ]
