# generated — do not edit: run `make generate` (scripts/generate_rest.py)
"""RunPod REST API v2, compiled from the OpenAPI document shipped beside this file."""
