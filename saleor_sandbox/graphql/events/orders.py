"""Order and checkout events (OrderFullyPaid, ...): the checkout/order work adds them."""

import graphene

ORDER_EVENT_TYPES: list[type[graphene.ObjectType]] = []
