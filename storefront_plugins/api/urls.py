from django.conf import settings
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from storefront_plugins.api.schema import schema
from storefront_plugins.api.views import SoukGraphQLView

urlpatterns = [
    path(
        "graphql/",
        csrf_exempt(SoukGraphQLView.as_view(schema=schema, graphiql=settings.DEBUG)),
        name="api-graphql",
    ),
]
