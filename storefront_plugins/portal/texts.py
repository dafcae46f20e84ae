"""Every word the portal shows, in French, Arabic and English (a Python catalogue, as the
theme and the payout statements keep theirs). Templates read them as `{{ t.key }}`; pages
built by other modules of the portal add their own keys here."""

from collections.abc import Mapping

from storefront_plugins.portal.languages import LANGUAGES

TEXTS: dict[str, tuple[str, str, str]] = {
    # key: (fr, ar, en)
    "portal_name": ("Souk — espace artisans", "سوق — فضاء الحرفيين", "Souk — artisans' portal"),
    "skip_to_content": ("Aller au contenu", "انتقل إلى المحتوى", "Skip to content"),
    "language": ("Langue", "اللغة", "Language"),
    "home": ("Accueil", "الرئيسية", "Home"),
    "menu": ("Menu", "القائمة", "Menu"),
    "sign_in": ("Se connecter", "تسجيل الدخول", "Sign in"),
    "sign_in_title": ("Connexion à votre espace", "الدخول إلى فضائك", "Sign in to your space"),
    "sign_out": ("Se déconnecter", "تسجيل الخروج", "Sign out"),
    "email": ("Adresse e-mail", "البريد الإلكتروني", "E-mail address"),
    "password": ("Mot de passe", "كلمة المرور", "Password"),
    "new_password": ("Nouveau mot de passe", "كلمة المرور الجديدة", "New password"),
    "password_help": (
        "Au moins 8 caractères, pas seulement des chiffres.",
        "8 أحرف على الأقل، وليست أرقامًا فقط.",
        "At least 8 characters, not only digits.",
    ),
    "invalid_credentials": (
        "Adresse e-mail ou mot de passe incorrect.",
        "البريد الإلكتروني أو كلمة المرور غير صحيحة.",
        "Wrong e-mail address or password.",
    ),
    "too_many_attempts": (
        "Trop de tentatives. Réessayez dans {minutes} minutes.",
        "محاولات كثيرة. أعد المحاولة بعد {minutes} دقيقة.",
        "Too many attempts. Try again in {minutes} minutes.",
    ),
    "forgot_password": ("Mot de passe oublié ?", "نسيت كلمة المرور؟", "Forgot your password?"),
    "reset_title": (
        "Recevoir un lien pour choisir un mot de passe",
        "استلام رابط لاختيار كلمة مرور",
        "Get a link to choose a password",
    ),
    "reset_send": ("Envoyer le lien", "إرسال الرابط", "Send the link"),
    "reset_sent": (
        "Si un compte existe pour cette adresse, un lien vient d'y être envoyé. Il sert une fois.",
        "إذا كان هناك حساب بهذا العنوان، فقد أُرسل إليه رابط الآن. وهو صالح لمرة واحدة.",
        "If an account exists for this address, a link has just been sent to it. It works once.",
    ),
    "set_password_title": (
        "Choisir votre mot de passe",
        "اختر كلمة المرور",
        "Choose your password",
    ),
    "set_password_save": ("Enregistrer et entrer", "حفظ والدخول", "Save and sign in"),
    "link_invalid": (
        "Ce lien n'est plus valable. Demandez-en un nouveau.",
        "هذا الرابط لم يعد صالحًا. اطلب رابطًا جديدًا.",
        "This link no longer works. Ask for a new one.",
    ),
    "session_expired": (
        "Votre session a expiré. Connectez-vous à nouveau.",
        "انتهت جلستك. سجّل الدخول من جديد.",
        "Your session has expired. Please sign in again.",
    ),
    "signed_out": ("Vous êtes déconnecté.", "تم تسجيل خروجك.", "You are signed out."),
    "welcome": ("Bonjour {name}", "مرحبًا {name}", "Hello {name}"),
    "not_found": ("Page introuvable.", "الصفحة غير موجودة.", "Page not found."),
    "forbidden_csrf": (
        "Le formulaire a expiré. Revenez en arrière, rechargez la page et réessayez.",
        "انتهت صلاحية النموذج. ارجع وأعد تحميل الصفحة ثم حاول مجددًا.",
        "The form has expired. Go back, reload the page and try again.",
    ),
    "save": ("Enregistrer", "حفظ", "Save"),
    "cancel": ("Annuler", "إلغاء", "Cancel"),
    "back": ("Retour", "رجوع", "Back"),
    "remove": ("Retirer", "إزالة", "Remove"),
    "materials": ("Matières", "المواد", "Materials"),
    "errors_above": (
        "Certains champs sont à corriger.",
        "بعض الحقول تحتاج إلى تصحيح.",
        "Some fields need correcting.",
    ),
    "my_space": ("Mon espace", "فضائي", "My space"),
    "cooperative_space": ("Coopérative", "التعاونية", "Cooperative"),
}


def texts_for(language: str) -> dict[str, str]:
    index = LANGUAGES.index(language)
    return {key: values[index] for key, values in TEXTS.items()}


def text(key: str, language: str, **values: object) -> str:
    template = TEXTS[key][LANGUAGES.index(language)]
    return template.format(**values) if values else template


def register_texts(more: Mapping[str, tuple[str, str, str]]) -> None:
    """Adds a page module's texts; a key defined twice is a mistake caught at import."""
    clashes = set(more) & set(TEXTS)
    if clashes:
        raise ValueError(f"Portal texts defined twice: {sorted(clashes)}")
    TEXTS.update(more)
