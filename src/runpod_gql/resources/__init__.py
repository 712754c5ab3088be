"""Typed resource groups reached from ``RunPod`` (``rp.pods``, ``rp.gpus``, ...)."""
