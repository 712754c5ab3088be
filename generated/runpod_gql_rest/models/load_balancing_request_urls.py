# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import AnyUrl, ConfigDict, Field

from runpod_gql_rest._base import RestModel


class LoadBalancingRequestUrls(RestModel):
    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    base: Annotated[AnyUrl, Field(examples=["https://4m7x2k9q.api.runpod.ai"])]
    """
    Base URL for worker-defined HTTP and WebSocket paths.
    """
    health: Annotated[AnyUrl, Field(examples=["https://4m7x2k9q.api.runpod.ai/ping"])]
    """
    Health check endpoint the load balancer will periodically ping to decide if the worker is healthy enough to receive traffic. Configurable by setting the `HEALTH_CHECK_PATH` environment variable. Defaults to `/ping` if the variable is not set.
    """
