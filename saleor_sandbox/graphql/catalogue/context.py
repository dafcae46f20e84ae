"""The channel a catalogue object is read in (Saleor's ChannelContext), kept on the
instance itself so the metadata interface and `is_type_of` keep working on models."""

from collections.abc import Iterable
from typing import Any, TypeVar

from graphql import FieldNode, FragmentSpreadNode, InlineFragmentNode, SelectionSetNode

T = TypeVar("T")
CHANNEL_ATTRIBUTE = "_sandbox_channel_slug"


def in_channel(instance: T, channel_slug: str | None) -> T:
    if instance is not None:
        setattr(instance, CHANNEL_ATTRIBUTE, str(channel_slug) if channel_slug else None)
    return instance


def all_in_channel(instances: Iterable[T], channel_slug: str | None) -> list[T]:
    return [in_channel(instance, channel_slug) for instance in instances]


def channel_of(instance: Any) -> str | None:
    return getattr(instance, CHANNEL_ATTRIBUTE, None)


def requested_fields(info: Any) -> set[str]:
    """Every field name selected below the current field (through fragments too), to
    decide what a list query prefetches."""
    names: set[str] = set()

    def walk(selection_set: SelectionSetNode | None) -> None:
        if selection_set is None:
            return
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                names.add(selection.name.value)
                walk(selection.selection_set)
            elif isinstance(selection, InlineFragmentNode):
                walk(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                fragment = info.fragments.get(selection.name.value)
                if fragment is not None:
                    walk(fragment.selection_set)

    for node in info.field_nodes:
        walk(node.selection_set)
    return names
