"""Stripe's list objects: `{object: list, data, has_more, url}`, newest first, paged by
`limit`, `starting_after` and `ending_before`."""

from collections.abc import Iterable

from stripe_sandbox.errors import invalid
from stripe_sandbox.params import Params
from stripe_sandbox.state import StripeObject

LIST_PARAMS = {"limit", "starting_after", "ending_before"}


def list_object(
    url: str, items: Iterable[StripeObject], params: Params | None = None
) -> StripeObject:
    everything = list(items)
    if params is None:
        return {
            "object": "list",
            "data": everything[:10],
            "has_more": len(everything) > 10,
            "url": url,
        }
    limit = params.integer("limit", minimum=1)
    limit = 10 if limit is None else limit
    if limit > 100:
        raise invalid("This value must be less than or equal to 100.", param="limit")
    starting_after = params.string("starting_after")
    ending_before = params.string("ending_before")
    ids = [item["id"] for item in everything]
    if starting_after is not None:
        if starting_after not in ids:
            raise invalid(f"No such object: '{starting_after}'", param="starting_after")
        page = everything[ids.index(starting_after) + 1 :]
        data, has_more = page[:limit], len(page) > limit
    elif ending_before is not None:
        if ending_before not in ids:
            raise invalid(f"No such object: '{ending_before}'", param="ending_before")
        page = everything[: ids.index(ending_before)]
        data, has_more = page[-limit:], len(page) > limit
    else:
        data, has_more = everything[:limit], len(everything) > limit
    return {"object": "list", "data": data, "has_more": has_more, "url": url}
