"""``/_emulator/*``: the control endpoint's routes, for tests and tools in another process (the same
powers ``Emulator`` gives Python callers: faults, limits, stock, failures, logs, time, the log)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from ._clock import Clock
from ._faults import Fault, FaultRule, RequestRecord, TokenBucket
from ._gql_views import pod_view
from ._state import World

__all__ = ["CONTROL_ROUTES", "ControlHost"]


class ControlHost(Protocol):
    """What the routes change (``_app.EmulatorApp``)."""

    clock: Clock
    faults: list[FaultRule]
    requests: list[RequestRecord]
    rate_limit: TokenBucket | None

    def advance(self) -> World: ...


Route = Callable[[ControlHost, World, dict[str, Any]], Any]


def _known_pod(world: World, data: dict[str, Any]) -> str:
    pod_id = str(data.get("pod_id"))
    if pod_id not in world.pods:
        raise LookupError(f"no pod {pod_id}")
    return pod_id


def add_fault(host: ControlHost, world: World, data: dict[str, Any]) -> Any:
    if "kind" not in data:
        raise ValueError(f"kind is required: one of {', '.join(f.value for f in Fault)}")
    host.faults.append(
        FaultRule.build(
            data["kind"],
            data.get("count", 1),
            data.get("operations"),
            status=data.get("status"),
            retry_after=data.get("retry_after"),
            delay=data.get("delay", 30.0),
            variant=data.get("variant", "truncated"),
        )
    )
    return {"faults": [f.to_json() for f in host.faults]}


def list_faults(host: ControlHost, world: World, data: dict[str, Any]) -> Any:
    return {"faults": [f.to_json() for f in host.faults]}


def clear_faults(host: ControlHost, world: World, data: dict[str, Any]) -> Any:
    host.faults.clear()
    return {"faults": []}


def set_rate_limit(host: ControlHost, world: World, data: dict[str, Any]) -> Any:
    per_second = data.get("per_second")
    host.rate_limit = (
        None
        if per_second is None
        else TokenBucket(float(per_second), float(data.get("burst") or per_second))
    )
    return {"ok": True}


def set_stock(host: ControlHost, world: World, data: dict[str, Any]) -> Any:
    world.set_stock(str(data["gpu_type_id"]), int(data["count"]), data.get("data_center_id"))
    return {"ok": True}


def add_fleet(host: ControlHost, world: World, data: dict[str, Any]) -> Any:
    given = {k: str(data[k]) for k in ("gpu_type_id", "name", "image") if data.get(k)}
    pods = world.add_fleet(int(data["count"]), **given)
    if data.get("booted", True):
        host.clock.advance(world.ready_seconds)
    return {"ids": [p.id for p in pods], "now": host.advance().now}


def fill_host(host: ControlHost, world: World, data: dict[str, Any]) -> Any:
    world.fill_host(_known_pod(world, data), bool(data.get("full", True)))
    return {"ok": True}


def outbid(host: ControlHost, world: World, data: dict[str, Any]) -> Any:
    pod = world.outbid(_known_pod(world, data))
    return pod_view(world, pod) | {"machine": None, "runtime": None, "networkVolume": None}


def write_log(host: ControlHost, world: World, data: dict[str, Any]) -> Any:
    source = data.get("source", "container")
    if source not in ("container", "system") or not isinstance(data.get("line"), str):
        raise ValueError("line (a string) is required; source is 'container' or 'system'")
    entry = world.write_log(_known_pod(world, data), data["line"], source)
    return {"ts": entry.ts, "seq": entry.seq}


def fail_pod(host: ControlHost, world: World, data: dict[str, Any]) -> Any:
    reason = str(data.get("reason") or "container exited with an error")
    world.fail_pod(_known_pod(world, data), reason)
    return {"ok": True}


def fail_image(host: ControlHost, world: World, data: dict[str, Any]) -> Any:
    image = data.get("image")
    if not isinstance(image, str) or not image:
        raise ValueError("image (a string) is required")
    (world.bad_images.add if data.get("failing", True) else world.bad_images.discard)(image)
    return {"ok": True}


def advance_clock(host: ControlHost, world: World, data: dict[str, Any]) -> Any:
    host.clock.advance(float(data["seconds"]))
    return {"now": host.advance().now}


def list_requests(host: ControlHost, world: World, data: dict[str, Any]) -> Any:
    return {"requests": [r.to_json() for r in host.requests]}


def clear_requests(host: ControlHost, world: World, data: dict[str, Any]) -> Any:
    host.requests.clear()
    return {"requests": []}


def state(host: ControlHost, world: World, data: dict[str, Any]) -> Any:
    pods = [
        {
            "id": p.id,
            "name": p.name,
            "desired_status": p.desired_status,
            "pod_type": p.pod_type,
            "gpu_type_id": p.gpu_type_id,
            "gpu_count": p.gpu_count,
            "cost_per_hr": p.cost_per_hr,
        }
        for p in world.pods.values()
    ]
    return {
        "now": world.now,
        "client_balance": world.client_balance,
        "current_spend_per_hr": world.current_spend_per_hr(),
        "pods": pods,
    }


CONTROL_ROUTES: dict[tuple[str, str], Route] = {
    ("POST", "/faults"): add_fault,
    ("GET", "/faults"): list_faults,
    ("DELETE", "/faults"): clear_faults,
    ("POST", "/rate_limit"): set_rate_limit,
    ("POST", "/stock"): set_stock,
    ("POST", "/fleet"): add_fleet,
    ("POST", "/fill_host"): fill_host,
    ("POST", "/outbid"): outbid,
    ("POST", "/logs"): write_log,
    ("POST", "/fail_pod"): fail_pod,
    ("POST", "/fail_image"): fail_image,
    ("POST", "/clock/advance"): advance_clock,
    ("GET", "/requests"): list_requests,
    ("DELETE", "/requests"): clear_requests,
    ("GET", "/state"): state,
}
