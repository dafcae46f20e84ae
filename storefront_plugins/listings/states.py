"""The moderation state machine (pure): which action moves a listing from which status to
which, and who may take it."""

from dataclasses import dataclass
from enum import StrEnum

from storefront_plugins.listings.models import ListingStatus as S


class Action(StrEnum):
    SUBMIT = "submit"
    APPROVE = "approve"
    REQUEST_CHANGES = "request_changes"
    EDIT_CONTENT = "edit_content"  # the artisan changed what moderation approves
    ARCHIVE = "archive"


class Actor(StrEnum):
    OWNER = "owner"  # the artisan whose listing it is
    MODERATOR = "moderator"  # a manager of the listing's cooperative, or platform staff


@dataclass(frozen=True)
class Transition:
    to: S
    by: frozenset[Actor]


_OWNER = frozenset({Actor.OWNER})
_MODERATOR = frozenset({Actor.MODERATOR})
_BOTH = _OWNER | _MODERATOR

TRANSITIONS: dict[tuple[S, Action], Transition] = {
    (S.DRAFT, Action.SUBMIT): Transition(S.SUBMITTED, _OWNER),
    (S.CHANGES_REQUESTED, Action.SUBMIT): Transition(S.SUBMITTED, _OWNER),
    (S.SUBMITTED, Action.APPROVE): Transition(S.APPROVED, _MODERATOR),
    (S.SUBMITTED, Action.REQUEST_CHANGES): Transition(S.CHANGES_REQUESTED, _MODERATOR),
    # Content edits: a draft stays a draft; an approved listing goes back into moderation
    # (Saleor keeps its approved content meanwhile).
    (S.DRAFT, Action.EDIT_CONTENT): Transition(S.DRAFT, _OWNER),
    (S.CHANGES_REQUESTED, Action.EDIT_CONTENT): Transition(S.CHANGES_REQUESTED, _OWNER),
    (S.SUBMITTED, Action.EDIT_CONTENT): Transition(S.SUBMITTED, _OWNER),
    (S.APPROVED, Action.EDIT_CONTENT): Transition(S.SUBMITTED, _OWNER),
    **{
        (status, Action.ARCHIVE): Transition(S.ARCHIVED, _BOTH)
        for status in S
        if status != S.ARCHIVED
    },
}


class IllegalTransition(Exception):
    def __init__(self, status: str, action: Action) -> None:
        super().__init__(f"A {status} listing cannot be {action.replace('_', ' ')}ed.")
        self.status = status
        self.action = action


def next_status(status: str, action: Action) -> S:
    """The status after `action`; IllegalTransition when it is not allowed from `status`.
    Who may act is checked separately (`may_take`)."""
    transition = TRANSITIONS.get((S(status), action))
    if transition is None:
        raise IllegalTransition(status, action)
    return transition.to


def may_take(status: str, action: Action, actors: frozenset[Actor]) -> bool:
    transition = TRANSITIONS.get((S(status), action))
    return transition is not None and bool(transition.by & actors)
