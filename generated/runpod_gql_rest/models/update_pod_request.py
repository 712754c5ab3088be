# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from . import mounts as mounts_1
from .container_config import ContainerConfig


class UpdatePodRequest(ContainerConfig):
    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    global_networking: Annotated[bool | None, Field(alias="globalNetworking")] = None
    """
    Enable (true) or disable (false) global networking. Takes effect on the next pod start/restart, not live. Requires an NVIDIA GPU and a global-networking-enabled data center (both enforced upstream). See `GET /v2/catalog/datacenters` (`globalNetwork`) for eligible data centers.
    """
    locked: bool | None = None
    """
    Lock the pod (true) or unlock it (false). Locked pods cannot be stopped or reset.
    """
    mounts: mounts_1.Mounts | None = None
    name: Annotated[str | None, Field(min_length=1)] = None
    template_id: Annotated[str | None, Field(alias="templateId", examples=["30zmvf89kd"])] = None
    """
    ID of a pod template whose container settings are applied as
    if they were provided in this PATCH body (image, args, disk,
    ports, env, registry — mounts are not applied on update).
    Explicit body fields override the template's; `env` merges
    template and body per key (body wins) and, per PATCH
    semantics, replaces the pod's env. One-time application —
    no link to the template is retained. Must be one of your
    templates or a public template (unknown or inaccessible ID
    → 404); must not be a serverless template (→ 422).

    """
