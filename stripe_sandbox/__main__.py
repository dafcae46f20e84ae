"""`python -m stripe_sandbox --port 12111 [--host 127.0.0.1]`: the Stripe stand-in."""

import argparse
import logging
import os

from stripe_sandbox.delivery import DEFAULT_RETRY_DELAYS
from stripe_sandbox.server import make_server


def _delays(text: str) -> tuple[float, ...]:
    return tuple(float(part) for part in text.split(",") if part.strip())


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m stripe_sandbox", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=12111)
    parser.add_argument(
        "--public-url",
        default=os.environ.get("STRIPE_SANDBOX_PUBLIC_URL"),
        help="base URL of the onboarding and 3-D Secure pages (default http://host:port)",
    )
    parser.add_argument(
        "--webhook-retry-delays",
        type=_delays,
        default=_delays(
            os.environ.get(
                "STRIPE_SANDBOX_WEBHOOK_RETRY_DELAYS", ",".join(map(str, DEFAULT_RETRY_DELAYS))
            )
        ),
        help="seconds before each webhook retry, comma-separated (default 60,300,1800,3600)",
    )
    args = parser.parse_args()
    logging.basicConfig(
        level=os.environ.get("LOG_LEVEL", "INFO"), format="%(asctime)s %(name)s %(message)s"
    )
    server = make_server(args.host, args.port, args.public_url, args.webhook_retry_delays)
    logging.getLogger("stripe_sandbox").info(
        "Stripe stand-in listening on %s", server.stand_in.base_url
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.stand_in.dispatcher.stop()
        server.server_close()


if __name__ == "__main__":
    main()
