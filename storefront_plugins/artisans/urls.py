from django.urls import path

from storefront_plugins.artisans import views

urlpatterns = [
    path("directory.csv", views.directory_csv, name="artisans-directory-csv"),
]
