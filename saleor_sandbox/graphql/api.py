"""The sandbox's GraphQL schema: each domain's queries and mutations, under Saleor's root
type names. Every name in it must exist in Saleor's schema with the same type (a contract
test checks this against Saleor 3.23's schema)."""

import graphene

from saleor_sandbox.graphql.accounts.schema import AccountMutations, AccountQueries
from saleor_sandbox.graphql.apps.schema import AppMutations, AppQueries
from saleor_sandbox.graphql.catalogue.schema import CatalogueMutations, CatalogueQueries
from saleor_sandbox.graphql.channels.schema import ChannelMutations, ChannelQueries
from saleor_sandbox.graphql.checkout.schema import CheckoutMutations, CheckoutQueries
from saleor_sandbox.graphql.core.metadata import MetadataMutations
from saleor_sandbox.graphql.events.schema import EVENT_TYPES, Subscription
from saleor_sandbox.graphql.orders.schema import OrderMutations, OrderQueries
from saleor_sandbox.graphql.payments.schema import PaymentMutations, PaymentQueries


class Query(
    AccountQueries,
    AppQueries,
    CatalogueQueries,
    ChannelQueries,
    CheckoutQueries,
    OrderQueries,
    PaymentQueries,
    graphene.ObjectType,
):
    pass


class Mutation(
    AccountMutations,
    AppMutations,
    CatalogueMutations,
    ChannelMutations,
    CheckoutMutations,
    MetadataMutations,
    OrderMutations,
    PaymentMutations,
    graphene.ObjectType,
):
    pass


schema = graphene.Schema(
    query=Query, mutation=Mutation, subscription=Subscription, types=EVENT_TYPES
)
