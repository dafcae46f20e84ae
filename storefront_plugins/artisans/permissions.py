"""Who may see and change what in the directory: pure decisions on a Viewer."""

from collections.abc import Mapping
from dataclasses import dataclass, field

from storefront_plugins.artisans.models import Role


@dataclass(frozen=True)
class Viewer:
    """The signed-in user as the directory sees them: their artisan profile (if any), their
    role in each cooperative they belong to, and whether they are platform staff.
    Anonymous viewers have none of these."""

    user_id: int | None = None
    artisan_id: int | None = None
    roles: Mapping[int, str] = field(default_factory=dict)
    is_platform_staff: bool = False  # Souk's own staff (is_staff or superuser)

    @property
    def is_anonymous(self) -> bool:
        return self.user_id is None

    def role_in(self, cooperative_id: int) -> str | None:
        return self.roles.get(cooperative_id)

    def manages(self, cooperative_id: int) -> bool:
        return self.role_in(cooperative_id) == Role.MANAGER

    def reads_members_of(self, cooperative_id: int) -> bool:
        return self.role_in(cooperative_id) in (Role.MANAGER, Role.TREASURER)

    @property
    def managed_cooperative_ids(self) -> frozenset[int]:
        return frozenset(c for c, role in self.roles.items() if role == Role.MANAGER)

    @property
    def member_reader_cooperative_ids(self) -> frozenset[int]:
        return frozenset(c for c in self.roles if self.reads_members_of(c))

    def can_edit_artisan(self, artisan_id: int) -> bool:
        return self.artisan_id is not None and self.artisan_id == artisan_id

    def can_edit_artisan_profile(
        self, artisan_id: int, cooperative_ids: frozenset[int] | set[int]
    ) -> bool:
        """Artisans edit their own profile; managers the profiles of their members (many
        artisans have no account, or edit little from a phone)."""
        return self.can_edit_artisan(artisan_id) or bool(
            self.managed_cooperative_ids & set(cooperative_ids)
        )

    def lists_members_of(self, cooperative_id: int) -> bool:
        """The members page (with their accounts' invitation state): the cooperative's
        managers and Souk's staff."""
        return self.manages(cooperative_id) or self.is_platform_staff

    def can_create_cooperative(self) -> bool:
        return self.is_platform_staff

    def can_add_artisans_to(self, cooperative_id: int) -> bool:
        """A cooperative's managers add its artisans; platform staff too (a new
        cooperative's first manager)."""
        return self.manages(cooperative_id) or self.is_platform_staff

    def sees_cooperative(self, cooperative_id: int, is_published: bool) -> bool:
        return is_published or cooperative_id in self.roles

    def sees_artisan(
        self, artisan_id: int, is_published: bool, cooperative_ids: frozenset[int] | set[int]
    ) -> bool:
        return (
            is_published
            or artisan_id == self.artisan_id
            or bool(self.member_reader_cooperative_ids & set(cooperative_ids))
        )


ANONYMOUS = Viewer()
