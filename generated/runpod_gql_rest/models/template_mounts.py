# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from pydantic import ConfigDict

from runpod_gql_rest._base import RestModel

from . import persistent_mount


class TemplateMounts(RestModel):
    """
    Storage mounts attached to a template. Templates support only a
    single persistent mount today; any `network` property is rejected
    with 422 by the schema validator.

    PATCH semantics: omitting `mounts` or sending `{}` leaves the
    existing mount unchanged.

    """

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    persistent: persistent_mount.PersistentMount | None = None
