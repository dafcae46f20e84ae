from django.contrib.auth.hashers import check_password, make_password
from django.contrib.postgres.fields import ArrayField
from django.db import models

from saleor_sandbox.models.base import MetadataModel


class User(MetadataModel):
    """A staff user or a customer. Staff hold permissions (PermissionEnum names)."""

    email = models.EmailField(unique=True)
    first_name = models.CharField(max_length=256, blank=True)
    last_name = models.CharField(max_length=256, blank=True)
    password = models.CharField(max_length=128)
    is_staff = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    is_superuser = models.BooleanField(default=False)
    permissions = ArrayField(models.CharField(max_length=64), default=list, blank=True)
    # Bumped to invalidate every refresh token of the user (Saleor's jwt_token_key).
    jwt_token_key = models.CharField(max_length=12)
    date_joined = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["email"]

    # Not stored: set for a request made with a third-party app's JWT, whose permissions
    # replace the user's own (Saleor's get_user_from_access_payload).
    token_permissions: set[str] | None = None

    def set_password(self, raw_password: str) -> None:
        self.password = make_password(raw_password)

    def check_password(self, raw_password: str) -> bool:
        return check_password(raw_password, self.password)

    def effective_permissions(self) -> set[str]:
        from saleor_sandbox.permissions import ALL_PERMISSIONS

        if not self.is_active:
            return set()
        if self.token_permissions is not None:
            return set(self.token_permissions)
        return set(ALL_PERMISSIONS) if self.is_superuser else set(self.permissions)
