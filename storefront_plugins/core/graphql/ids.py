from graphql import GraphQLError
from graphql_relay import from_global_id


def pk_from_global_id(global_id: str, expected_type: str) -> int:
    """The primary key in a Relay global ID of `expected_type`; a top-level error otherwise."""
    try:
        type_name, pk = from_global_id(global_id)
        if type_name != expected_type:
            raise ValueError(type_name)
        return int(pk)
    except (ValueError, TypeError) as error:
        raise GraphQLError(
            f"Couldn't resolve id: {global_id} is not a {expected_type} id."
        ) from error
