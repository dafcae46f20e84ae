"""The portal's menu: which sections a signed-in person sees (pure).

An artisan sees their own space; a cooperative's manager or treasurer also sees the
cooperative's; Souk's staff see every section. Pages still check access themselves: the
menu only hides what would be refused."""

from collections.abc import Callable
from dataclasses import dataclass

from storefront_plugins.artisans.permissions import Viewer


@dataclass(frozen=True)
class MenuEntry:
    url_name: str
    text_key: str
    shown_to: Callable[[Viewer], bool]


def is_artisan(viewer: Viewer) -> bool:
    return viewer.artisan_id is not None


def manages_a_cooperative(viewer: Viewer) -> bool:
    return bool(viewer.managed_cooperative_ids) or viewer.is_platform_staff


def reads_a_cooperative(viewer: Viewer) -> bool:
    return bool(viewer.member_reader_cooperative_ids) or viewer.is_platform_staff


MENU: list[MenuEntry] = [MenuEntry("portal:home", "home", lambda viewer: True)]


def add_menu_entries(*entries: MenuEntry) -> None:
    for entry in entries:
        if entry not in MENU:
            MENU.append(entry)


def menu_for(viewer: Viewer) -> list[MenuEntry]:
    return [entry for entry in MENU if entry.shown_to(viewer)]
