from django.urls import path

from storefront_plugins.portal.views import (
    account,
    home,
    listings,
    members,
    moderation,
    my_money,
    provenance,
    storefront,
    treasury,
    unattributed,
)

app_name = "portal"

urlpatterns = [
    path("", home.home, name="home"),
    # Signing in and out, passwords, the page's language (views/account.py)
    path("sign-in", account.sign_in, name="sign-in"),
    path("sign-out", account.sign_out, name="sign-out"),
    path("password-reset", account.password_reset, name="password-reset"),
    path("set-password", account.set_password, name="set-password"),
    path("language", account.choose_language, name="language"),
    # An artisan's pieces (views/listings.py) and the managers' moderation (views/moderation.py)
    path("listings/", listings.listing_list, name="listings"),
    path("listings/new", listings.listing_new, name="listing-new"),
    path("listings/<int:listing_id>/", listings.listing_edit, name="listing"),
    path("listings/<int:listing_id>/action", listings.listing_action, name="listing-action"),
    path(
        "listings/<int:listing_id>/photo-uploaded",
        listings.photo_uploaded,
        name="listing-photo-uploaded",
    ),
    path(
        "listings/<int:listing_id>/photos/<int:photo_id>/delete",
        listings.photo_delete,
        name="listing-photo-delete",
    ),
    path("moderation/", moderation.moderation_queue, name="moderation"),
    path("moderation/<int:listing_id>/", moderation.moderation_review, name="moderation-review"),
    # An artisan's own provenance (views/provenance.py)
    path("pieces", provenance.my_pieces, name="provenance"),
    # The money pages (views/my_money.py: an artisan's; views/treasury.py: a cooperative's;
    # views/unattributed.py: allocating its unattributed sales)
    path("my/sales", my_money.sales, name="payouts-sales"),
    path("my/balance", my_money.balance, name="payouts-balance"),
    path("my/payouts", my_money.my_payouts, name="payouts-mine"),
    path("my/statements", my_money.statements, name="payouts-statements"),
    path("payouts/", treasury.cooperatives, name="payouts-cooperatives"),
    path("payouts/cooperatives/<int:cooperative_id>", treasury.runs, name="payouts-runs"),
    path(
        "payouts/cooperatives/<int:cooperative_id>/statements",
        treasury.cooperative_statements,
        name="payouts-cooperative-statements",
    ),
    path(
        "payouts/cooperatives/<int:cooperative_id>/unattributed",
        unattributed.unattributed,
        name="payouts-unattributed",
    ),
    path("payouts/runs/<int:run_id>", treasury.run, name="payouts-run"),
    path("payouts/<int:payout_id>/record", treasury.record, name="payouts-record"),
    path("payouts/<int:payout_id>/approve", treasury.approve, name="payouts-approve"),
    path("payouts/<int:payout_id>/cancel", treasury.cancel, name="payouts-cancel"),
    # A cooperative's members (views/members.py)
    path("members", members.choose_cooperative, name="members"),
    path("cooperatives/<int:cooperative_id>/members", members.member_list, name="members-list"),
    path("cooperatives/<int:cooperative_id>/members/invite", members.invite, name="members-invite"),
    path(
        "cooperatives/<int:cooperative_id>/members/<int:artisan_id>/role",
        members.change_role,
        name="members-role",
    ),
    path(
        "cooperatives/<int:cooperative_id>/members/<int:artisan_id>/suspend",
        members.suspend,
        name="members-suspend",
    ),
    path(
        "cooperatives/<int:cooperative_id>/members/<int:artisan_id>/reinstate",
        members.reinstate,
        name="members-reinstate",
    ),
    path(
        "cooperatives/<int:cooperative_id>/members/<int:artisan_id>/invitation",
        members.resend_invitation,
        name="members-resend",
    ),
    # The storefront editor (views/storefront.py)
    path("storefront", storefront.choose_cooperative, name="storefront"),
    path("cooperatives/<int:cooperative_id>/storefront", storefront.edit, name="storefront-edit"),
]
