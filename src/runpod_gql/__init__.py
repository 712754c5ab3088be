"""runpod-gql: a typed async client for RunPod's GPU cloud."""

__version__ = "0.1.0"
