"""Texts of the storefront editor (portal.views.storefront)."""

from storefront_plugins.portal.texts import register_texts

register_texts(
    {
        "storefront": ("Vitrine", "الواجهة", "Storefront"),
        "storefront_of": ("Vitrine de {name}", "واجهة {name}", "Storefront of {name}"),
        "no_storefront": (
            "Cette coopérative n'a pas encore de vitrine : l'équipe de Souk l'ouvre avec "
            "son canal de vente.",
            "ليست لهذه التعاونية واجهة بعد: يفتحها فريق سوق مع قناة بيعها.",
            "This cooperative has no storefront yet: Souk's team opens it with its sales channel.",
        ),
        "view_storefront": ("Voir la vitrine", "عرض الواجهة", "View the storefront"),
        "error_storefront_conflict": (
            "Un autre responsable a modifié la vitrine pendant que vous l'éditiez. Vos "
            "changements ne sont pas enregistrés : la page montre maintenant sa version.",
            "عدّل مسؤول آخر الواجهة أثناء تحريرك لها. لم تُحفظ تغييراتك: تعرض الصفحة الآن نسخته.",
            "Another manager changed the storefront while you were editing it. Your changes "
            "are not saved: the page now shows their version.",
        ),
        "storefront_saved": (
            "La vitrine est enregistrée.",
            "تم حفظ الواجهة.",
            "The storefront is saved.",
        ),
        "identity": ("Nom et accroche", "الاسم والشعار", "Name and tagline"),
        "storefront_name": ("Nom", "الاسم", "Name"),
        "tagline": ("Accroche", "الشعار", "Tagline"),
        "languages_shown": ("Langues de la vitrine", "لغات الواجهة", "The storefront's languages"),
        "default_language": ("Langue par défaut", "اللغة الافتراضية", "Default language"),
        "theme": ("Apparence", "المظهر", "Look"),
        "primary_color": ("Couleur principale", "اللون الرئيسي", "Main colour"),
        "accent_color": ("Couleur d'accent", "لون التمييز", "Accent colour"),
        "background_color": ("Couleur du fond", "لون الخلفية", "Background colour"),
        "text_color": ("Couleur du texte", "لون النص", "Text colour"),
        "heading_font": ("Police des titres", "خط العناوين", "Heading font"),
        "body_font": ("Police du texte", "خط النص", "Body font"),
        "pattern": ("Motif", "الزخرفة", "Pattern"),
        "hero_layout": ("Mise en page du bandeau", "تخطيط الواجهة الرئيسية", "Hero layout"),
        "images": ("Images", "الصور", "Images"),
        "logo": ("Logo", "الشعار", "Logo"),
        "hero_image_add": ("Ajouter une image de bandeau", "إضافة صورة رئيسية", "Add a hero image"),
        "image_help": (
            "PNG, JPEG ou WebP, 5 Mo au plus.",
            "PNG أو JPEG أو WebP، بحد أقصى 5 ميغابايت.",
            "PNG, JPEG or WebP, 5 MB at most.",
        ),
        "editorial_pages": ("Pages", "الصفحات", "Pages"),
        "page_our_story": ("Notre histoire", "قصتنا", "Our story"),
        "page_artisans": ("Les artisans", "الحرفيون", "The artisans"),
        "page_shipping_and_returns": (
            "Livraison et retours",
            "الشحن والإرجاع",
            "Shipping and returns",
        ),
        "page_title": ("Titre", "العنوان", "Title"),
        "page_body": ("Texte", "النص", "Text"),
        "in_french": ("en français", "بالفرنسية", "in French"),
        "in_arabic": ("en arabe", "بالعربية", "in Arabic"),
        "in_english": ("en anglais", "بالإنجليزية", "in English"),
        "error_color": (
            "Une couleur s'écrit #rrggbb.",
            "يُكتب اللون بالشكل #rrggbb.",
            "A colour is written #rrggbb.",
        ),
        "error_contrast": (
            "Le texte ne contraste pas assez avec le fond (4,5:1 au moins, WCAG AA).",
            "تباين النص مع الخلفية غير كافٍ (4.5:1 على الأقل، WCAG AA).",
            "The text does not contrast enough with the background (at least 4.5:1, WCAG AA).",
        ),
        "error_language": (
            "Choisissez des langues, dont la langue par défaut.",
            "اختر لغات، من بينها اللغة الافتراضية.",
            "Choose languages, the default one among them.",
        ),
        "error_image": (
            "Une image PNG, JPEG ou WebP de 5 Mo au plus.",
            "صورة PNG أو JPEG أو WebP بحد أقصى 5 ميغابايت.",
            "A PNG, JPEG or WebP picture of 5 MB at most.",
        ),
        "error_name_required": (
            "Un nom dans une langue au moins.",
            "اسم بلغة واحدة على الأقل.",
            "A name in at least one language.",
        ),
    }
)

LANGUAGE_TEXTS = {"fr": "in_french", "ar": "in_arabic", "en": "in_english"}

# Storefronts' error codes as texts of the editor; others show the API's message.
ERROR_TEXTS = {
    "revision:CONFLICT": "error_storefront_conflict",
    "INVALID_COLOR": "error_color",
    "INSUFFICIENT_CONTRAST": "error_contrast",
    "INVALID_LANGUAGE": "error_language",
    "name:REQUIRED": "error_name_required",
    "languages:REQUIRED": "error_language",
    "logo:INVALID": "error_image",
    "logo:OUT_OF_RANGE": "error_image",
    "hero_image:INVALID": "error_image",
    "hero_image:OUT_OF_RANGE": "error_image",
}
