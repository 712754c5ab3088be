"""Backends: the resources' one interface to RunPod, over REST v2 or GraphQL.

:mod:`.base` is the interface and its request types, :mod:`.routes` which API serves what in
each mode, :mod:`.router` the backend that routes, :mod:`.graphql` / :mod:`.rest` the two APIs
and :mod:`.graphql_map` / :mod:`.rest_map` their answers mapped to :mod:`runpod_gql.models`.
Modules are imported by path (``from runpod_gql.backends.router import RoutedBackend``) so that
neither API's code loads until it is used.
"""
