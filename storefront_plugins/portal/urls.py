from django.urls import path

from storefront_plugins.portal.views import account, home

app_name = "portal"

urlpatterns = [
    path("", home.home, name="home"),
    path("sign-in", account.sign_in, name="sign-in"),
    path("sign-out", account.sign_out, name="sign-out"),
    path("password-reset", account.password_reset, name="password-reset"),
    path("set-password", account.set_password, name="set-password"),
    path("language", account.choose_language, name="language"),
]

# A cooperative's members (portal.views.members).
from storefront_plugins.portal.views import members  # noqa: E402

urlpatterns += [
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
]

# The storefront editor (portal.views.storefront).
from storefront_plugins.portal.views import storefront  # noqa: E402

urlpatterns += [
    path("storefront", storefront.choose_cooperative, name="storefront"),
    path("cooperatives/<int:cooperative_id>/storefront", storefront.edit, name="storefront-edit"),
]

# An artisan's own provenance (portal.views.provenance).
from storefront_plugins.portal.views import provenance  # noqa: E402

urlpatterns += [path("pieces", provenance.my_pieces, name="provenance")]
