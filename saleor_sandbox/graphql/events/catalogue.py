"""Catalogue events (ProductCreated, ProductUpdated, ...): the catalogue work adds them."""

import graphene

CATALOGUE_EVENT_TYPES: list[type[graphene.ObjectType]] = []
