# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import AwareDatetime, ConfigDict, Field

from runpod_gql_rest._base import RestModel

from . import release_diff_entry, release_source


class Release(RestModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    id: Annotated[str, Field(examples=["rel_abc123"])]
    version: Annotated[int | None, Field(examples=[4])] = None
    """
    The endpoint configuration version this release produced.
    """
    source: release_source.ReleaseSource
    build_id: Annotated[str | None, Field(alias="buildId", examples=["build_abc123"])] = None
    """
    The GitHub build that produced this release. Set when `source` is
    `GIT_BUILD`; null for `MANUAL` releases. Fetch build detail/logs via
    `/v2/serverless/{id}/builds/{buildId}`.

    """
    created_by_user_id: Annotated[str | None, Field(alias="createdByUserId")] = None
    """
    ID of the user who created the release.
    """
    worker_count: Annotated[int, Field(alias="workerCount", examples=[2], ge=0)]
    """
    Workers currently running this release's version.
    """
    created_at: Annotated[
        AwareDatetime, Field(alias="createdAt", examples=["2026-03-13T20:00:00Z"])
    ]
    diff: list[release_diff_entry.ReleaseDiffEntry]
    """
    Configuration fields that changed in this release.
    """
