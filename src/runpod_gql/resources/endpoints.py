"""Serverless endpoints: list, get, save, delete, change template or worker counts."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from typing import Literal

from .. import _validate as v
from ..backends.base import EndpointSave
from ..errors import InputValidationError
from ..models import Endpoint, EndpointWorker
from ._base import BackendResource, found


class Endpoints(BackendResource):
    """``rp.endpoints``."""

    async def list(self) -> list[Endpoint]:
        return await self._b.list_endpoints()

    async def get(self, endpoint_id: str) -> Endpoint:
        v.text("endpoint_id", endpoint_id)
        return found(
            await self._b.get_endpoint(endpoint_id), f"endpoint {endpoint_id}", "getEndpoint"
        )

    async def save(
        self,
        *,
        name: str,
        template_id: str,
        gpu_ids: str | Sequence[str],
        endpoint_id: str | None = None,
        endpoint_type: Literal["QUEUE", "LOAD_BALANCER"] = "QUEUE",
        workers_min: int = 0,
        workers_max: int = 3,
        gpu_count: int = 1,
        idle_timeout: int = 5,
        scaler_type: Literal["QUEUE_DELAY", "REQUEST_COUNT"] | None = None,
        scaler_value: int = 4,
        locations: str | Sequence[str] | None = None,
        network_volume_id: str | None = None,
    ) -> Endpoint:
        """Create an endpoint, or update the one with ``endpoint_id``.

        ``gpu_ids`` are RunPod's GPU pool ids (e.g. ``AMPERE_16``); a ``-`` before a GPU type id
        excludes that type. ``locations`` are data centre ids. ``endpoint_type`` is ``QUEUE``
        (jobs: :meth:`RunPod.endpoint`) or ``LOAD_BALANCER`` (requests straight to the workers'
        HTTP server at ``Endpoint.url``; REST v2 only, in every API mode). The scaler defaults to
        ``QUEUE_DELAY`` for a queue and to ``REQUEST_COUNT``, the only one it takes, for a load
        balancer. The type is set on create and an update keeps it: to update a load balancer,
        give ``endpoint_type="LOAD_BALANCER"`` again, so that its scaler is the one it takes.
        """
        v.integer("workers_min", workers_min)
        v.integer("workers_max", workers_max, minimum=1)
        if workers_max < workers_min:
            raise InputValidationError("workers_max", f"must be >= workers_min ({workers_min})")
        if endpoint_type not in ("QUEUE", "LOAD_BALANCER"):
            raise InputValidationError(
                "endpoint_type", f"must be QUEUE or LOAD_BALANCER, got {endpoint_type!r}"
            )
        balanced = endpoint_type == "LOAD_BALANCER"
        if scaler_type is None:
            scaler_type = "REQUEST_COUNT" if balanced else "QUEUE_DELAY"
        if scaler_type not in ("QUEUE_DELAY", "REQUEST_COUNT"):
            raise InputValidationError(
                "scaler_type", f"must be QUEUE_DELAY or REQUEST_COUNT, got {scaler_type!r}"
            )
        if balanced and scaler_type != "REQUEST_COUNT":
            raise InputValidationError(
                "scaler_type",
                "a LOAD_BALANCER endpoint scales by REQUEST_COUNT only (queue delay needs a queue)",
            )
        ids = v.names("gpu_ids", gpu_ids)
        request = EndpointSave(
            name=v.text("name", name),
            template_id=v.text("template_id", template_id),
            gpu_pools=[g for g in ids if not g.startswith("-")],
            excluded_gpu_types=[g[1:] for g in ids if g.startswith("-")],
            endpoint_id=v.text("endpoint_id", endpoint_id) if endpoint_id is not None else None,
            type=endpoint_type,
            gpu_count=v.integer("gpu_count", gpu_count, minimum=1),
            workers_min=workers_min,
            workers_max=workers_max,
            idle_timeout=v.integer("idle_timeout", idle_timeout, minimum=1),
            scaler_type=scaler_type,
            scaler_value=v.integer("scaler_value", scaler_value, minimum=1),
            data_center_ids=v.names("locations", locations) if locations else [],
            network_volume_id=network_volume_id,
        )
        return await self._b.save_endpoint(request)

    async def update_template(self, endpoint_id: str, template_id: str) -> Endpoint:
        return await self._b.update_endpoint_template(
            v.text("endpoint_id", endpoint_id), v.text("template_id", template_id)
        )

    async def set_workers(
        self, endpoint_id: str, *, workers_min: int | None = None, workers_max: int | None = None
    ) -> Endpoint:
        """Change the worker bounds (one request on REST v2; one per bound on GraphQL)."""
        if workers_min is None and workers_max is None:
            raise InputValidationError("workers_min", "give workers_min and/or workers_max")
        if workers_min is not None:
            v.integer("workers_min", workers_min)
        if workers_max is not None:
            v.integer("workers_max", workers_max)
        if workers_min is not None and workers_max is not None and workers_max < workers_min:
            raise InputValidationError("workers_max", f"must be >= workers_min ({workers_min})")
        return await self._b.set_endpoint_workers(
            v.text("endpoint_id", endpoint_id), workers_min, workers_max
        )

    async def workers(self, endpoint_id: str) -> builtins.list[EndpointWorker]:
        """The endpoint's workers now: RUNNING a job, IDLE, INITIALIZING (cold), THROTTLED
        (waiting for capacity) or UNHEALTHY. REST v2 only, used in every API mode."""
        v.text("endpoint_id", endpoint_id)
        workers = await self._b.list_endpoint_workers(endpoint_id)
        return found(workers, f"endpoint {endpoint_id}", "listEndpointWorkers")

    async def delete(self, endpoint_id: str) -> bool:
        """Delete; False when it was already gone."""
        return await self._b.delete_endpoint(v.text("endpoint_id", endpoint_id))
