"""The public models: one per resource, the same whichever RunPod API answered.

A field only one API reports is ``None`` (or empty) when the other answered; its description
says which. Backends build these from each API's own shapes; resources return them.
"""

from ._base import Availability, Model
from .account import (
    Account,
    BillingRecord,
    Endpoint,
    EndpointWorker,
    NetworkVolume,
    RegistryAuth,
    Secret,
    Template,
)
from .catalog import CpuType, DataCenter, DataCenterStock, GpuType
from .catalog import CpuType as CpuFlavor  # the first build's names
from .catalog import GpuType as GpuOffer
from .pods import (
    Cloud,
    DesiredStatus,
    GpuUtilization,
    LogLine,
    Pod,
    PodRuntime,
    PodState,
    PodStatus,
    PortMapping,
    SSHConnection,
)

__all__ = [
    "Account",
    "Availability",
    "BillingRecord",
    "Cloud",
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
    "Model",
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
]
