# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from enum import Enum


class PodStatus(str, Enum):
    """
    Lifecycle status of a pod.
    - `PROVISIONING` — pod is being allocated
    - `STARTING`     — container is starting
    - `RUNNING`      — container is healthy
    - `EXITED`       — container exited (stopped)
    - `ERROR`        — container is in an unrecoverable error state
    - `TERMINATED`   — pod has been permanently deleted

    """

    PROVISIONING = "PROVISIONING"
    STARTING = "STARTING"
    RUNNING = "RUNNING"
    EXITED = "EXITED"
    ERROR = "ERROR"
    TERMINATED = "TERMINATED"
