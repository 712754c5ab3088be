"""A local RunPod API emulator: a real GraphQL server on loopback for offline tests and demos.

::

    from runpod_gql.emulator import Emulator, ManualClock, Fault

    async with Emulator(clock=ManualClock()) as emu:
        async with emu.client() as rp:  # a RunPod wired to emu's URL, key and time
            ...
        emu.clock.advance(30)  # pods booted
        emu.inject(Fault.DROP_AFTER, operations={"CreatePod"})
        emu.serve_endpoint("my-endpoint", lambda job: {"echo": job["input"]})
        ...  # jobs at emu.jobs_url + "/my-endpoint/run" (runpod-python's RUNPOD_ENDPOINT_BASE_URL)

Needs the ``emulator`` extra (``pip install 'runpod-gql[emulator]'``). Imports nothing from the
client at import time: it shares only ``schema.graphql`` (``Emulator.client()`` loads the client
when called).
"""

import warnings
from typing import Any

from ._client_clock import EmulatorTime
from ._clock import EmulatedClock, ManualClock, ScaledClock
from ._faults import Fault, FaultRule, RequestRecord
from ._jobs import EmulatedJob, EndpointJobs, Handler, JobStatus
from ._records import PodCreate, PodRecord
from ._server import Emulator
from ._state import (
    CAPACITY_ERROR,
    HOST_FULL_ERROR,
    OPAQUE_ERROR,
    SPOT_RESUME_ERROR,
    TERMINATE_NOT_FOUND_ERROR,
    VOLUME_NOT_FOUND_ERROR,
    World,
)

__all__ = [
    "CAPACITY_ERROR",
    "HOST_FULL_ERROR",
    "OPAQUE_ERROR",
    "SPOT_RESUME_ERROR",
    "TERMINATE_NOT_FOUND_ERROR",
    "VOLUME_NOT_FOUND_ERROR",
    "EmulatedClock",
    "EmulatedJob",
    "Emulator",
    "EmulatorTime",
    "EndpointJobs",
    "Fault",
    "FaultRule",
    "Handler",
    "JobStatus",
    "ManualClock",
    "PodCreate",
    "PodRecord",
    "RequestRecord",
    "ScaledClock",
    "World",
]


def __getattr__(name: str) -> Any:
    if name == "Clock":  # renamed: runpod_gql.Clock is the client's clock
        warnings.warn(
            "runpod_gql.emulator.Clock is now EmulatedClock", DeprecationWarning, stacklevel=2
        )
        return EmulatedClock
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
