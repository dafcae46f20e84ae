"""Webhook delivery: every event goes to each endpoint that wants it, signed as Stripe signs
(`Stripe-Signature: t=<ts>,v1=<hex HMAC-SHA256 of "<ts>.<payload>">`), by one background
thread, retried after each delay in `retry_delays` on a non-2xx answer or a connection error,
then given up. Every attempt is recorded for the control API."""

import hashlib
import heapq
import hmac
import itertools
import json
import logging
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field

from stripe_sandbox.ids import now
from stripe_sandbox.resources.webhook_endpoints import wants
from stripe_sandbox.state import Store, StripeObject

logger = logging.getLogger(__name__)

DEFAULT_RETRY_DELAYS = (60.0, 300.0, 1800.0, 3600.0)
TIMEOUT_SECONDS = 10.0


def signature_header(payload: str, secret: str, timestamp: int) -> str:
    signed = f"{timestamp}.{payload}".encode()
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


@dataclass(order=True)
class _Attempt:
    due: float
    sequence: int
    endpoint_id: str = field(compare=False)
    event_id: str = field(compare=False)
    number: int = field(compare=False)
    generation: int = field(compare=False)


class WebhookDispatcher:
    def __init__(
        self, store: Store, retry_delays: tuple[float, ...] = DEFAULT_RETRY_DELAYS
    ) -> None:
        self.store = store
        self.retry_delays = retry_delays
        self._queue: list[_Attempt] = []
        self._sequence = itertools.count()
        self._wakeup = threading.Condition()
        self._stopped = False
        self._thread = threading.Thread(target=self._run, name="webhook-delivery", daemon=True)
        store.event_listeners.append(self.enqueue)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        with self._wakeup:
            self._stopped = True
            self._wakeup.notify()

    def clear(self) -> None:
        with self._wakeup:
            self._queue.clear()

    def enqueue(self, event: StripeObject) -> None:
        """Called under the store's lock when an event is stored."""
        targets = [
            endpoint["id"]
            for endpoint in self.store.of_type("webhook_endpoint")
            if wants(endpoint, self.store.connect_endpoints.get(endpoint["id"], False), event)
        ]
        event["pending_webhooks"] = len(targets)
        with self._wakeup:
            for endpoint_id in targets:
                heapq.heappush(
                    self._queue,
                    _Attempt(
                        time.monotonic(),
                        next(self._sequence),
                        endpoint_id,
                        event["id"],
                        1,
                        self.store.generation,
                    ),
                )
            self._wakeup.notify()

    def _run(self) -> None:
        while True:
            with self._wakeup:
                while not self._stopped and (
                    not self._queue or self._queue[0].due > time.monotonic()
                ):
                    timeout = self._queue[0].due - time.monotonic() if self._queue else None
                    self._wakeup.wait(timeout)
                if self._stopped:
                    return
                attempt = heapq.heappop(self._queue)
            self._deliver(attempt)

    def _deliver(self, attempt: _Attempt) -> None:
        with self.store.lock:
            endpoint = self.store.find(attempt.endpoint_id)
            event = self.store.find(attempt.event_id)
            secret = self.store.webhook_secrets.get(attempt.endpoint_id)
            if endpoint is None or event is None or secret is None:
                return
            payload = json.dumps(event, indent=2)
            url = str(endpoint["url"])
        timestamp = now()
        status, error = self._post(url, payload, signature_header(payload, secret, timestamp))
        succeeded = status is not None and 200 <= status < 300
        with self.store.lock:
            if self.store.generation != attempt.generation:
                return
            self.store.deliveries.append(
                {
                    "endpoint": attempt.endpoint_id,
                    "event": attempt.event_id,
                    "type": event["type"],
                    "attempt": attempt.number,
                    "status": status,
                    "error": error,
                    "succeeded": succeeded,
                    "at": timestamp,
                }
            )
            if succeeded or attempt.number > len(self.retry_delays):
                event["pending_webhooks"] = max(0, int(event["pending_webhooks"]) - 1)
                return
        delay = self.retry_delays[attempt.number - 1]
        with self._wakeup:
            heapq.heappush(
                self._queue,
                _Attempt(
                    time.monotonic() + delay,
                    next(self._sequence),
                    attempt.endpoint_id,
                    attempt.event_id,
                    attempt.number + 1,
                    attempt.generation,
                ),
            )
            self._wakeup.notify()

    @staticmethod
    def _post(url: str, payload: str, signature: str) -> tuple[int | None, str | None]:
        request = urllib.request.Request(  # noqa: S310 - endpoints are http(s) URLs, checked on create
            url,
            data=payload.encode(),
            method="POST",
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "Stripe-Signature": signature,
                "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
                return int(response.status), None
        except urllib.error.HTTPError as error:
            return int(error.code), None
        except (OSError, urllib.error.URLError) as error:
            logger.info("webhook delivery to %s failed: %s", url, error)
            return None, str(error)
