"""The invitation e-mail a new account's owner receives, in their language (pure)."""

from dataclasses import dataclass
from urllib.parse import urlencode


@dataclass(frozen=True)
class InvitationEmail:
    subject: str
    body: str


TEXTS = {
    "fr": (
        "Votre compte Souk",
        "Bonjour {name},\n\n{inviter} vous a ouvert un compte sur Souk pour gérer votre "
        "profil d'artisan et vos pièces.\nChoisissez votre mot de passe ici :\n\n{link}\n\n"
        "Ce lien ne sert qu'une fois.",
    ),
    "ar": (
        "حسابك على سوق",
        "مرحبًا {name}،\n\nفتح لك {inviter} حسابًا على سوق لإدارة ملفك الحرفي وقطعك.\n"
        "اختر كلمة المرور من هنا:\n\n{link}\n\n"
        "هذا الرابط صالح لمرة واحدة.",
    ),
    "en": (
        "Your Souk account",
        "Hello {name},\n\n{inviter} opened a Souk account for you to manage your artisan "
        "profile and your pieces.\nChoose your password here:\n\n{link}\n\n"
        "This link works once.",
    ),
}


def set_password_link(base_url: str, email: str, token: str) -> str:
    separator = "&" if "?" in base_url else "?"
    return f"{base_url}{separator}{urlencode({'email': email, 'token': token})}"


def invitation_email(language: str, name: str, inviter: str, link: str) -> InvitationEmail:
    subject, body = TEXTS.get(language, TEXTS["fr"])
    return InvitationEmail(subject, body.format(name=name, inviter=inviter, link=link))
