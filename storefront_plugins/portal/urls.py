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
