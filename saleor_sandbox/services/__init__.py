"""The sandbox's writers: GraphQL mutations call these, in one transaction each."""
