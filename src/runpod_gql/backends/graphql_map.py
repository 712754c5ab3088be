"""GraphQL's generated fragments -> the public models.

Pure functions: the GraphQL backend calls them on every answer, the tests on fixtures.
GraphQL reports the *desired* status; the observed one is derived as :class:`PodStatus` says.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

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
from ..remote.endpoint import ssh_endpoint_from_ports

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


def _mapping(port: gql.Port) -> PortMapping | None:
    if port.private_port is None:
        return None
    return PortMapping(
        private_port=port.private_port,
        public_port=port.public_port,
        ip=port.ip,
        is_ip_public=port.is_ip_public,
        type=port.type_,
    )


def runtime(rt: gql.Runtime | None) -> PodRuntime | None:
    if rt is None:
        return None
    ports = [m for p in rt.ports or () if p is not None and (m := _mapping(p)) is not None]
    gpus = [
        GpuUtilization(gpu_id=g.id, util=g.gpu_util_percent, memory_util=g.memory_util_percent)
        for g in rt.gpus or ()
        if g is not None
    ]
    container = rt.container
    return PodRuntime(
        uptime_seconds=rt.uptime_in_seconds,
        ports=ports,
        gpus=gpus,
        cpu_util=container.cpu_percent if container else None,
        memory_util=container.memory_percent if container else None,
    )


def direct_ssh(ports: Sequence[PortMapping]) -> SSHConnection | None:
    """The first public TCP mapping of port 22, as runpodctl picks it (private addresses skipped)."""
    found = ssh_endpoint_from_ports(ports)
    if found is None:
        return None
    return SSHConnection(
        host=found.host, port=found.port, command=f"ssh root@{found.host} -p {found.port}"
    )


def proxy_ssh(pod_host_id: str | None) -> SSHConnection | None:
    if not pod_host_id:
        return None
    return SSHConnection(
        host=SSH_PROXY_HOST,
        port=22,
        username=pod_host_id,
        command=f"ssh {pod_host_id}@{SSH_PROXY_HOST}",
    )


def pod_state(state: gql.PodState) -> PodState:
    rt = runtime(state.runtime)
    return PodState(
        id=state.id,
        name=state.name,
        status=observed_status(state.desired_status, state.runtime),
        desired_status=DesiredStatus(state.desired_status.value),
        pod_type=state.pod_type.value if state.pod_type else None,
        cost_per_hr=state.cost_per_hr,
        runtime=rt,
        ssh=direct_ssh(rt.ports) if rt else None,
        last_status_change=state.last_status_change,
    )


def pod(p: gql.Pod) -> Pod:
    rt = runtime(p.runtime)
    machine = p.machine
    volume = int(p.volume_in_gb) if p.volume_in_gb else None
    return Pod(
        id=p.id,
        name=p.name,
        status=observed_status(p.desired_status, p.runtime),
        desired_status=DesiredStatus(p.desired_status.value),
        pod_type=p.pod_type.value if p.pod_type else None,
        cost_per_hr=p.cost_per_hr,
        runtime=rt,
        ssh=direct_ssh(rt.ports) if rt else None,
        ssh_proxy=proxy_ssh(machine.pod_host_id if machine else None),
        last_status_change=p.last_status_change,
        image=p.image_name,
        args=p.docker_args or None,
        gpu_type_id=(machine.gpu_type_id if machine else None) if p.gpu_count else None,
        gpu_count=p.gpu_count,
        vcpu_count=p.vcpu_count,
        memory_gb=p.memory_in_gb,
        container_disk_gb=p.container_disk_in_gb,
        volume_gb=volume,
        volume_mount_path=p.volume_mount_path if volume else None,
        network_volume_id=p.network_volume_id or None,
        env=env_map(p.env),
        ports=port_list(p.ports),
        data_center_id=machine.data_center_id if machine else None,
        template_id=p.template_id or None,
        machine_id=p.machine_id or None,
        started_at=p.last_started_at,
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
