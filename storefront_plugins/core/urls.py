from django.urls import path

from storefront_plugins.core.views import stored_file

urlpatterns = [
    path("files/<str:token>", stored_file, name="stored-file"),
]
