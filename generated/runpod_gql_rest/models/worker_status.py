# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from enum import Enum


class WorkerStatus(str, Enum):
    """
    Derived worker state, reconciled from the worker pod's lifecycle status
    and the live job-queue view.
    - `RUNNING`      — actively processing a job
    - `IDLE`         — ready and polling for jobs
    - `INITIALIZING` — starting up, not yet ready
    - `THROTTLED`    — waiting on compute capacity
    - `UNHEALTHY`    — failing health checks

    """

    WORKER_STATUS_RUNNING = "RUNNING"
    WORKER_STATUS_IDLE = "IDLE"
    WORKER_STATUS_INITIALIZING = "INITIALIZING"
    WORKER_STATUS_THROTTLED = "THROTTLED"
    WORKER_STATUS_UNHEALTHY = "UNHEALTHY"
