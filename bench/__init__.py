"""Side-by-side benchmarks of runpod-gql, runpod-python and raw HTTP clients (``python -m bench``)."""
