"""GraphQL's answers -> the public models.

Pods (the answers that grow with an account) are validated from their bytes straight into the
public models, by the shapes below; everything else maps the generated fragments with pure
functions. GraphQL reports the *desired* status; the observed one is derived as
:class:`PodStatus` says.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel as PydanticBaseModel
from pydantic import ConfigDict, Field, GetPydanticSchema, RootModel, create_model
from pydantic_core import core_schema
from runpod_gql_generated import fragments as gql
from runpod_gql_generated.enums import PodStatus as GqlStatus

from ..models import (
    Account,
    Availability,
    CpuType,
    DataCenter,
    DataCenterStock,
    DesiredStatus,
    Endpoint,
    GpuType,
    GpuUtilization,
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
from ..remote.endpoint import public_ssh_address
from .decoding import ABSENT, From, listed_or_null, present, read, shape, share_fields_set

SSH_PROXY_HOST = "ssh.runpod.io"  # RunPod's SSH proxy: user <podHostId>, port 22

_OBSERVED = {
    GqlStatus.CREATED: PodStatus.PROVISIONING,
    GqlStatus.RESTARTING: PodStatus.STARTING,
    GqlStatus.EXITED: PodStatus.EXITED,
    GqlStatus.PAUSED: PodStatus.EXITED,
    GqlStatus.DEAD: PodStatus.ERROR,
    GqlStatus.TERMINATED: PodStatus.TERMINATED,
}


def observed_status(desired: GqlStatus, runtime: gql.Runtime | None) -> PodStatus:
    """The observed status GraphQL implies: desired RUNNING is STARTING until a runtime exists."""
    if desired == GqlStatus.RUNNING:
        return PodStatus.RUNNING if runtime is not None else PodStatus.STARTING
    return _OBSERVED[desired]


def availability(stock_status: str | None) -> Availability:
    """GraphQL's ``stockStatus`` (``High``, ``Low``, ``None``...) as v2's level.

    GraphQL answers null when nothing is free: that is NONE, as the first build read it.
    """
    text = (stock_status or "").strip().upper().replace(" ", "_")
    if text in Availability.__members__:
        return Availability(text)
    if text in ("", "OUT_OF_STOCK", "UNAVAILABLE"):
        return Availability.NONE
    return Availability.LOW  # a stock word we do not know still means "some"


def env_map(items: Iterable[str | None] | None) -> dict[str, str]:
    """GraphQL's ``["K=v", ...]`` as a mapping (an entry without '=' is a key with no value)."""
    env: dict[str, str] = {}
    for item in items or ():
        if item:
            key, _, value = item.partition("=")
            env[key] = value
    return env


def port_list(ports: str | None) -> list[str]:
    """``"22/tcp,8888/http"`` as ``["22/tcp", "8888/http"]``."""
    return [p.strip() for p in (ports or "").split(",") if p.strip()]


def direct_ssh(ports: Sequence[PortMapping]) -> SSHConnection | None:
    """The pod's public SSH address (:func:`public_ssh_address`) as runpodctl shows it."""
    found = public_ssh_address(ports)
    if found is None:
        return None
    host, port = found
    return SSHConnection(host=host, port=port, command=f"ssh root@{host} -p {port}")


# ------------------------------------------------------------------ pods, in one pass
# A pod answer is validated from its bytes straight into the public models (see .decoding):
# below is where each public field is in GraphQL's Pod/PodState/Runtime/Port fragments.

_NULLABLE_STR = core_schema.nullable_schema(core_schema.str_schema())
_NULLABLE_INT = core_schema.nullable_schema(core_schema.int_schema())
_NULLABLE_FLOAT = core_schema.nullable_schema(core_schema.float_schema())
_DESIRED = core_schema.enum_schema(
    DesiredStatus, list(DesiredStatus.__members__.values()), sub_type="str"
)
_OBSERVED_BY_DESIRED = {DesiredStatus(k.value): v for k, v in _OBSERVED.items()}
_EMPTY_MEANS_NONE = ("args", "network_volume_id", "template_id", "machine_id")

_PORT = shape(
    PortMapping,
    {
        # A mapping without a private port says nothing: read nullable, dropped by _finish_state.
        "private_port": From("privatePort", _NULLABLE_INT),
        "public_port": "publicPort",
        "ip": "ip",
        "is_ip_public": "isIpPublic",
        "type": "type",
    },
)
_GPU = shape(
    GpuUtilization,
    {"gpu_id": "id", "util": "gpuUtilPercent", "memory_util": "memoryUtilPercent"},
)
_RUNTIME = shape(
    PodRuntime,
    {
        "uptime_seconds": "uptimeInSeconds",
        "ports": From("ports", listed_or_null(_PORT)),
        "gpus": From("gpus", listed_or_null(_GPU)),
        "cpu_util": ("container", "cpuPercent"),
        "memory_util": ("container", "memoryPercent"),
    },
)
# RunPod's SSH proxy, read from the pod's machine: user <podHostId> at ssh.runpod.io:22 (the
# command is filled in by _finish_pod; a machine without a host id has no proxy address).
_PROXY = core_schema.nullable_schema(
    shape(
        SSHConnection,
        {
            "host": From(ABSENT, default=SSH_PROXY_HOST),
            "port": From(ABSENT, default=22),
            "username": From("podHostId", _NULLABLE_STR),
        },
    )
)
# Fields read as GraphQL has them (a desired status, "K=v" strings...) and made public by the
# finish functions below: one Python call per pod, rather than one per field.
_STATE_FIELDS: dict[str, str | From | tuple[str, ...]] = {
    "id": "id",
    "name": "name",
    "status": From("desiredStatus", _DESIRED),
    "desired_status": "desiredStatus",
    "pod_type": "podType",
    "cost_per_hr": "costPerHr",
    "runtime": From("runtime", core_schema.nullable_schema(_RUNTIME)),
    "last_status_change": "lastStatusChange",
}


def _finish_state(pod: dict[str, Any]) -> None:
    rt: PodRuntime | None = pod["runtime"]
    desired: DesiredStatus = pod["status"]
    if desired is DesiredStatus.RUNNING:
        pod["status"] = PodStatus.RUNNING if rt is not None else PodStatus.STARTING
    else:
        pod["status"] = _OBSERVED_BY_DESIRED[desired]
    if rt is not None:
        values = rt.__dict__  # frozen: fixed in place, before anyone sees it
        values["ports"] = ports = present(values["ports"], "private_port")
        values["gpus"] = gpus = present(values["gpus"])
        pod["ssh"] = ssh = direct_ssh(ports)
        share_fields_set(rt, ssh, *ports, *gpus)


def _finish_pod(pod: dict[str, Any]) -> None:
    _finish_state(pod)
    proxy: SSHConnection | None = pod["ssh_proxy"]
    if proxy is not None:
        if proxy.username:
            proxy.__dict__["command"] = f"ssh {proxy.username}@{SSH_PROXY_HOST}"
            share_fields_set(proxy)
        else:
            pod["ssh_proxy"] = None
    for name in _EMPTY_MEANS_NONE:
        if not pod[name]:
            pod[name] = None
    if not pod["gpu_count"]:
        pod["gpu_type_id"] = None  # a CPU pod's machine still names a GPU type
    volume: float | None = pod["volume_gb"]
    if volume:
        pod["volume_gb"] = int(volume)
    else:
        pod["volume_gb"] = pod["volume_mount_path"] = None  # GraphQL reports a default path
    pod["env"] = env_map(pod["env"]) if pod["env"] else {}
    pod["ports"] = port_list(pod["ports"])


POD_STATE = shape(PodState, _STATE_FIELDS, finish=_finish_state)
POD = shape(
    Pod,
    {
        **_STATE_FIELDS,
        "ssh_proxy": From("machine", _PROXY),
        "image": "imageName",
        "args": "dockerArgs",
        "gpu_type_id": ("machine", "gpuTypeId"),
        "gpu_count": "gpuCount",
        "vcpu_count": "vcpuCount",
        "memory_gb": "memoryInGb",
        "container_disk_gb": "containerDiskInGb",
        "volume_gb": From("volumeInGb", _NULLABLE_FLOAT),
        "volume_mount_path": "volumeMountPath",
        "network_volume_id": "networkVolumeId",
        "env": From("env", listed_or_null(core_schema.str_schema())),
        "ports": From("ports", _NULLABLE_STR),
        "data_center_id": ("machine", "dataCenterId"),
        "template_id": "templateId",
        "machine_id": "machineId",
        "started_at": "lastStartedAt",
    },
    finish=_finish_pod,
)


def pod(data: bytes | str | Mapping[str, Any]) -> Pod:
    """One GraphQL pod (its JSON, or the object parsed from it) as the public model, read as the
    backend reads answers."""
    return read(_OnePod, data)


GqlPod = Annotated[Pod, GetPydanticSchema(lambda _type, _handler: POD)]
GqlPodState = Annotated[PodState, GetPydanticSchema(lambda _type, _handler: POD_STATE)]


class _Answer(PydanticBaseModel):
    model_config: ClassVar[ConfigDict] = ConfigDict(defer_build=True)


class _OnePod(RootModel[GqlPod]):
    """One ``...Pod`` object on its own (``pod()``: fixtures, examples)."""

    model_config: ClassVar[ConfigDict] = ConfigDict(defer_build=True)


class _Pods(_Answer):
    pods: list[GqlPod | None] | None = None


class _States(_Answer):
    pods: list[GqlPodState | None] | None = None


class PodsAnswer(_Answer):
    """ListPods' data: ``myself { pods { ...Pod } }``."""

    myself: _Pods | None = None


class StatesAnswer(_Answer):
    """ListPodStates' data: ``myself { pods { ...PodState } }``."""

    myself: _States | None = None


class PodAnswer(_Answer):
    """The data of an operation whose one root field is a ``...Pod`` (``pod``, ``podStop``...)."""

    value: GqlPod | None = None


@functools.cache
def pod_answer(root: str) -> type[PodAnswer]:
    """The answer model of an operation whose root field ``root`` is a Pod fragment."""
    return create_model(
        f"PodAnswer_{root}",
        __base__=PodAnswer,
        value=(GqlPod | None, Field(default=None, validation_alias=root)),
    )


def gpu_type(
    offer: gql.GpuType, *, gpu_count: int = 1, lowest: gql.GpuPrice | None = None
) -> GpuType:
    """A GPU type; ``lowest`` (the fragment's ``lowestPrice``) adds stock and the spot minimum."""
    if lowest is None and isinstance(offer, gql.GpuOffer):
        lowest = offer.lowest_price
    return GpuType(
        id=offer.id or "",
        name=offer.display_name,
        manufacturer=offer.manufacturer,
        memory_gb=offer.memory_in_gb,
        max_gpu_count=offer.max_gpu_count,
        secure_cloud=offer.secure_cloud,
        community_cloud=offer.community_cloud,
        secure_price=offer.secure_price or None,
        community_price=offer.community_price or None,
        secure_spot_price=offer.secure_spot_price or None,
        community_spot_price=offer.community_spot_price or None,
        on_demand_price=(lowest.uninterruptable_price or None) if lowest else None,
        minimum_bid_price=(lowest.minimum_bid_price or None) if lowest else None,
        availability=availability(lowest.stock_status) if lowest else None,
        gpu_count=gpu_count,
    )


def cpu_type(flavor: gql.CpuFlavor) -> CpuType:
    return CpuType(
        id=flavor.id or "",
        name=flavor.display_name,
        group=flavor.group_name or flavor.group_id,
        min_vcpu=int(flavor.min_vcpu) if flavor.min_vcpu is not None else None,
        max_vcpu=flavor.max_vcpu,
        ram_gb_per_vcpu=flavor.ram_multiplier,
        disk_limit_per_vcpu=flavor.disk_limit_per_vcpu,
    )


def data_center(dc: gql.DataCenter) -> DataCenter:
    stock = [
        DataCenterStock(
            id=a.gpu_type_id or "",
            name=a.gpu_type_display_name,
            availability=availability(a.stock_status),
        )
        for a in dc.gpu_availability or ()
        if a is not None and a.gpu_type_id
    ]
    return DataCenter(
        id=dc.id or "",
        name=dc.name,
        location=dc.location,
        listed=dc.listed,
        supports_network_volumes=dc.storage_support,
        gpu_availability=stock,
    )


def template(t: gql.Template) -> Template:
    volume = t.volume_in_gb or None
    return Template(
        id=t.id or "",
        name=t.name or "",
        image=t.image_name,
        args=t.docker_args or None,
        container_disk_gb=t.container_disk_in_gb,
        volume_gb=volume,
        volume_mount_path=t.volume_mount_path if volume else None,
        ports=port_list(t.ports),
        env={e.key: e.value or "" for e in t.env or () if e is not None and e.key},
        serverless=t.is_serverless,
        public=t.is_public,
        start_ssh=t.start_ssh,
        start_jupyter=t.start_jupyter,
        registry_auth_id=t.container_registry_auth_id or None,
        readme=t.readme,
    )


def network_volume(vol: gql.NetworkVolume) -> NetworkVolume:
    return NetworkVolume(
        id=vol.id or "", name=vol.name, size_gb=vol.size, data_center_id=vol.data_center_id
    )


_ENDPOINT_TYPES = {"QB": "QUEUE", "LB": "LOAD_BALANCER"}  # GraphQL's short names, v2's long


def endpoint(ep: gql.Endpoint) -> Endpoint:
    ids = [g.strip() for g in (ep.gpu_ids or "").split(",") if g.strip()]
    return Endpoint(
        id=ep.id or "",
        name=ep.name,
        type=_ENDPOINT_TYPES.get(ep.type_ or "", ep.type_),
        template_id=ep.template_id,
        gpu_pools=[g for g in ids if not g.startswith("-")],
        excluded_gpu_types=[g[1:] for g in ids if g.startswith("-")],
        gpu_count=ep.gpu_count,
        workers_min=ep.workers_min,
        workers_max=ep.workers_max,
        idle_timeout=ep.idle_timeout,
        scaler_type=ep.scaler_type,
        scaler_value=ep.scaler_value,
        data_center_ids=[d.strip() for d in (ep.locations or "").split(",") if d.strip()],
        network_volume_ids=[ep.network_volume_id] if ep.network_volume_id else [],
    )


def registry_auth(auth: gql.RegistryAuth) -> RegistryAuth:
    return RegistryAuth(id=auth.id or "", name=auth.name, username=auth.username)


def secret(s: gql.Secret) -> Secret:
    return Secret(
        id=s.id,
        name=s.name,
        description=s.description,
        created_at=s.created_at,
        last_updated_at=s.last_updated_at,
    )


def account(a: gql.Account) -> Account:
    keys = [k.strip() for k in (a.pub_key or "").splitlines() if k.strip()]
    return Account(
        id=a.id,
        email=a.email,
        balance=a.client_balance,
        current_spend_per_hr=a.current_spend_per_hr,
        lifetime_spend=a.client_lifetime_spend,
        spend_limit=a.spend_limit,
        under_balance=a.under_balance,
        ssh_keys=keys,
    )
