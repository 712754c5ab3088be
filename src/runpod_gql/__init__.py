"""runpod-gql: a typed async client for RunPod's GPU cloud.

``from runpod_gql import RunPod`` and ``async with RunPod() as rp: ...``. Every model a method
returns (``Pod``, ``GpuOffer``, ...) and every error is importable from here. Names load on
first use, so ``import runpod_gql`` costs almost nothing until a client is made.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

# Errors are light (no third-party imports), so they load eagerly.
from .errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    CapacityError,
    ConfigurationError,
    ConflictError,
    GraphQLErrorDetail,
    HostFullError,
    HostKeyError,
    InputValidationError,
    InsufficientBalanceError,
    InvalidRequestError,
    NotFoundError,
    OperationError,
    PlacementAttempt,
    PlacementError,
    PodError,
    PodInterruptedError,
    PodStateError,
    ProblemDetail,
    RateLimitError,
    RemoteCommandError,
    RemoteError,
    RemoteTimeoutError,
    ResponseValidationError,
    RunpodctlError,
    RunpodctlNotFoundError,
    RunPodError,
    ServerError,
    SSHError,
    WaitTimeoutError,
)

__version__ = "0.1.0"

if TYPE_CHECKING:
    from runpod_gql_generated.enums import CloudTypeEnum, PodStatus, PodType
    from runpod_gql_generated.fragments import (
        Account,
        CpuFlavor,
        DataCenter,
        Endpoint,
        GpuOffer,
        GpuPrice,
        GpuType,
        Machine,
        NetworkVolume,
        Pod,
        PodState,
        Port,
        RegistryAuth,
        Runtime,
        Secret,
        Template,
    )

    from ._clock import Clock, SystemClock
    from ._config import APIKey, Config, resolve_config
    from ._ratelimit import RateLimiter
    from ._retry import RetryPolicy
    from ._transport import TransportStats
    from ._wire import Timeouts
    from .client import RunPod
    from .resources.catalog import GpuChoice
    from .resources.monitoring import GpuUse, PodMetrics
    from .resources.placement import Candidate
    from .resources.readiness import PollSchedule, Progress

_LAZY: dict[str, str] = {
    "RunPod": ".client",
    "Config": "._config",
    "APIKey": "._config",
    "resolve_config": "._config",
    "RetryPolicy": "._retry",
    "RateLimiter": "._ratelimit",
    "TransportStats": "._transport",
    "Timeouts": "._wire",
    "Clock": "._clock",
    "SystemClock": "._clock",
    "GpuChoice": ".resources.catalog",
    "GpuUse": ".resources.monitoring",
    "PodMetrics": ".resources.monitoring",
    "Candidate": ".resources.placement",
    "PollSchedule": ".resources.readiness",
    "Progress": ".resources.readiness",
    "CloudTypeEnum": "runpod_gql_generated.enums",
    "PodStatus": "runpod_gql_generated.enums",
    "PodType": "runpod_gql_generated.enums",
    **dict.fromkeys(
        [
            "Account",
            "CpuFlavor",
            "DataCenter",
            "Endpoint",
            "GpuOffer",
            "GpuPrice",
            "GpuType",
            "Machine",
            "NetworkVolume",
            "Pod",
            "PodState",
            "Port",
            "RegistryAuth",
            "Runtime",
            "Secret",
            "Template",
        ],
        "runpod_gql_generated.fragments",
    ),
}

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIKey",
    "APITimeoutError",
    "Account",
    "AuthenticationError",
    "Candidate",
    "CapacityError",
    "Clock",
    "CloudTypeEnum",
    "Config",
    "ConfigurationError",
    "ConflictError",
    "CpuFlavor",
    "DataCenter",
    "Endpoint",
    "GpuChoice",
    "GpuOffer",
    "GpuPrice",
    "GpuType",
    "GpuUse",
    "GraphQLErrorDetail",
    "HostFullError",
    "HostKeyError",
    "InputValidationError",
    "InsufficientBalanceError",
    "InvalidRequestError",
    "Machine",
    "NetworkVolume",
    "NotFoundError",
    "OperationError",
    "PlacementAttempt",
    "PlacementError",
    "Pod",
    "PodError",
    "PodInterruptedError",
    "PodMetrics",
    "PodState",
    "PodStateError",
    "PodStatus",
    "PodType",
    "PollSchedule",
    "Port",
    "ProblemDetail",
    "Progress",
    "RateLimitError",
    "RateLimiter",
    "RegistryAuth",
    "RemoteCommandError",
    "RemoteError",
    "RemoteTimeoutError",
    "ResponseValidationError",
    "RetryPolicy",
    "RunPod",
    "RunPodError",
    "RunpodctlError",
    "RunpodctlNotFoundError",
    "Runtime",
    "SSHError",
    "Secret",
    "ServerError",
    "SystemClock",
    "Template",
    "Timeouts",
    "TransportStats",
    "WaitTimeoutError",
    "__version__",
    "resolve_config",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
