from django.http import HttpRequest, HttpResponse

from storefront_plugins.portal.pages import portal_page, render_page


@portal_page
def home(request: HttpRequest) -> HttpResponse:
    return render_page(request, "portal/home.html")
