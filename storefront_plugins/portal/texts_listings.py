"""The words of the listings and moderation pages (fr, ar, en)."""

from storefront_plugins.portal.texts import register_texts

register_texts(
    {
        "my_pieces": ("Mes pièces", "قطعي", "My pieces"),
        "new_piece": ("Nouvelle pièce", "قطعة جديدة", "New piece"),
        "no_pieces": (
            "Aucune pièce pour l'instant. Ajoutez la première !",
            "لا توجد قطع بعد. أضف قطعتك الأولى!",
            "No pieces yet. Add your first one!",
        ),
        "piece": ("Pièce", "القطعة", "Piece"),
        "cooperative": ("Coopérative", "التعاونية", "Cooperative"),
        "title_in": ("Titre ({language})", "العنوان ({language})", "Title ({language})"),
        "description_in": (
            "Description ({language})",
            "الوصف ({language})",
            "Description ({language})",
        ),
        "untitled": ("Sans titre", "بدون عنوان", "Untitled"),
        "category": ("Catégorie", "الفئة", "Category"),
        "choose": ("Choisir…", "اختر…", "Choose…"),
        "craft": ("Artisanat", "الحرفة", "Craft"),
        "dimensions": ("Dimensions (cm)", "الأبعاد (سم)", "Dimensions (cm)"),
        "length": ("Longueur", "الطول", "Length"),
        "width": ("Largeur", "العرض", "Width"),
        "height": ("Hauteur", "الارتفاع", "Height"),
        "weight_g": ("Poids (g)", "الوزن (غ)", "Weight (g)"),
        "price_in": ("Prix ({currency})", "السعر ({currency})", "Price ({currency})"),
        "stock": ("Stock", "المخزون", "Stock"),
        "variants": ("Tailles ou couleurs", "المقاسات أو الألوان", "Sizes or colours"),
        "variants_help": (
            "Si la pièce existe en plusieurs tailles ou couleurs, une ligne par variante. "
            "Prix vide : le prix de la pièce.",
            "إذا كانت القطعة بمقاسات أو ألوان متعددة، سطر لكل نوع. السعر الفارغ: سعر القطعة.",
            "If the piece comes in several sizes or colours, one line each. Empty price: the "
            "piece's price.",
        ),
        "variant_label_in": ("Nom ({language})", "الاسم ({language})", "Name ({language})"),
        "sku": ("Référence", "المرجع", "SKU"),
        "photos": ("Photos", "الصور", "Photos"),
        "photos_help": (
            "JPEG, PNG ou WebP, 10 Mo au plus. La position GPS et les autres informations de "
            "l'appareil sont retirées avant publication.",
            "JPEG أو PNG أو WebP، 10 ميغابايت على الأكثر. يُحذف موقع GPS وباقي معلومات "
            "الجهاز قبل النشر.",
            "JPEG, PNG or WebP, 10 MB at most. The GPS position and other camera data are "
            "removed before publishing.",
        ),
        "add_photo": ("Ajouter la photo", "إضافة الصورة", "Add the photo"),
        "choose_photo": ("Choisir une photo", "اختر صورة", "Choose a photo"),
        "photo_added": ("Photo ajoutée.", "أضيفت الصورة.", "Photo added."),
        "delete_photo": ("Supprimer la photo", "حذف الصورة", "Delete the photo"),
        "saved": ("Enregistré.", "تم الحفظ.", "Saved."),
        "submit_for_review": (
            "Envoyer à la coopérative pour validation",
            "إرسال إلى التعاونية للموافقة",
            "Send to the cooperative for approval",
        ),
        "submitted": (
            "Envoyée. Un responsable de la coopérative va la relire.",
            "أُرسلت. سيراجعها مسؤول التعاونية.",
            "Sent. A manager of the cooperative will review it.",
        ),
        "unpublish": ("Retirer de la boutique", "سحب من المتجر", "Take out of the shop"),
        "publish_again": ("Remettre en boutique", "إعادة إلى المتجر", "Put back in the shop"),
        "delete_piece": ("Supprimer la pièce", "حذف القطعة", "Delete the piece"),
        "deleted": ("Pièce supprimée.", "حُذفت القطعة.", "Piece deleted."),
        "archived": (
            "Pièce retirée et archivée (des commandes la citent).",
            "سُحبت القطعة وأُرشفت (هناك طلبات تذكرها).",
            "Piece taken out and archived (orders name it).",
        ),
        "status_draft": ("Brouillon", "مسودة", "Draft"),
        "status_submitted": ("En relecture", "قيد المراجعة", "In review"),
        "status_changes_requested": (
            "Modifications demandées",
            "مطلوب تعديلات",
            "Changes requested",
        ),
        "status_approved": ("Validée", "مقبولة", "Approved"),
        "status_archived": ("Archivée", "مؤرشفة", "Archived"),
        "in_shop": ("En boutique", "في المتجر", "In the shop"),
        "not_in_shop": ("Pas en boutique", "ليست في المتجر", "Not in the shop"),
        "write_pending": (
            "Envoi vers la boutique en cours…",
            "جارٍ الإرسال إلى المتجر…",
            "Being sent to the shop…",
        ),
        "write_retrying": (
            "La boutique ne répond pas ; nouvel essai à {time} (essai {attempts}). Rien "
            "n'est perdu.",
            "المتجر لا يستجيب؛ محاولة جديدة في {time} (المحاولة {attempts}). لم يضع شيء.",
            "The shop is not answering; trying again at {time} (attempt {attempts}). Nothing "
            "is lost.",
        ),
        "write_failed": (
            "L'envoi vers la boutique a échoué : {error}",
            "فشل الإرسال إلى المتجر: {error}",
            "Sending to the shop failed: {error}",
        ),
        "retry_now": ("Réessayer", "أعد المحاولة", "Try again"),
        "shown_in_shop_meanwhile": (
            "La boutique montre la version validée jusqu'à la prochaine validation.",
            "يعرض المتجر النسخة المقبولة إلى حين الموافقة التالية.",
            "The shop shows the approved version until the next approval.",
        ),
        "conversation": ("Échanges avec la coopérative", "المراسلات مع التعاونية", "Messages"),
        "comment": ("Message", "رسالة", "Message"),
        "send_comment": ("Envoyer", "إرسال", "Send"),
        "decision_approved": ("a validé", "وافق", "approved"),
        "decision_changes_requested": (
            "demande des modifications",
            "طلب تعديلات",
            "asks for changes",
        ),
        "moderation": ("Pièces à valider", "قطع للمراجعة", "Pieces to review"),
        "moderation_empty": (
            "Aucune pièce à valider.",
            "لا توجد قطع للمراجعة.",
            "No pieces to review.",
        ),
        "by_artisan": ("par {name}", "من {name}", "by {name}"),
        "submitted_on": ("envoyée le {date}", "أُرسلت في {date}", "sent on {date}"),
        "approve": ("Valider et publier", "الموافقة والنشر", "Approve and publish"),
        "approved_notice": (
            "Pièce validée : elle part vers la boutique.",
            "تمت الموافقة: القطعة في طريقها إلى المتجر.",
            "Approved: the piece is on its way to the shop.",
        ),
        "request_changes": ("Demander des modifications", "طلب تعديلات", "Ask for changes"),
        "changes_requested_notice": (
            "Demande envoyée à l'artisan.",
            "أُرسل الطلب إلى الحرفي.",
            "Request sent to the artisan.",
        ),
        "comment_for_artisan": (
            "Message pour l'artisan (obligatoire pour demander des modifications)",
            "رسالة إلى الحرفي (ضرورية لطلب التعديلات)",
            "Message to the artisan (needed to ask for changes)",
        ),
        "error_REQUIRED": ("Obligatoire.", "مطلوب.", "Required."),
        "error_INVALID": ("Valeur invalide.", "قيمة غير صالحة.", "Invalid value."),
        "error_OUT_OF_RANGE": ("Valeur hors limites.", "قيمة خارج الحدود.", "Out of range."),
        "error_UNIQUE": ("Déjà utilisé.", "مستخدم من قبل.", "Already used."),
        "error_CONFLICT": (
            "Quelqu'un a modifié cette pièce pendant que vous l'éditiez. Vos changements ne "
            "sont pas enregistrés : la page montre maintenant sa dernière version.",
            "عدّل شخص آخر هذه القطعة أثناء تحريرك لها. لم تُحفظ تغييراتك: تعرض الصفحة الآن آخر نسخة.",
            "Someone changed this piece while you were editing it. Your changes are not "
            "saved: the page now shows its latest version.",
        ),
        "error_INVALID_TRANSITION": (
            "Impossible dans l'état actuel de la pièce.",
            "غير ممكن في الحالة الحالية للقطعة.",
            "Not possible in the piece's current state.",
        ),
        "error_NOT_A_MEMBER": (
            "Vous n'êtes pas membre de cette coopérative.",
            "لست عضوًا في هذه التعاونية.",
            "You are not a member of this cooperative.",
        ),
        "error_UPLOAD_NOT_FOUND": (
            "La photo n'est pas arrivée. Réessayez.",
            "لم تصل الصورة. أعد المحاولة.",
            "The photo did not arrive. Try again.",
        ),
        "error_UNSUPPORTED_FILE_TYPE": (
            "Ce fichier n'est pas une photo (JPEG, PNG ou WebP).",
            "هذا الملف ليس صورة (JPEG أو PNG أو WebP).",
            "This file is not a photo (JPEG, PNG or WebP).",
        ),
        "error_FILE_TOO_LARGE": (
            "Photo trop lourde (10 Mo au plus).",
            "الصورة كبيرة جدًا (10 ميغابايت على الأكثر).",
            "Photo too large (10 MB at most).",
        ),
        "error_IMAGE_TOO_LARGE": (
            "Photo trop grande en pixels.",
            "أبعاد الصورة كبيرة جدًا.",
            "Photo too large in pixels.",
        ),
        "error_TOO_MANY_PHOTOS": (
            "10 photos au plus par pièce.",
            "10 صور على الأكثر لكل قطعة.",
            "At most 10 photos per piece.",
        ),
        "error_NOT_FOUND": ("Introuvable.", "غير موجود.", "Not found."),
        "error_number": ("Un nombre, s'il vous plaît.", "رقم من فضلك.", "A number, please."),
    }
)
