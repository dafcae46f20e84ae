"""The App's GraphQL schema, assembled from each capability's `graphql/schema.py`."""

import graphene

from storefront_plugins.accounts.graphql import schema as accounts
from storefront_plugins.artisans.graphql import schema as artisans
from storefront_plugins.listings.graphql import schema as listings
from storefront_plugins.payouts.graphql import payout_schema as payout_runs
from storefront_plugins.payouts.graphql import schema as payouts
from storefront_plugins.payouts.graphql import unattributed_schema as unattributed
from storefront_plugins.provenance.graphql import schema as provenance
from storefront_plugins.storefronts.graphql import schema as storefronts


class Query(
    accounts.Query,
    artisans.Query,
    provenance.Query,
    listings.Query,
    storefronts.Query,
    payouts.Query,
    payout_runs.PayoutRunQuery,
    unattributed.UnattributedFundsQuery,
    graphene.ObjectType,
):
    node = graphene.relay.Node.Field()


class Mutation(
    accounts.Mutation,
    artisans.Mutation,
    provenance.Mutation,
    listings.Mutation,
    storefronts.Mutation,
    payouts.Mutation,
    payout_runs.PayoutRunMutation,
    unattributed.UnattributedFundsMutation,
    graphene.ObjectType,
):
    pass


schema = graphene.Schema(query=Query, mutation=Mutation)
