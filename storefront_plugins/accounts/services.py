"""Signing in and out: the only writers of refresh tokens and token versions."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from storefront_plugins.accounts.error_codes import AccountErrorCode
from storefront_plugins.accounts.invitations import (
    invitation_email,
    password_reset_email,
    set_password_link,
)
from storefront_plugins.accounts.models import Language, RefreshToken, User, normalize_email
from storefront_plugins.accounts.tokens import (
    InvalidAccessToken,
    decode_access_token,
    encode_access_token,
    hash_refresh_token,
    new_refresh_token,
)

INVALID_CREDENTIALS_MESSAGE = "Please, enter valid credentials"


@dataclass(frozen=True)
class SignInResult:
    user: User
    access_token: str
    refresh_token: str


@dataclass(frozen=True)
class RefreshResult:
    user: User
    access_token: str


def sign_in(email: str, password: str) -> SignInResult:
    """Tokens for valid credentials; one INVALID_CREDENTIALS error otherwise, the same for an
    unknown e-mail, a wrong password and an inactive account (Django's backend also spends the
    same hashing time on an unknown e-mail)."""
    user = authenticate(username=normalize_email(email), password=password)
    if not isinstance(user, User):
        raise ValidationError(
            {
                "email": ValidationError(
                    INVALID_CREDENTIALS_MESSAGE, code=AccountErrorCode.INVALID_CREDENTIALS.value
                )
            }
        )
    now = timezone.now()
    refresh_token = new_refresh_token()
    RefreshToken.objects.create(
        user=user,
        token_hash=hash_refresh_token(refresh_token),
        created_at=now,
        expires_at=now + timedelta(seconds=settings.SOUK_REFRESH_TOKEN_TTL),
    )
    User.objects.filter(pk=user.pk).update(last_login=now)
    return SignInResult(
        user=user,
        access_token=encode_access_token(user.pk, user.token_version, now),
        refresh_token=refresh_token,
    )


def refresh_access_token(refresh_token: str) -> RefreshResult:
    now = timezone.now()
    stored = (
        RefreshToken.objects.select_related("user")
        .filter(
            token_hash=hash_refresh_token(refresh_token),
            revoked_at__isnull=True,
            expires_at__gt=now,
            user__is_active=True,
        )
        .first()
    )
    if stored is None:
        raise _invalid_refresh_token()
    user = stored.user
    return RefreshResult(
        user=user, access_token=encode_access_token(user.pk, user.token_version, now)
    )


def sign_out(refresh_token: str, all_devices: bool = False) -> None:
    """Revokes the refresh token; on all devices, every refresh token of its user and every
    access token issued so far (by bumping the user's token version)."""
    now = timezone.now()
    with transaction.atomic():
        stored = (
            RefreshToken.objects.select_for_update()
            .filter(token_hash=hash_refresh_token(refresh_token), revoked_at__isnull=True)
            .first()
        )
        if stored is None:
            raise _invalid_refresh_token()
        if all_devices:
            RefreshToken.objects.filter(user_id=stored.user_id, revoked_at__isnull=True).update(
                revoked_at=now
            )
            User.objects.filter(pk=stored.user_id).update(token_version=F("token_version") + 1)
        else:
            stored.revoked_at = now
            stored.save(update_fields=["revoked_at"])


def user_for_access_token(token: str) -> User:
    """The active user an access token was issued to, if it has not been revoked since."""
    claims = decode_access_token(token)
    user = User.objects.filter(pk=claims.user_id, is_active=True).first()
    if user is None or user.token_version != claims.token_version:
        raise InvalidAccessToken("The access token has been revoked.")
    return user


def _invalid_refresh_token() -> ValidationError:
    return ValidationError(
        {
            "refresh_token": ValidationError(
                "The refresh token is invalid, expired or revoked.",
                code=AccountErrorCode.INVALID_TOKEN.value,
            )
        }
    )


@dataclass(frozen=True)
class InvitedUser:
    user: User
    created: bool  # False: the e-mail already had an account


def validate_invitation_email(email: str) -> str:
    """The normalized address; raises for an address that is not one."""
    normalized = normalize_email(email)
    try:
        validate_email(normalized)
    except ValidationError as error:
        raise ValidationError(
            {"email": ValidationError("Enter a valid e-mail address.", code="invalid")}
        ) from error
    return normalized


def existing_user_id(email: str) -> int | None:
    return User.objects.filter(email=normalize_email(email)).values_list("pk", flat=True).first()


def invite_user(email: str, language: str = Language.FR) -> InvitedUser:
    """The account of `email`: the existing one, or a new one without a password. The new
    user chooses it through `setPassword(email, token, password)` with the token sent by
    e-mail (`invitation_token`). Call inside the caller's transaction."""
    normalized = validate_invitation_email(email)
    user = User.objects.filter(email=normalized).first()
    if user is not None:
        return InvitedUser(user, created=False)
    user = User.objects.create_user(normalized, password=None, language=language)
    return InvitedUser(user, created=True)


def invitation_token(user: User) -> str:
    """A one-time token to set a first password (Django's password-reset tokens: it stops
    working once the password or the last login changes, and after PASSWORD_RESET_TIMEOUT)."""
    return default_token_generator.make_token(user)


def send_invitation(user_id: int, name: str, inviter: str) -> bool:
    """E-mails the set-password link to an account that has no password yet; False (and
    nothing sent) once it has one, so a retried task does not mail a used link again."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or user.has_usable_password():
        return False
    link = set_password_link(settings.SOUK_SET_PASSWORD_URL, user.email, invitation_token(user))
    email = invitation_email(user.language, name, inviter, link)
    send_mail(email.subject, email.body, None, [user.email])
    return True


def send_password_reset(user_id: int) -> bool:
    """E-mails a set-password link to an active account (asked for on the portal's "forgot
    your password" page); False for an account that cannot sign in."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    link = set_password_link(settings.SOUK_SET_PASSWORD_URL, user.email, invitation_token(user))
    email = password_reset_email(user.language, link)
    send_mail(email.subject, email.body, None, [user.email])
    return True


def active_user_id(email: str) -> int | None:
    return (
        User.objects.filter(email=normalize_email(email), is_active=True)
        .values_list("pk", flat=True)
        .first()
    )


@transaction.atomic
def choose_password(email: str, token: str, password: str) -> User:
    """An invited user (or one who asked for a reset) chooses a password with the token of
    their e-mail. The token stops working once used; sessions opened with the old password
    end (Django's session hash)."""
    user = (
        User.objects.select_for_update()
        .filter(email=normalize_email(email), is_active=True)
        .first()
    )
    if user is None or not default_token_generator.check_token(user, token):
        raise ValidationError(
            {
                "token": ValidationError(
                    "The link is invalid or has expired.",
                    code=AccountErrorCode.INVALID_TOKEN.value,
                )
            }
        )
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError(
            {
                "password": [
                    ValidationError(message, code=AccountErrorCode.INVALID_PASSWORD.value)
                    for message in error.messages
                ]
            }
        ) from error
    user.set_password(password)
    user.save(update_fields=["password"])
    return user


@transaction.atomic
def set_password(email: str, token: str, password: str) -> SignInResult:
    """`choose_password`, then API tokens for the user (the GraphQL `setPassword`)."""
    user = choose_password(email, token, password)
    return sign_in(user.email, password)
