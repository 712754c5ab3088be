"""The REST side of `make generate`: openapi.json compiled into generated/runpod_gql_rest."""
