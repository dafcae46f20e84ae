"""The e-mails that carry a set-password link, in their reader's language (pure): the
invitation a new account's owner receives, and the link asked for on the portal's
"forgot your password" page."""

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


RESET_TEXTS = {
    "fr": (
        "Choisir un nouveau mot de passe Souk",
        "Bonjour,\n\nQuelqu'un (sans doute vous) a demandé à choisir un nouveau mot de passe "
        "pour votre compte Souk.\nChoisissez-le ici :\n\n{link}\n\nCe lien ne sert qu'une "
        "fois. Si vous n'avez rien demandé, ignorez ce message : votre mot de passe ne change "
        "pas.",
    ),
    "ar": (
        "اختيار كلمة مرور جديدة لسوق",
        "مرحبًا،\n\nطلب أحدهم (أنت على الأرجح) اختيار كلمة مرور جديدة لحسابك على سوق.\n"
        "اخترها من هنا:\n\n{link}\n\n"
        "هذا الرابط صالح لمرة واحدة. إذا لم تطلب شيئًا، فتجاهل هذه الرسالة: كلمة مرورك لن "
        "تتغير.",
    ),
    "en": (
        "Choose a new Souk password",
        "Hello,\n\nSomeone (probably you) asked to choose a new password for your Souk "
        "account.\nChoose it here:\n\n{link}\n\nThis link works once. If you did not ask, "
        "ignore this message: your password does not change.",
    ),
}


def password_reset_email(language: str, link: str) -> InvitationEmail:
    subject, body = RESET_TEXTS.get(language, RESET_TEXTS["fr"])
    return InvitationEmail(subject, body.format(link=link))
