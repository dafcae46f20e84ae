"""Every word the shop shows, in French, Arabic and English (a Python catalogue, as the
App's payout statements keep theirs). Templates read them as `{{ t.key }}`."""

TEXTS: dict[str, tuple[str, str, str]] = {
    # key: (fr, ar, en)
    "site_name": (
        "Souk — coopératives d'artisans",
        "سوق — تعاونيات الحرفيين",
        "Souk — craft cooperatives",
    ),
    "skip_to_content": ("Aller au contenu", "انتقل إلى المحتوى", "Skip to content"),
    "language": ("Langue", "اللغة", "Language"),
    "marketplace": ("Toutes les coopératives", "كل التعاونيات", "All cooperatives"),
    "marketplace_title": (
        "L'artisanat du Maroc, de la main qui l'a fait",
        "الصناعة التقليدية المغربية، من يد صانعها",
        "Moroccan crafts, from the hands that made them",
    ),
    "marketplace_intro": (
        "Achetez directement aux coopératives : chaque pièce dit qui l'a faite, où et comment.",
        "اشترِ مباشرة من التعاونيات: كل قطعة تخبرك من صنعها وأين وكيف.",
        "Buy straight from the cooperatives: every piece tells who made it, where and how.",
    ),
    "search": ("Rechercher", "بحث", "Search"),
    "search_label": (
        "Rechercher une coopérative, un artisanat, une pièce",
        "ابحث عن تعاونية أو حرفة أو قطعة",
        "Search a cooperative, a craft, a piece",
    ),
    "search_results": ("Résultats pour « {q} »", "نتائج البحث عن «{q}»", "Results for “{q}”"),
    "no_results": ("Aucun résultat.", "لا توجد نتائج.", "No results."),
    "cooperatives": ("Coopératives", "التعاونيات", "Cooperatives"),
    "pieces": ("Pièces", "القطع", "Pieces"),
    "visit_shop": ("Visiter la boutique", "زيارة المتجر", "Visit the shop"),
    "home": ("Accueil", "الرئيسية", "Home"),
    "catalogue": ("Catalogue", "الكتالوج", "Catalogue"),
    "new_pieces": ("Nouvelles pièces", "قطع جديدة", "New pieces"),
    "see_all": ("Voir tout le catalogue", "عرض الكتالوج كاملاً", "See the whole catalogue"),
    "cart": ("Panier", "السلة", "Cart"),
    "cart_count": ("Panier ({n})", "السلة ({n})", "Cart ({n})"),
    "filters": ("Filtres", "التصفية", "Filters"),
    "craft": ("Artisanat", "الحرفة", "Craft"),
    "region": ("Région", "الجهة", "Region"),
    "artisan": ("Artisan", "الحرفي", "Artisan"),
    "artisans": ("Artisans", "الحرفيون", "Artisans"),
    "material": ("Matière", "المادة", "Material"),
    "any": ("Tous", "الكل", "Any"),
    "price_min": ("Prix minimum", "أدنى سعر", "Minimum price"),
    "price_max": ("Prix maximum", "أعلى سعر", "Maximum price"),
    "sort": ("Trier par", "ترتيب حسب", "Sort by"),
    "sort_newest": ("Nouveautés", "الأحدث", "Newest"),
    "sort_price_asc": ("Prix croissant", "السعر تصاعدياً", "Price, low to high"),
    "sort_price_desc": ("Prix décroissant", "السعر تنازلياً", "Price, high to low"),
    "sort_name": ("Nom", "الاسم", "Name"),
    "apply": ("Appliquer", "تطبيق", "Apply"),
    "clear_filters": ("Effacer les filtres", "مسح التصفية", "Clear filters"),
    "n_pieces": ("{n} pièce(s)", "{n} قطعة", "{n} piece(s)"),
    "previous": ("Précédent", "السابق", "Previous"),
    "next": ("Suivant", "التالي", "Next"),
    "pagination": ("Pages", "الصفحات", "Pages"),
    "from_price": ("à partir de {price}", "ابتداءً من {price}", "from {price}"),
    "unavailable": ("Indisponible", "غير متوفر", "Unavailable"),
    "variant": ("Modèle", "النموذج", "Option"),
    "quantity": ("Quantité", "الكمية", "Quantity"),
    "add_to_cart": ("Ajouter au panier", "أضف إلى السلة", "Add to cart"),
    "added_to_cart": ("Ajouté au panier.", "أضيفت إلى السلة.", "Added to your cart."),
    "provenance": ("Provenance", "المصدر", "Provenance"),
    "made_by": ("Fait main par", "صنعت يدوياً على يد", "Handmade by"),
    "share": ("part", "الحصة", "share"),
    "workshop": ("Atelier", "الورشة", "Workshop"),
    "technique": ("Technique", "التقنية", "Technique"),
    "time_to_make": ("{n} heures de travail", "{n} ساعة من العمل", "{n} hours of work"),
    "made_on": ("Fait le {date}", "صنعت بتاريخ {date}", "Made on {date}"),
    "materials": ("Matières", "المواد", "Materials"),
    "custody": ("Parcours de la pièce", "مسار القطعة", "The piece's journey"),
    "certifications": ("Certifications", "الشهادات", "Certifications"),
    "verify_certificate": (
        "Vérifier le certificat d'authenticité",
        "تحقق من شهادة الأصالة",
        "Verify the certificate of authenticity",
    ),
    "qr_alt": (
        "Code QR du certificat {serial}",
        "رمز QR للشهادة {serial}",
        "QR code of certificate {serial}",
    ),
    "no_provenance": (
        "La provenance de cette pièce n'est pas encore publiée.",
        "لم يُنشر مصدر هذه القطعة بعد.",
        "This piece's provenance is not published yet.",
    ),
    "step_COLLECTING": ("Collecte des matières", "جمع المواد", "Materials collected"),
    "step_CRAFTING": ("Fabrication", "الصنع", "Crafted"),
    "step_INSPECTING": ("Contrôle qualité", "مراقبة الجودة", "Quality checked"),
    "step_PACKING": ("Emballage", "التغليف", "Packed"),
    "step_SHIPPING": ("Expédition", "الشحن", "Shipped"),
    "years_of_practice": ("{n} ans de métier", "{n} سنة من الخبرة", "{n} years of practice"),
    "pieces_by": ("Pièces de {name}", "قطع {name}", "Pieces by {name}"),
    "about_artisan": ("L'artisan", "الحرفي", "The artisan"),
    "photo_of": ("Portrait de {name}", "صورة {name}", "Portrait of {name}"),
    "logo_of": ("Logo de {name}", "شعار {name}", "{name} logo"),
    "cart_empty": ("Votre panier est vide.", "سلتك فارغة.", "Your cart is empty."),
    "update": ("Mettre à jour", "تحديث", "Update"),
    "remove": ("Retirer", "إزالة", "Remove"),
    "quantity_of": ("Quantité de {name}", "كمية {name}", "Quantity of {name}"),
    "subtotal": ("Sous-total", "المجموع الفرعي", "Subtotal"),
    "shipping": ("Livraison", "الشحن", "Shipping"),
    "total": ("Total", "المجموع", "Total"),
    "checkout": ("Commander", "إتمام الطلب", "Checkout"),
    "continue_shopping": ("Continuer mes achats", "متابعة التسوق", "Continue shopping"),
    "contact_and_address": (
        "Coordonnées et adresse",
        "معلومات الاتصال والعنوان",
        "Contact and address",
    ),
    "email": ("E-mail", "البريد الإلكتروني", "E-mail"),
    "first_name": ("Prénom", "الاسم الشخصي", "First name"),
    "last_name": ("Nom", "الاسم العائلي", "Last name"),
    "street": ("Adresse", "العنوان", "Street address"),
    "street2": ("Complément d'adresse", "تكملة العنوان", "Address line 2"),
    "city": ("Ville", "المدينة", "City"),
    "postal_code": ("Code postal", "الرمز البريدي", "Postal code"),
    "country": ("Pays", "البلد", "Country"),
    "phone": ("Téléphone", "الهاتف", "Phone"),
    "optional": ("facultatif", "اختياري", "optional"),
    "save_and_continue": ("Enregistrer et continuer", "حفظ ومتابعة", "Save and continue"),
    "shipping_method": ("Mode de livraison", "طريقة الشحن", "Shipping method"),
    "delivery_days": ("{min}–{max} jours", "{min}–{max} أيام", "{min}–{max} days"),  # noqa: RUF001
    "choose": ("Choisir", "اختيار", "Choose"),
    "payment": ("Paiement", "الدفع", "Payment"),
    "pay_now": ("Payer {total} par carte", "ادفع {total} بالبطاقة", "Pay {total} by card"),
    "payment_explained": (
        "Vous allez saisir votre carte sur la page sécurisée de notre prestataire de paiement.",
        "ستدخل بيانات بطاقتك في الصفحة الآمنة لمزود الدفع.",
        "You will enter your card on our payment provider's secure page.",
    ),
    "payment_declined": (
        "Le paiement a été refusé : {reason} Vous pouvez réessayer avec une autre carte.",
        "تم رفض الدفع: {reason} يمكنك المحاولة مجدداً ببطاقة أخرى.",
        "The payment was declined: {reason} You can try again with another card.",
    ),
    "decline_generic": (
        "votre banque a refusé la carte.",
        "رفض البنك البطاقة.",
        "your bank declined the card.",
    ),
    "decline_funds": (
        "le solde de la carte est insuffisant.",
        "رصيد البطاقة غير كافٍ.",
        "the card's balance is too low.",
    ),
    "decline_authentication": (
        "la vérification 3-D Secure n'a pas abouti.",
        "لم ينجح التحقق 3-D Secure.",
        "the 3-D Secure check did not succeed.",
    ),
    "payment_failed": (
        "Le paiement n'a pas abouti. Vous pouvez réessayer.",
        "لم يكتمل الدفع. يمكنك المحاولة مجدداً.",
        "The payment did not go through. You can try again.",
    ),
    "card_payment": ("Paiement par carte", "الدفع بالبطاقة", "Card payment"),
    "card_payment_needs_js": (
        "Le formulaire de carte sécurisé de Stripe a besoin de JavaScript.",
        "يحتاج نموذج البطاقة الآمن من Stripe إلى JavaScript.",
        "Stripe's secure card form needs JavaScript.",
    ),
    "pay": ("Payer", "ادفع", "Pay"),
    "payment_pending": (
        "Le paiement est en attente de confirmation.",
        "الدفع في انتظار التأكيد.",
        "The payment is awaiting confirmation.",
    ),
    "complete_first": (
        "Renseignez d'abord votre adresse et le mode de livraison.",
        "أدخل أولاً عنوانك وطريقة الشحن.",
        "Fill in your address and shipping method first.",
    ),
    "order_confirmed": (
        "Merci ! Commande n° {number} confirmée",
        "شكراً! تم تأكيد الطلب رقم {number}",
        "Thank you! Order #{number} confirmed",
    ),
    "order_paid": (
        "Votre paiement est reçu. Les artisans préparent votre commande.",
        "تم استلام دفعتك. يقوم الحرفيون بتجهيز طلبك.",
        "Your payment is received. The artisans are preparing your order.",
    ),
    "ship_to": ("Livraison à", "الشحن إلى", "Ship to"),
    "error_title": ("Un souci", "حدث خطأ", "Something went wrong"),
    "service_unavailable": (
        "La boutique ne répond pas pour le moment. Réessayez dans un instant.",
        "المتجر لا يستجيب حالياً. حاول مجدداً بعد قليل.",
        "The shop is not answering right now. Please try again in a moment.",
    ),
    "not_found": ("Page introuvable", "الصفحة غير موجودة", "Page not found"),
    "not_found_text": (
        "Cette page n'existe pas ou plus.",
        "هذه الصفحة غير موجودة.",
        "This page does not exist, or no longer does.",
    ),
    "field_required": ("Ce champ est obligatoire.", "هذا الحقل إلزامي.", "This field is required."),
    "invalid_email": (
        "Adresse e-mail invalide.",
        "بريد إلكتروني غير صالح.",
        "Not a valid e-mail address.",
    ),
    "main_navigation": ("Navigation principale", "التنقل الرئيسي", "Main navigation"),
    "breadcrumb": ("Fil d'Ariane", "مسار التنقل", "Breadcrumb"),
    "footer_note": (
        "Les prix sont en {currency}, taxes comprises.",
        "الأسعار بـ {currency}، شاملة الضرائب.",
        "Prices in {currency}, taxes included.",
    ),
    "pages": ("À propos", "حول", "About"),
    "powered_by": (
        "Boutique de coopérative sur Souk",
        "متجر تعاونية على سوق",
        "A cooperative shop on Souk",
    ),
    "hero_alt_default": ("Le travail de la coopérative", "عمل التعاونية", "The cooperative's work"),
}

INDEX = {"fr": 0, "ar": 1, "en": 2}


def texts_for(language: str) -> dict[str, str]:
    """The catalogue in one language, for a template's `t`."""
    column = INDEX[language]
    return {key: values[column] for key, values in TEXTS.items()}


def text(key: str, language: str, **values: object) -> str:
    return TEXTS[key][INDEX[language]].format(**values)


CRAFTS: dict[str, tuple[str, str, str]] = {
    "POTTERY": ("Poterie", "الفخار", "Pottery"),
    "ZELLIGE": ("Zellige", "الزليج", "Zellige"),
    "CARPET_WEAVING": ("Tissage de tapis", "نسج الزرابي", "Carpet weaving"),
    "LEATHERWORK": ("Maroquinerie", "الصناعة الجلدية", "Leatherwork"),
    "EMBROIDERY": ("Broderie", "الطرز", "Embroidery"),
    "SILVERSMITHING": ("Orfèvrerie", "صياغة الفضة", "Silversmithing"),
    "WOODWORK": ("Travail du bois", "النجارة الفنية", "Woodwork"),
    "METALWORK": ("Dinanderie", "النحاسيات", "Metalwork"),
    "BASKETRY": ("Vannerie", "صناعة السلال", "Basketry"),
}


def craft_name(craft: str, language: str) -> str:
    names = CRAFTS.get(craft)
    return names[INDEX[language]] if names else craft.replace("_", " ").capitalize()
