"""What the Dashboard views say, in French, Arabic and English (pure)."""

from storefront_plugins.provenance.certificates.languages import choose_language

LANGUAGES = ("fr", "ar", "en")
RTL_LANGUAGES = frozenset({"ar"})

__all__ = ["LANGUAGES", "RTL_LANGUAGES", "TEXTS", "choose_language", "role_name", "step_name"]

TEXTS: dict[str, dict[str, str]] = {
    "fr": {
        "provenance": "Provenance",
        "no_provenance": "Aucune provenance n'est enregistrée pour ce produit dans Souk.",
        "variant": "Variante",
        "whole_product": "Produit entier",
        "published": "Publiée",
        "draft": "Brouillon, non publiée",
        "removed": "Produit supprimé de Saleor",
        "cooperative": "Coopérative",
        "workshop": "Atelier",
        "makers": "Artisans et parts",
        "materials": "Matières",
        "lot": "lot",
        "custody": "Traçabilité",
        "certifications": "Certifications",
        "valid_until": "valable jusqu'au",
        "verify": "Page de vérification",
        "payouts": "Versements Souk",
        "runs": "Campagnes de versement",
        "no_runs": "Aucune campagne de versement.",
        "run": "Campagne",
        "state": "État",
        "state_open": "En cours",
        "state_closed": "Close",
        "total": "Total",
        "progress": "Avancement",
        "failed": "échoués",
        "skipped": "sans moyen de paiement",
        "attention": "Versements à vérifier",
        "attention_help": "En transit, sans réponse de leur rail après plusieurs relances.",
        "no_attention": "Aucun versement à vérifier.",
        "party": "Bénéficiaire",
        "amount": "Montant",
        "since": "Depuis",
        "open": "Ouvrir dans le portail",
        "denied_title": "Accès refusé",
        "unauthenticated_title": "Session du Dashboard non reconnue",
        "reload": "Rechargez la page dans le Dashboard Saleor.",
    },
    "ar": {
        "provenance": "المصدر",
        "no_provenance": "لا يوجد مصدر مسجل لهذا المنتج في سوق.",
        "variant": "البديل",
        "whole_product": "المنتج كله",
        "published": "منشور",
        "draft": "مسودة غير منشورة",
        "removed": "حُذف المنتج من Saleor",
        "cooperative": "التعاونية",
        "workshop": "الورشة",
        "makers": "الحرفيون وحصصهم",
        "materials": "المواد",
        "lot": "الدفعة",
        "custody": "التتبع",
        "certifications": "الشهادات",
        "valid_until": "صالحة حتى",
        "verify": "صفحة التحقق",
        "payouts": "مدفوعات سوق",
        "runs": "دفعات المدفوعات",
        "no_runs": "لا توجد دفعات مدفوعات.",
        "run": "الدفعة",
        "state": "الحالة",
        "state_open": "جارية",
        "state_closed": "مغلقة",
        "total": "المجموع",
        "progress": "التقدم",
        "failed": "فاشلة",
        "skipped": "بدون وسيلة دفع",
        "attention": "مدفوعات تحتاج إلى مراجعة",
        "attention_help": "قيد التحويل، دون رد من قناة الدفع بعد عدة محاولات.",
        "no_attention": "لا توجد مدفوعات تحتاج إلى مراجعة.",
        "party": "المستفيد",
        "amount": "المبلغ",
        "since": "منذ",
        "open": "فتح في البوابة",
        "denied_title": "الوصول مرفوض",
        "unauthenticated_title": "جلسة لوحة التحكم غير معروفة",
        "reload": "أعد تحميل الصفحة في لوحة تحكم Saleor.",
    },
    "en": {
        "provenance": "Provenance",
        "no_provenance": "No provenance is recorded for this product in Souk.",
        "variant": "Variant",
        "whole_product": "Whole product",
        "published": "Published",
        "draft": "Draft, not published",
        "removed": "Product deleted from Saleor",
        "cooperative": "Cooperative",
        "workshop": "Workshop",
        "makers": "Artisans and shares",
        "materials": "Materials",
        "lot": "lot",
        "custody": "Custody",
        "certifications": "Certifications",
        "valid_until": "valid until",
        "verify": "Verification page",
        "payouts": "Souk payouts",
        "runs": "Payout runs",
        "no_runs": "No payout runs.",
        "run": "Run",
        "state": "State",
        "state_open": "In progress",
        "state_closed": "Closed",
        "total": "Total",
        "progress": "Progress",
        "failed": "failed",
        "skipped": "without a payout method",
        "attention": "Payouts needing attention",
        "attention_help": "In transit, their rail silent after several reconciliations.",
        "no_attention": "No payouts need attention.",
        "party": "Payee",
        "amount": "Amount",
        "since": "Since",
        "open": "Open in the portal",
        "denied_title": "Access denied",
        "unauthenticated_title": "Dashboard session not recognised",
        "reload": "Reload the page in the Saleor Dashboard.",
    },
}

ROLES: dict[str, tuple[str, str, str]] = {  # fr, ar, en
    "made": ("Fabriqué", "صنع", "Made"),
    "thrown": ("Tourné", "تشكيل على الدولاب", "Thrown"),
    "painted": ("Peint", "رسم", "Painted"),
    "glazed": ("Émaillé", "تزجيج", "Glazed"),
    "cut": ("Taillé", "قص", "Cut"),
    "woven": ("Tissé", "نسج", "Woven"),
    "knotted": ("Noué", "عقد", "Knotted"),
    "embroidered": ("Brodé", "تطريز", "Embroidered"),
    "stitched": ("Cousu", "خياطة", "Stitched"),
    "engraved": ("Ciselé", "نقش", "Engraved"),
    "assembled": ("Assemblé", "تجميع", "Assembled"),
    "finished": ("Fini", "تشطيب", "Finished"),
}

STEPS: dict[str, tuple[str, str, str]] = {
    "urn:epcglobal:cbv:bizstep:collecting": ("Collecte", "جمع", "Collecting"),
    "urn:souk:bizstep:crafting": ("Fabrication", "صناعة", "Crafting"),
    "urn:epcglobal:cbv:bizstep:inspecting": ("Contrôle", "فحص", "Inspecting"),
    "urn:epcglobal:cbv:bizstep:packing": ("Emballage", "تغليف", "Packing"),
    "urn:epcglobal:cbv:bizstep:shipping": ("Expédition", "شحن", "Shipping"),
}


def _pick(names: tuple[str, str, str] | None, language: str, code: str) -> str:
    return names[LANGUAGES.index(language)] if names else code


def role_name(code: str, language: str) -> str:
    return _pick(ROLES.get(code), language, code)


def step_name(code: str, language: str) -> str:
    return _pick(STEPS.get(code), language, code)
