"""The money pages' words (artisans' sales, balance, payouts and statements; the cooperative
treasury's runs, payments and approvals), and the payouts services' error codes as the
pages show them."""

from storefront_plugins.portal.texts import register_texts

PAYOUT_TEXTS: dict[str, tuple[str, str, str]] = {
    # Menu
    "payouts_sales": ("Mes ventes", "مبيعاتي", "My sales"),
    "payouts_balance": ("Mon solde", "رصيدي", "My balance"),
    "payouts_mine": ("Mes versements", "دفعاتي", "My payouts"),
    "payouts_statements": ("Mes relevés", "كشوف حسابي", "My statements"),
    "payouts_treasury": ("Versements", "الدفعات", "Payouts"),
    # Shared
    "payouts_date": ("Date", "التاريخ", "Date"),
    "payouts_order": ("Commande", "الطلب", "Order"),
    "payouts_amount": ("Montant", "المبلغ", "Amount"),
    "payouts_currency": ("Devise", "العملة", "Currency"),
    "payouts_state": ("État", "الحالة", "State"),
    "payouts_method": ("Moyen", "الوسيلة", "Method"),
    "payouts_older": ("Plus anciens", "الأقدم", "Older"),
    "payouts_newer": ("Plus récents", "الأحدث", "Newer"),
    # Sales
    "payouts_sales_help": (
        "Votre part de chaque commande payée, après commission.",
        "حصتك من كل طلب مدفوع، بعد العمولة.",
        "Your share of each paid order, after commission.",
    ),
    "payouts_no_sales": ("Aucune vente pour l'instant.", "لا مبيعات حتى الآن.", "No sales yet."),
    "payouts_sale": ("Vente", "بيع", "Sale"),
    "payouts_refund": ("Remboursement", "استرداد", "Refund"),
    "payouts_shipping": ("Livraison", "الشحن", "Shipping"),
    "payouts_line": ("Article", "القطعة", "Item"),
    "payouts_quantity": ("Quantité", "الكمية", "Quantity"),
    "payouts_line_price": ("Prix payé", "الثمن المدفوع", "Price paid"),
    "payouts_your_share": ("Votre part", "حصتك", "Your share"),
    # Balance
    "payouts_balance_help": (
        "Retenu : en attente de la fin du délai de rétractation. Disponible : sera versé au "
        "prochain versement.",
        "محتجز: في انتظار انتهاء مهلة الإرجاع. متاح: سيُدفع في الدفعة القادمة.",
        "Held: waiting for the return period to end. Available: paid in the next payout.",
    ),
    "payouts_held": ("Retenu", "محتجز", "Held"),
    "payouts_available": ("Disponible", "متاح", "Available"),
    "payouts_in_transit": ("En cours de versement", "قيد التحويل", "Being paid out"),
    "payouts_no_balance": ("Aucun solde pour l'instant.", "لا رصيد حتى الآن.", "No balance yet."),
    # Payouts
    "payouts_no_payouts": (
        "Aucun versement pour l'instant.",
        "لا دفعات حتى الآن.",
        "No payouts yet.",
    ),
    "payouts_created_on": ("Préparé le", "أُعدّ في", "Prepared on"),
    "payouts_paid_on": ("Payé le", "دُفع في", "Paid on"),
    "payouts_reference": ("Référence", "المرجع", "Reference"),
    "payouts_proof": ("Justificatif", "الإثبات", "Proof"),
    "payouts_proof_kept": (
        "Justificatif conservé par la coopérative",
        "الإثبات محفوظ لدى التعاونية",
        "Proof kept by the cooperative",
    ),
    "payouts_failure": ("Motif de l'échec", "سبب الفشل", "Why it failed"),
    "payouts_state_created": ("Préparé", "مُعَدّ", "Prepared"),
    "payouts_state_submitted": ("En cours", "قيد التنفيذ", "In progress"),
    "payouts_state_paid": ("Payé", "مدفوع", "Paid"),
    "payouts_state_failed": ("Échoué", "فشل", "Failed"),
    "payouts_state_cancelled": ("Annulé", "ملغى", "Cancelled"),
    "payouts_rail_stripe_connect": ("Stripe", "Stripe", "Stripe"),
    "payouts_rail_bank_transfer": ("Virement bancaire", "تحويل بنكي", "Bank transfer"),
    "payouts_rail_cash": ("Espèces", "نقدًا", "Cash"),
    "payouts_rail_mobile_wallet": ("Portefeuille mobile", "محفظة الهاتف", "Mobile wallet"),
    # Statements
    "payouts_statements_help": (
        "Un relevé par mois, dans votre fuseau horaire ({zone}).",
        "كشف لكل شهر، بتوقيتك المحلي ({zone}).",
        "One statement per month, in your time zone ({zone}).",
    ),
    "payouts_month": ("Mois", "الشهر", "Month"),
    "payouts_show": ("Afficher", "عرض", "Show"),
    "payouts_download_pdf": ("Télécharger le PDF", "تنزيل PDF", "Download the PDF"),
    "payouts_download_csv": ("Télécharger le CSV", "تنزيل CSV", "Download the CSV"),
    "payouts_no_statement": (
        "Aucun mouvement d'argent pour l'instant.",
        "لا حركة مالية حتى الآن.",
        "No money has moved yet.",
    ),
    "payouts_cooperative_statements": ("Relevés", "كشوف الحساب", "Statements"),
    # Treasury
    "payouts_choose_cooperative": (
        "Choisissez une coopérative",
        "اختر تعاونية",
        "Choose a cooperative",
    ),
    "payouts_runs": ("Versements de {name}", "دفعات {name}", "Payouts of {name}"),
    "payouts_start_run": ("Lancer un versement", "إطلاق دفعة", "Start a payout run"),
    "payouts_start_run_help": (
        "Paie tout ce qui est disponible dans cette devise, à chacun selon son moyen de paiement.",
        "يدفع كل المتاح بهذه العملة، لكل واحد حسب وسيلة الدفع الخاصة به.",
        "Pays everything available in this currency, each by their payout method.",
    ),
    "payouts_no_runs": ("Aucun versement lancé.", "لم تُطلق أي دفعة.", "No payout run yet."),
    "payouts_run": ("Versement du {date}", "دفعة {date}", "Run of {date}"),
    "payouts_run_open": ("En cours", "جارية", "Open"),
    "payouts_run_closed": ("Terminé", "منتهية", "Closed"),
    "payouts_progress": ("Terminés", "المنجزة", "Done"),
    "payouts_total": ("Total", "المجموع", "Total"),
    "payouts_paid_total": ("Déjà payé", "المدفوع", "Paid so far"),
    "payouts_skipped": (
        "Sans moyen de paiement (non payés)",
        "بدون وسيلة دفع (لم يُدفع لهم)",
        "Without a payout method (not paid)",
    ),
    "payouts_needs_attention": ("À vérifier", "يحتاج إلى تحقق", "Needs attention"),
    "payouts_needs_attention_help": (
        "Le prestataire ne répond pas : vérifiez ce paiement avec lui.",
        "مزود الدفع لا يجيب: تحقق من هذه الدفعة معه.",
        "The rail is not answering: check this payment with it.",
    ),
    "payouts_second_approval": (
        "Chaque paiement enregistré est approuvé par une deuxième personne.",
        "كل دفعة مسجلة يوافق عليها شخص ثانٍ.",
        "Each recorded payment is approved by a second person.",
    ),
    "payouts_party": ("Bénéficiaire", "المستفيد", "Paid to"),
    "payouts_the_cooperative": ("La coopérative", "التعاونية", "The cooperative"),
    "payouts_record": ("Enregistrer le paiement", "تسجيل الدفع", "Record the payment"),
    "payouts_record_help": (
        "Le paiement fait en dehors de Souk (virement, espèces, portefeuille mobile) : sa "
        "référence, sa date et un justificatif (PDF, JPEG ou PNG, 5 Mo au plus).",
        "دفعة تمت خارج سوق (تحويل، نقدًا، محفظة الهاتف): مرجعها وتاريخها وإثبات (PDF أو "
        "JPEG أو PNG، 5 ميغابايت على الأكثر).",
        "A payment made outside Souk (transfer, cash, mobile wallet): its reference, its date "
        "and a proof (PDF, JPEG or PNG, at most 5 MB).",
    ),
    "payouts_proof_file": ("Justificatif", "ملف الإثبات", "Proof document"),
    "payouts_approve": ("Approuver", "موافقة", "Approve"),
    "payouts_cancel_payout": ("Annuler ce versement", "إلغاء هذه الدفعة", "Cancel this payout"),
    "payouts_cancel_help": (
        "Le montant redevient disponible pour un prochain versement.",
        "يعود المبلغ متاحًا لدفعة قادمة.",
        "The amount becomes available again for a later payout.",
    ),
    "payouts_reason": ("Motif", "السبب", "Reason"),
    "payouts_view_proof": ("Voir le justificatif", "عرض الإثبات", "See the proof"),
    "payouts_run_started": ("Versement lancé.", "أُطلقت الدفعة.", "Payout run started."),
    "payouts_recorded": ("Paiement enregistré.", "سُجّل الدفع.", "Payment recorded."),
    "payouts_approved": ("Paiement approuvé.", "تمت الموافقة على الدفع.", "Payment approved."),
    "payouts_cancelled": ("Versement annulé.", "أُلغيت الدفعة.", "Payout cancelled."),
    # The payouts services' errors (PayoutErrorCode), as the pages show them.
    "payouts_error_INVALID": ("Valeur invalide.", "قيمة غير صالحة.", "Invalid value."),
    "payouts_error_REQUIRED": ("Ce champ est requis.", "هذا الحقل مطلوب.", "This is required."),
    "payouts_error_OUT_OF_RANGE": (
        "Valeur hors limites (une date passée, 255 caractères au plus).",
        "قيمة خارج الحدود (تاريخ ماضٍ، 255 حرفًا على الأكثر).",
        "Out of range (a past date, at most 255 characters).",
    ),
    "payouts_error_INVALID_STATE": (
        "Ce versement ne le permet pas dans son état actuel.",
        "هذه الدفعة لا تسمح بذلك في حالتها الحالية.",
        "This payout does not allow it in its current state.",
    ),
    "payouts_error_NOTHING_TO_PAY": (
        "Personne n'a le minimum à recevoir avec un moyen de paiement.",
        "لا أحد مستحق للحد الأدنى مع وسيلة دفع.",
        "Nobody is owed the minimum with a payout method.",
    ),
    "payouts_error_RUN_ALREADY_OPEN": (
        "Un versement dans cette devise est encore en cours.",
        "دفعة بهذه العملة لا تزال جارية.",
        "A payout run in this currency is still open.",
    ),
    "payouts_error_UNKNOWN_CURRENCY": (
        "Devise inconnue.",
        "عملة غير معروفة.",
        "Unknown currency.",
    ),
    "payouts_error_SAME_APPROVER": (
        "Une autre personne que celle qui a enregistré le paiement doit l'approuver.",
        "يجب أن يوافق على الدفع شخص غير الذي سجله.",
        "Someone other than the person who recorded the payment approves it.",
    ),
    "payouts_error_PROOF_INVALID_TYPE": (
        "Le justificatif doit être un PDF, un JPEG ou un PNG.",
        "يجب أن يكون الإثبات PDF أو JPEG أو PNG.",
        "The proof must be a PDF, JPEG or PNG.",
    ),
    "payouts_error_PROOF_TOO_LARGE": (
        "Le justificatif dépasse 5 Mo.",
        "ملف الإثبات يتجاوز 5 ميغابايت.",
        "The proof is larger than 5 MB.",
    ),
    "payouts_error_RAIL_NOT_AVAILABLE": (
        "Ce moyen de paiement n'est pas disponible.",
        "وسيلة الدفع هذه غير متاحة.",
        "This payout method is not available.",
    ),
    "payouts_error_NOT_FOUND": ("Introuvable.", "غير موجود.", "Not found."),
}

register_texts(PAYOUT_TEXTS)
