"""Serverless endpoints: list, get, save, delete, change template or worker counts."""

from __future__ import annotations

from collections.abc import Sequence

from runpod_gql_generated.fragments import Endpoint
from runpod_gql_generated.input_types import (
    EndpointInput,
    UpdateEndpointTemplateInput,
    UpdateEndpointWorkersInput,
)

from .. import _validate as v
from ..errors import InputValidationError, NotFoundError
from ._base import Resource, present, required


class Endpoints(Resource):
    """``rp.endpoints``."""

    async def list(self) -> list[Endpoint]:
        result = await self._t.run(self._t.list_endpoints())
        return present(required(result.myself, "myself", "ListEndpoints").endpoints)

    async def get(self, endpoint_id: str) -> Endpoint:
        v.text("endpoint_id", endpoint_id)
        result = await self._t.run(self._t.get_endpoint(id=endpoint_id))
        found = required(result.myself, "myself", "GetEndpoint").endpoint
        if found is None:
            raise NotFoundError(f"endpoint {endpoint_id} not found", operation="GetEndpoint")
        return found

    async def save(
        self,
        *,
        name: str,
        template_id: str,
        gpu_ids: str | Sequence[str],
        endpoint_id: str | None = None,
        workers_min: int = 0,
        workers_max: int = 3,
        gpu_count: int = 1,
        idle_timeout: int = 5,
        scaler_type: str = "QUEUE_DELAY",
        scaler_value: int = 4,
        locations: str | None = None,
        network_volume_id: str | None = None,
    ) -> Endpoint:
        """Create an endpoint, or update the one with ``endpoint_id``.

        ``gpu_ids`` are RunPod's GPU pool ids (e.g. ``AMPERE_16``), several joined by commas.
        """
        v.integer("workers_min", workers_min)
        v.integer("workers_max", workers_max, minimum=1)
        if workers_max < workers_min:
            raise InputValidationError("workers_max", f"must be >= workers_min ({workers_min})")
        fields = EndpointInput(
            name=v.text("name", name),
            template_id=v.text("template_id", template_id),
            gpu_ids=",".join(v.names("gpu_ids", gpu_ids)),
            workers_min=v.integer("workers_min", workers_min),
            workers_max=v.integer("workers_max", workers_max, minimum=1),
            gpu_count=v.integer("gpu_count", gpu_count, minimum=1),
            idle_timeout=v.integer("idle_timeout", idle_timeout, minimum=1),
            scaler_type=v.text("scaler_type", scaler_type),
            scaler_value=v.integer("scaler_value", scaler_value, minimum=1),
        )
        if endpoint_id is not None:
            fields.id = v.text("endpoint_id", endpoint_id)
        if locations is not None:
            fields.locations = locations
        if network_volume_id is not None:
            fields.network_volume_id = network_volume_id
        result = await self._t.run(self._t.save_endpoint(input=fields))
        return required(result.save_endpoint, "saveEndpoint", "SaveEndpoint")

    async def update_template(self, endpoint_id: str, template_id: str) -> Endpoint:
        fields = UpdateEndpointTemplateInput(
            endpoint_id=v.text("endpoint_id", endpoint_id),
            template_id=v.text("template_id", template_id),
        )
        result = await self._t.run(self._t.update_endpoint_template(input=fields))
        return required(
            result.update_endpoint_template, "updateEndpointTemplate", "UpdateEndpointTemplate"
        )

    async def set_workers(
        self, endpoint_id: str, *, workers_min: int | None = None, workers_max: int | None = None
    ) -> Endpoint:
        """Change the worker bounds (one request per bound given)."""
        if workers_min is None and workers_max is None:
            raise InputValidationError("workers_min", "give workers_min and/or workers_max")
        if workers_min is not None:
            v.integer("workers_min", workers_min)
        if workers_max is not None:
            v.integer("workers_max", workers_max)
        if workers_min is not None and workers_max is not None and workers_max < workers_min:
            raise InputValidationError("workers_max", f"must be >= workers_min ({workers_min})")
        v.text("endpoint_id", endpoint_id)
        endpoint: Endpoint | None = None
        if workers_max is not None:
            fields = UpdateEndpointWorkersInput(
                endpoint_id=endpoint_id, worker_count=v.integer("workers_max", workers_max)
            )
            result_max = await self._t.run(self._t.update_endpoint_workers_max(input=fields))
            endpoint = result_max.update_endpoint_workers_max
        if workers_min is not None:
            fields = UpdateEndpointWorkersInput(
                endpoint_id=endpoint_id, worker_count=v.integer("workers_min", workers_min)
            )
            result_min = await self._t.run(self._t.update_endpoint_workers_min(input=fields))
            endpoint = result_min.update_endpoint_workers_min
        return required(endpoint, "endpoint", "UpdateEndpointWorkers")

    async def delete(self, endpoint_id: str) -> bool:
        """Delete; False when it was already gone."""
        v.text("endpoint_id", endpoint_id)
        try:
            await self._t.run(self._t.delete_endpoint(id=endpoint_id))
        except NotFoundError:
            return False
        return True
