"""A local RunPod API emulator (work in progress)."""
