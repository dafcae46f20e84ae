from django.urls import path

from storefront_plugins.portal.views import account, home, listings, moderation

app_name = "portal"

urlpatterns = [
    path("", home.home, name="home"),
    path("sign-in", account.sign_in, name="sign-in"),
    path("sign-out", account.sign_out, name="sign-out"),
    path("password-reset", account.password_reset, name="password-reset"),
    path("set-password", account.set_password, name="set-password"),
    path("language", account.choose_language, name="language"),
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
]
