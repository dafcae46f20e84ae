"""Texts of an artisan's provenance page (portal.views.provenance)."""

from storefront_plugins.portal.texts import register_texts

register_texts(
    {
        "provenance_title": (
            "La provenance de mes pièces",
            "مصدر قطعي",
            "Where my pieces come from",
        ),
        "provenance_none": (
            "Aucune pièce n'est encore enregistrée à votre nom.",
            "لم تُسجَّل أي قطعة باسمك بعد.",
            "No piece is recorded in your name yet.",
        ),
        "made_on": ("Faite le", "صُنعت في", "Made on"),
        "custody": ("Parcours", "المسار", "Custody"),
        "certifications": ("Certifications", "الشهادات", "Certifications"),
        "makers": ("Artisans", "الحرفيون", "Makers"),
        "verify_certificate": (
            "Vérifier le certificat",
            "تحقق من الشهادة",
            "Verify the certificate",
        ),
        "published": ("Publiée", "منشورة", "Published"),
        "not_published": ("Non publiée", "غير منشورة", "Not published"),
    }
)
