from django.urls import path

from storefront_plugins.listings import views

urlpatterns = [
    path("listings/photo-uploads", views.photo_upload, name="listings-photo-upload"),
]
