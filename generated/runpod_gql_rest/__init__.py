# generated — do not edit: run `make generate` (scripts/generate_rest.py)
"""RunPod REST API v2, compiled from the OpenAPI document shipped beside this file.

``client.RestClient`` has one typed async method per operation; ``models`` the request and
response models. Nothing heavy is imported until used.
"""
