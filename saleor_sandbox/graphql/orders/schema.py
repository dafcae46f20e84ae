import graphene


class OrderQueries(graphene.ObjectType):
    pass


class OrderMutations(graphene.ObjectType):
    pass
