"""The words of a cooperative's page for allocating its unattributed sales, and the payouts
error codes that page meets first."""

from storefront_plugins.portal.texts import register_texts

register_texts(
    {
        "unattributed_title": (
            "Ventes non attribuées — {name}",
            "مبيعات غير منسوبة — {name}",
            "Unattributed sales — {name}",
        ),
        "unattributed_link": (
            "Répartir les ventes non attribuées",
            "توزيع المبيعات غير المنسوبة",
            "Allocate unattributed sales",
        ),
        "unattributed_help": (
            "La part des artisans des pièces vendues sans artisan connu. Donnez-la aux membres "
            "qui les ont faites : elle s'ajoute à leur solde disponible.",
            "حصة الحرفيين من القطع المبيعة دون حرفي معروف. امنحوها للأعضاء الذين صنعوها: "
            "تُضاف إلى رصيدهم المتاح.",
            "The makers' share of pieces sold without a known artisan. Give it to the members "
            "who made them: it is added to their available balance.",
        ),
        "unattributed_available": (
            "À répartir maintenant",
            "قابل للتوزيع الآن",
            "To allocate now",
        ),
        "unattributed_held": ("Encore retenu", "ما زال محتجزًا", "Still held"),
        "unattributed_held_help": (
            "Les fonds encore retenus ne peuvent pas être répartis : ils le pourront à la fin "
            "du délai de retenue de leurs commandes.",
            "لا يمكن توزيع الأموال المحتجزة: سيمكن ذلك عند انتهاء مدة احتجاز طلباتها.",
            "Funds still held cannot be allocated: they can be once their orders' hold ends.",
        ),
        "unattributed_form": ("Répartition", "التوزيع", "Allocation"),
        "unattributed_amount_for": ("Montant pour {name}", "المبلغ لـ {name}", "Amount for {name}"),
        "unattributed_note": (
            "Motif (visible dans l'historique)",
            "السبب (يظهر في السجل)",
            "Reason (shown in the history)",
        ),
        "unattributed_submit": ("Répartir", "توزيع", "Allocate"),
        "unattributed_nothing": (
            "Rien à répartir pour l'instant.",
            "لا شيء للتوزيع حاليًا.",
            "Nothing to allocate for now.",
        ),
        "unattributed_no_members": (
            "La coopérative n'a aucun membre actif.",
            "ليس للتعاونية أي عضو نشط.",
            "The cooperative has no active member.",
        ),
        "unattributed_history": ("Historique", "السجل", "History"),
        "unattributed_by": ("Par {name}", "بواسطة {name}", "By {name}"),
        "unattributed_none_yet": (
            "Aucune répartition pour l'instant.",
            "لا توزيع حتى الآن.",
            "No allocation yet.",
        ),
        "payouts_allocated": ("Répartition enregistrée.", "سُجّل التوزيع.", "Allocation recorded."),
        "payouts_error_NOT_A_MEMBER": (
            "Cet artisan n'est pas un membre actif de la coopérative.",
            "هذا الحرفي ليس عضوًا نشطًا في التعاونية.",
            "This artisan is not an active member of the cooperative.",
        ),
        "payouts_error_INSUFFICIENT_FUNDS": (
            "C'est plus que ce qui peut être réparti maintenant.",
            "هذا أكثر مما يمكن توزيعه الآن.",
            "That is more than can be allocated now.",
        ),
        "payouts_error_DUPLICATED_INPUT_ITEM": (
            "Cet artisan figure deux fois.",
            "هذا الحرفي مذكور مرتين.",
            "This artisan appears twice.",
        ),
        "payouts_error_IDEMPOTENCY_KEY_REUSED": (
            "Ce formulaire a déjà servi : rechargez la page.",
            "سبق استعمال هذا النموذج: أعيدوا تحميل الصفحة.",
            "This form was used already: reload the page.",
        ),
    }
)
