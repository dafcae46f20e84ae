"""`POST /api/stripe/webhooks`: verify, store once, queue; answer with a status and JSON."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from storefront_plugins.stripe_gateway.webhooks import StripeWebhookRejected, receive_stripe_webhook


@csrf_exempt
@require_POST
def stripe_webhook(request: HttpRequest) -> JsonResponse:
    try:
        received = receive_stripe_webhook(request.body, request.headers.get("Stripe-Signature"))
    except StripeWebhookRejected as error:
        return JsonResponse(
            {"received": False, "error": {"code": error.code.value, "message": error.message}},
            status=error.status,
        )
    return JsonResponse(
        {"received": True, "event": received.event.event_id, "duplicate": received.duplicate}
    )
