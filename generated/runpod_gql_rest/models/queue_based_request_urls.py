# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import AnyUrl, ConfigDict, Field

from runpod_gql_rest._base import RestModel


class QueueBasedRequestUrls(RestModel):
    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    run: Annotated[AnyUrl, Field(examples=["https://api.runpod.ai/v2/4m7x2k9q/run"])]
    """
    URL for asynchronously submitting a queued job.
    """
    run_sync: Annotated[
        AnyUrl, Field(alias="runSync", examples=["https://api.runpod.ai/v2/4m7x2k9q/runsync"])
    ]
    """
    URL for synchronously submitting a queued job. Accepts an optional `?wait=x` query parameter to control how long the request waits for job completion, defaulting to 90 seconds.
    """
    status: Annotated[AnyUrl, Field(examples=["https://api.runpod.ai/v2/4m7x2k9q/status/{job_id}"])]
    """
    Check the current state, execution statistics, and results of a previously submitted job.
    """
    stream: Annotated[AnyUrl, Field(examples=["https://api.runpod.ai/v2/4m7x2k9q/stream/{job_id}"])]
    """
    Receive incremental results as they become available from a job that generates output progressively.
    """
    cancel: Annotated[AnyUrl, Field(examples=["https://api.runpod.ai/v2/4m7x2k9q/cancel/{job_id}"])]
    """
    Stop an in-progress job or remove a queued job before it starts.
    """
    retry: Annotated[AnyUrl, Field(examples=["https://api.runpod.ai/v2/4m7x2k9q/retry/{job_id}"])]
    """
    Requeue a failed or timed-out job without submitting a new request.
    """
    purge_queue: Annotated[
        AnyUrl,
        Field(alias="purgeQueue", examples=["https://api.runpod.ai/v2/4m7x2k9q/purge-queue"]),
    ]
    """
    Remove all pending jobs from the queue. Does not affect in-progress jobs.
    """
    health: Annotated[AnyUrl, Field(examples=["https://api.runpod.ai/v2/4m7x2k9q/health"])]
    """
    Overview of an endpoint's operational status.
    """
