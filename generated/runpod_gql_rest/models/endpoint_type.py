# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from enum import Enum


class EndpointType(str, Enum):
    """
    Request-routing semantics for a modern serverless endpoint.
    - `QUEUE` — submit asynchronous or synchronous jobs through the managed queue.
    - `LOAD_BALANCER` — send requests directly to worker-defined HTTP paths.
      Configure via `env`: `PORT` (server port, default 80), `PORT_HEALTH`
      (health-check port, default 80), and `HEALTH_CHECK_PATH` (path the
      load balancer polls for worker health, default `/ping`).

    """

    ENDPOINT_TYPE_QUEUE = "QUEUE"
    ENDPOINT_TYPE_LOAD_BALANCER = "LOAD_BALANCER"
