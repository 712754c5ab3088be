# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel

from . import network_mount, persistent_mount


class Mounts(RestModel):
    """
    Storage mounts attached to a pod. At-most-one of `persistent` or
    `network` may be set today (mutually exclusive, enforced at the
    handler with 400 if both are present). The `network` field is an
    array for forward compatibility with eventual multi-network-volume
    support, but `maxItems` is 1 today.

    PATCH semantics:
    - Omitting `mounts` or sending `{}` leaves the existing mount
      unchanged.
    - An explicit `network: []` is rejected with 400 (clearing mounts
      is not supported).
    - Mount kind is fixed at create — a PATCH that introduces a kind
      not present at create (persistent on a network pod, network on
      a persistent pod, or any mount on a previously-mountless pod)
      is rejected with 400.
    - The `volumeId` of a network mount is immutable; a PATCH that
      names a different `volumeId` is rejected with 400.
    - Partial mounts are not supported — every mount entry must
      include the full schema (`size` + `path` for persistent,
      `volumeId` + `path` for network). Missing required fields → 422.

    """

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    persistent: persistent_mount.PersistentMount | None = None
    network: Annotated[list[network_mount.NetworkMount] | None, Field(max_length=1)] = None
