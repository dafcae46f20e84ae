"""The verification page's language and texts in French, Arabic and English (pure)."""

from typing import Any

LANGUAGES = ("fr", "ar", "en")
DEFAULT_LANGUAGE = "fr"
RTL_LANGUAGES = frozenset({"ar"})


def choose_language(query_lang: str | None, accept_language: str | None) -> str:
    """`?lang=` first, then the best Accept-Language match, else French."""
    if query_lang and query_lang.lower()[:2] in LANGUAGES:
        return query_lang.lower()[:2]
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        language = tag.strip().lower()[:2]
        if language in LANGUAGES and quality > 0:
            ranked.append((-quality, position, language))
    return min(ranked)[2] if ranked else DEFAULT_LANGUAGE


def localized(value: Any, language: str) -> Any:
    """A text given as {"fr": …, "ar": …, "en": …} in `language`, else French, else any."""
    if isinstance(value, dict) and value and all(key in LANGUAGES for key in value):
        return value.get(language) or value.get(DEFAULT_LANGUAGE) or next(iter(value.values()))
    return value


TEXTS: dict[str, dict[str, str]] = {
    "fr": {
        "title": "Certificat de provenance",
        "valid": "Authentique. Ce certificat a été signé par Souk et n'a pas été modifié depuis.",
        "revoked": "Révoqué. Ce certificat a été retiré par Souk ; ne vous y fiez plus.",
        "superseded": (
            "Remplacé. Ce certificat était authentique, mais un certificat plus récent "
            "le remplace pour cette pièce."
        ),
        "invalid": (
            "Non valide. La signature ne correspond pas : ce document a été modifié "
            "ou ne vient pas de Souk."
        ),
        "withdrawn": (
            "Cette pièce n'est plus proposée à la vente depuis le {date}. Ce qu'atteste ce "
            "certificat reste vrai : qui l'a faite, où, comment et avec quoi."
        ),
        "see_current": "Voir le certificat en vigueur",
        "reason": "Motif",
        "made_by": "Qui l'a fait",
        "share": "part",
        "cooperative": "Coopérative",
        "workshop": "Où",
        "technique": "Comment",
        "made_on": "Fabriqué le",
        "time_to_make": "Temps de fabrication",
        "materials": "Matériaux",
        "lot": "lot",
        "collector": "collecté par",
        "quality_check": "Contrôle qualité",
        "certifications": "Labels et certifications",
        "level": "niveau",
        "valid_until": "valable jusqu'au",
        "eu_safety": "Sécurité des produits (UE)",
        "manufacturer": "Fabricant",
        "responsible_person": "Personne responsable dans l'UE",
        "details": "Détails techniques",
        "serial": "Numéro de série",
        "certificate_id": "Identifiant",
        "issued_at": "Émis le",
        "key_id": "Clé de signature",
        "product": "Produit Saleor",
        "json": "Document signé (JSON)",
        "qr": "QR code",
        "keys": "Clés publiques de vérification",
        "languages": "Langues",
        "not_found": "Aucun certificat ne porte ce numéro.",
    },
    "ar": {
        "title": "شهادة المصدر",
        "valid": "أصلية. وقّع سوق هذه الشهادة ولم يُغيَّر فيها شيء منذ ذلك الحين.",
        "revoked": "ملغاة. سحب سوق هذه الشهادة، فلا تعتمد عليها.",
        "superseded": "مستبدَلة. كانت هذه الشهادة أصلية، لكن شهادة أحدث حلّت محلها لهذه القطعة.",
        "invalid": "غير صالحة. التوقيع لا يطابق: عُدِّلت هذه الوثيقة أو أنها ليست من سوق.",
        "withdrawn": (
            "لم تعد هذه القطعة معروضة للبيع منذ {date}. ما تشهد به هذه الشهادة يبقى صحيحًا: "
            "من صنعها وأين وكيف وممّ."
        ),
        "see_current": "عرض الشهادة السارية",
        "reason": "السبب",
        "made_by": "من صنعها",
        "share": "الحصة",
        "cooperative": "التعاونية",
        "workshop": "أين",
        "technique": "كيف",
        "made_on": "تاريخ الصنع",
        "time_to_make": "مدة الصنع",
        "materials": "المواد",
        "lot": "الدفعة",
        "collector": "جمعها",
        "quality_check": "مراقبة الجودة",
        "certifications": "العلامات والشهادات",
        "level": "المستوى",
        "valid_until": "صالحة حتى",
        "eu_safety": "سلامة المنتجات (الاتحاد الأوروبي)",
        "manufacturer": "الصانع",
        "responsible_person": "الشخص المسؤول في الاتحاد الأوروبي",
        "details": "تفاصيل تقنية",
        "serial": "الرقم التسلسلي",
        "certificate_id": "المعرّف",
        "issued_at": "تاريخ الإصدار",
        "key_id": "مفتاح التوقيع",
        "product": "منتج Saleor",
        "json": "الوثيقة الموقّعة (JSON)",
        "qr": "رمز QR",
        "keys": "مفاتيح التحقق العامة",
        "languages": "اللغات",
        "not_found": "لا توجد شهادة بهذا الرقم.",
    },
    "en": {
        "title": "Certificate of provenance",
        "valid": "Genuine. Souk signed this certificate and nothing in it has changed since.",
        "revoked": "Revoked. Souk has withdrawn this certificate; do not rely on it.",
        "superseded": (
            "Superseded. This certificate was genuine, but a newer certificate "
            "replaces it for this piece."
        ),
        "invalid": (
            "Not valid. The signature does not match: this document was altered "
            "or does not come from Souk."
        ),
        "withdrawn": (
            "This piece is no longer offered for sale since {date}. What this certificate "
            "attests stays true: who made it, where, how and from what."
        ),
        "see_current": "See the current certificate",
        "reason": "Reason",
        "made_by": "Who made it",
        "share": "share",
        "cooperative": "Cooperative",
        "workshop": "Where",
        "technique": "How",
        "made_on": "Made on",
        "time_to_make": "Time to make",
        "materials": "Materials",
        "lot": "lot",
        "collector": "collected by",
        "quality_check": "Quality check",
        "certifications": "Labels and certifications",
        "level": "level",
        "valid_until": "valid until",
        "eu_safety": "Product safety (EU)",
        "manufacturer": "Manufacturer",
        "responsible_person": "EU responsible person",
        "details": "Technical details",
        "serial": "Serial number",
        "certificate_id": "Identifier",
        "issued_at": "Issued on",
        "key_id": "Signing key",
        "product": "Saleor product",
        "json": "Signed document (JSON)",
        "qr": "QR code",
        "keys": "Public verification keys",
        "languages": "Languages",
        "not_found": "No certificate has this number.",
    },
}


def localize_tree(value: Any, language: str) -> Any:
    """Every multilingual text in a claim replaced by its text in `language`."""
    value = localized(value, language)
    if isinstance(value, dict):
        return {key: localize_tree(item, language) for key, item in value.items()}
    if isinstance(value, list):
        return [localize_tree(item, language) for item in value]
    return value
