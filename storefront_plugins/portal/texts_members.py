"""Texts of the members pages (portal.views.members)."""

from storefront_plugins.portal.texts import register_texts

register_texts(
    {
        "members": ("Membres", "الأعضاء", "Members"),
        "members_of": ("Membres de {name}", "أعضاء {name}", "Members of {name}"),
        "choose_cooperative": (
            "Choisissez une coopérative",
            "اختر تعاونية",
            "Choose a cooperative",
        ),
        "no_cooperative": (
            "Vous ne gérez aucune coopérative.",
            "أنت لا تدير أي تعاونية.",
            "You manage no cooperative.",
        ),
        "role": ("Rôle", "الدور", "Role"),
        "role_artisan": ("Artisan", "حرفي", "Artisan"),
        "role_manager": ("Gérant", "مسيّر", "Manager"),
        "role_treasurer": ("Trésorier", "أمين المال", "Treasurer"),
        "status_active": ("Actif", "نشط", "Active"),
        "status_suspended": ("Suspendu", "موقوف", "Suspended"),
        "status_invited": (
            "Invité, sans mot de passe",
            "مدعو، بلا كلمة مرور",
            "Invited, no password yet",
        ),
        "no_account": ("Sans compte", "بلا حساب", "No account"),
        "change_role": ("Changer le rôle", "تغيير الدور", "Change the role"),
        "suspend": ("Suspendre", "إيقاف", "Suspend"),
        "reinstate": ("Rétablir", "إعادة التفعيل", "Reinstate"),
        "resend_invitation": (
            "Renvoyer l'invitation",
            "إعادة إرسال الدعوة",
            "Send the invitation again",
        ),
        "invite_member": ("Inviter un membre", "دعوة عضو", "Invite a member"),
        "invite": ("Inviter", "دعوة", "Invite"),
        "name": ("Nom", "الاسم", "Name"),
        "account_language": (
            "Langue de ses e-mails",
            "لغة رسائله",
            "Language of their e-mails",
        ),
        "notice_invited": (
            "Le membre est ajouté ; l'invitation part par e-mail.",
            "أُضيف العضو؛ وتُرسل الدعوة بالبريد الإلكتروني.",
            "The member is added; the invitation is on its way by e-mail.",
        ),
        "notice_role": ("Le rôle est changé.", "تم تغيير الدور.", "The role is changed."),
        "notice_suspended": (
            "Le membre est suspendu : il n'agit plus pour la coopérative.",
            "تم إيقاف العضو: لم يعد يتصرف باسم التعاونية.",
            "The member is suspended: they no longer act for the cooperative.",
        ),
        "notice_reinstated": (
            "Le membre est rétabli.",
            "أُعيد تفعيل العضو.",
            "The member is reinstated.",
        ),
        "notice_resent": (
            "L'invitation est renvoyée.",
            "أُعيد إرسال الدعوة.",
            "The invitation is sent again.",
        ),
        "error_required": ("Ce champ est requis.", "هذا الحقل مطلوب.", "This field is required."),
        "error_email": (
            "Saisissez une adresse e-mail valide.",
            "أدخل بريدًا إلكترونيًا صالحًا.",
            "Enter a valid e-mail address.",
        ),
        "error_email_taken": (
            "Ce compte a déjà un profil d'artisan.",
            "لهذا الحساب ملف حرفي بالفعل.",
            "This account already has an artisan profile.",
        ),
        "error_last_manager": (
            "La coopérative garde au moins un gérant actif.",
            "تحتفظ التعاونية بمسيّر نشط واحد على الأقل.",
            "The cooperative keeps at least one active manager.",
        ),
        "error_suspend_self": (
            "Vous ne pouvez pas vous suspendre vous-même.",
            "لا يمكنك إيقاف نفسك.",
            "You cannot suspend yourself.",
        ),
        "error_has_account": (
            "Ce membre a déjà choisi son mot de passe.",
            "اختار هذا العضو كلمة مروره بالفعل.",
            "This member has already chosen a password.",
        ),
        "error_choice": ("Choix inconnu.", "اختيار غير معروف.", "Unknown choice."),
    }
)

ROLE_TEXTS = {"artisan": "role_artisan", "manager": "role_manager", "treasurer": "role_treasurer"}

# The directory's error codes (and accounts' "invalid" e-mail) as texts of these pages.
ERROR_TEXTS = {
    "REQUIRED": "error_required",
    "required": "error_required",
    "blank": "error_required",
    "invalid": "error_email",
    "UNIQUE": "error_email_taken",
    "LAST_MANAGER": "error_last_manager",
    "CANNOT_SUSPEND_SELF": "error_suspend_self",
    "ALREADY_HAS_ACCOUNT": "error_has_account",
    "INVALID": "error_choice",
}
