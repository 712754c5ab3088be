"""runpod-gql: a typed async client for RunPod's GPU cloud.

``from runpod_gql import RunPod`` and ``async with RunPod() as rp: ...``. Everything a public
method takes or returns is importable from here: models (``Pod``, ``GpuOffer``, ...), the pod
spec (``PodSpec``, ...), the resource classes (``Pods``, ...), results (``ExecResult``, ...)
and every error. Names load on first use, so ``import runpod_gql`` costs almost nothing until
a client is made.
"""

from __future__ import annotations

import warnings
from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._version import __version__

# Errors are light (no third-party imports), so they load eagerly.
from .errors import (
    APIConnectionError,
    APIError,
    APIRetiredError,
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
    JobCancelledError,
    JobError,
    JobFailedError,
    JobTimedOutError,
    JobWaitTimeoutError,
    NotFoundError,
    OperationError,
    PlacementAttempt,
    PlacementError,
    PodCleanupError,
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
    UnsupportedOperationError,
    WaitTimeoutError,
)

if TYPE_CHECKING:
    from ._clock import Clock
    from ._config import APIKey, Config, resolve_config
    from ._retry import RetryPolicy
    from ._transport import TransportStats
    from ._validate import CloudType
    from ._wire import Timeouts
    from .backends.routes import ApiMode
    from .client import RunPod, TransportName
    from .models import (
        Account,
        Availability,
        BillingRecord,
        CpuFlavor,
        CpuType,
        DataCenter,
        DataCenterStock,
        DesiredStatus,
        Endpoint,
        EndpointWorker,
        GpuOffer,
        GpuType,
        GpuUtilization,
        LogLine,
        NetworkVolume,
        Pod,
        PodRuntime,
        PodState,
        PodStatus,
        PortMapping,
        RegistryAuth,
        Secret,
        SSHConnection,
        Template,
    )
    from .remote.endpoint import SSHEndpoint
    from .remote.results import ExecResult, OutputCallback, TransferCallback, TransferProgress
    from .remote.runpodctl import Runpodctl
    from .resources.account import AccountResource
    from .resources.billing import Billing
    from .resources.catalog import CpuFlavors, DataCenters, GpuChoice, Gpus
    from .resources.endpoints import Endpoints
    from .resources.jobs import (
        EndpointClient,
        EndpointHealth,
        Job,
        JobCounts,
        JobPolicy,
        JobState,
        JobStatus,
        WorkerCounts,
    )
    from .resources.monitoring import GpuUse, PodMetrics
    from .resources.placement import Candidate
    from .resources.pods import Pods
    from .resources.readiness import Progress, ProgressCallback
    from .resources.registry import RegistryAuths
    from .resources.secrets import Secrets
    from .resources.spec import (
        CpuPodSpec,
        GpuPlacement,
        GpuPodSpec,
        LaunchSpec,
        PodSpec,
        SpotPodSpec,
    )
    from .resources.templates import Templates
    from .resources.volumes import NetworkVolumes

_LAZY: dict[str, str] = {
    "RunPod": ".client",
    "TransportName": ".client",
    "Config": "._config",
    "APIKey": "._config",
    "resolve_config": "._config",
    "RetryPolicy": "._retry",
    "TransportStats": "._transport",
    "Timeouts": "._wire",
    "Clock": "._clock",
    "CloudType": "._validate",
    "GpuChoice": ".resources.catalog",
    "Gpus": ".resources.catalog",
    "CpuFlavors": ".resources.catalog",
    "DataCenters": ".resources.catalog",
    **dict.fromkeys(
        [
            "EndpointClient",
            "EndpointHealth",
            "Job",
            "JobCounts",
            "JobPolicy",
            "JobState",
            "JobStatus",
            "WorkerCounts",
        ],
        ".resources.jobs",
    ),
    "GpuUse": ".resources.monitoring",
    "PodMetrics": ".resources.monitoring",
    "Candidate": ".resources.placement",
    "Progress": ".resources.readiness",
    "ProgressCallback": ".resources.readiness",
    "PodSpec": ".resources.spec",
    "GpuPlacement": ".resources.spec",
    "GpuPodSpec": ".resources.spec",
    "SpotPodSpec": ".resources.spec",
    "CpuPodSpec": ".resources.spec",
    "LaunchSpec": ".resources.spec",
    "Pods": ".resources.pods",
    "Templates": ".resources.templates",
    "NetworkVolumes": ".resources.volumes",
    "Endpoints": ".resources.endpoints",
    "RegistryAuths": ".resources.registry",
    "Secrets": ".resources.secrets",
    "AccountResource": ".resources.account",
    "SSHEndpoint": ".remote.endpoint",
    "ExecResult": ".remote.results",
    "OutputCallback": ".remote.results",
    "TransferProgress": ".remote.results",
    "TransferCallback": ".remote.results",
    "Runpodctl": ".remote.runpodctl",
    "ApiMode": ".backends.routes",
    "Billing": ".resources.billing",
    **dict.fromkeys(
        [
            "Account",
            "Availability",
            "BillingRecord",
            "CpuFlavor",
            "CpuType",
            "DataCenter",
            "DataCenterStock",
            "DesiredStatus",
            "Endpoint",
            "EndpointWorker",
            "GpuOffer",
            "GpuType",
            "GpuUtilization",
            "LogLine",
            "NetworkVolume",
            "Pod",
            "PodRuntime",
            "PodState",
            "PodStatus",
            "PortMapping",
            "RegistryAuth",
            "SSHConnection",
            "Secret",
            "Template",
        ],
        ".models",
    ),
}

# Old public names a user cannot use with RunPod(): still importable, with a warning.
_DEPRECATED: dict[str, tuple[str, str]] = {
    "RateLimiter": ("._ratelimit", "RunPod(rate_limit=..., max_in_flight=...) configures it"),
    "SystemClock": ("._clock", "RunPod() uses the system clock unless given clock=..."),
    "PollSchedule": (".resources.readiness", "the waits do not take a schedule"),
    # GraphQL's own shapes, before one set of models served both APIs (runpod_gql.models).
    "CloudTypeEnum": ("runpod_gql_generated.enums", "give clouds as 'SECURE'/'COMMUNITY'/'ALL'"),
    "PodType": ("runpod_gql_generated.enums", "read Pod.pod_type (a string) or Pod.is_spot"),
    "GpuPrice": ("runpod_gql_generated.fragments", "GpuType carries prices and availability"),
    "Machine": ("runpod_gql_generated.fragments", "Pod.gpu_type_id / Pod.data_center_id"),
    "Port": ("runpod_gql_generated.fragments", "runpod_gql.PortMapping"),
    "Runtime": ("runpod_gql_generated.fragments", "runpod_gql.PodRuntime"),
}

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIKey",
    "APIRetiredError",
    "APITimeoutError",
    "Account",
    "AccountResource",
    "ApiMode",
    "AuthenticationError",
    "Availability",
    "Billing",
    "BillingRecord",
    "Candidate",
    "CapacityError",
    "Clock",
    "CloudType",
    "Config",
    "ConfigurationError",
    "ConflictError",
    "CpuFlavor",
    "CpuFlavors",
    "CpuPodSpec",
    "CpuType",
    "DataCenter",
    "DataCenterStock",
    "DataCenters",
    "DesiredStatus",
    "Endpoint",
    "EndpointClient",
    "EndpointHealth",
    "EndpointWorker",
    "Endpoints",
    "ExecResult",
    "GpuChoice",
    "GpuOffer",
    "GpuPlacement",
    "GpuPodSpec",
    "GpuType",
    "GpuUse",
    "GpuUtilization",
    "Gpus",
    "GraphQLErrorDetail",
    "HostFullError",
    "HostKeyError",
    "InputValidationError",
    "InsufficientBalanceError",
    "InvalidRequestError",
    "Job",
    "JobCancelledError",
    "JobCounts",
    "JobError",
    "JobFailedError",
    "JobPolicy",
    "JobState",
    "JobStatus",
    "JobTimedOutError",
    "JobWaitTimeoutError",
    "LaunchSpec",
    "LogLine",
    "NetworkVolume",
    "NetworkVolumes",
    "NotFoundError",
    "OperationError",
    "OutputCallback",
    "PlacementAttempt",
    "PlacementError",
    "Pod",
    "PodCleanupError",
    "PodError",
    "PodInterruptedError",
    "PodMetrics",
    "PodRuntime",
    "PodSpec",
    "PodState",
    "PodStateError",
    "PodStatus",
    "Pods",
    "PortMapping",
    "ProblemDetail",
    "Progress",
    "ProgressCallback",
    "RateLimitError",
    "RegistryAuth",
    "RegistryAuths",
    "RemoteCommandError",
    "RemoteError",
    "RemoteTimeoutError",
    "ResponseValidationError",
    "RetryPolicy",
    "RunPod",
    "RunPodError",
    "Runpodctl",
    "RunpodctlError",
    "RunpodctlNotFoundError",
    "SSHConnection",
    "SSHEndpoint",
    "SSHError",
    "Secret",
    "Secrets",
    "ServerError",
    "SpotPodSpec",
    "Template",
    "Templates",
    "Timeouts",
    "TransferCallback",
    "TransferProgress",
    "TransportName",
    "TransportStats",
    "UnsupportedOperationError",
    "WaitTimeoutError",
    "WorkerCounts",
    "__version__",
    "resolve_config",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        if name in _DEPRECATED:
            module, instead = _DEPRECATED[name]
            warnings.warn(
                f"runpod_gql.{name} is deprecated and will be removed: {instead}",
                DeprecationWarning,
                stacklevel=2,
            )
            return getattr(import_module(module, __name__), name)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
