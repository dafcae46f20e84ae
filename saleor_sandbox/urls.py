from django.urls import path

from saleor_sandbox import views
from saleor_sandbox.graphql.view import graphql_view

urlpatterns = [
    path("graphql/", graphql_view, name="api"),
    path(".well-known/jwks.json", views.jwks, name="jwks"),
    path("healthz", views.health, name="health"),
    path("media/<path:path>", views.media, name="media"),
]
