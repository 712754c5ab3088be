"""REST v2 billing: ``/v2/billing[/...]`` answered from the emulator's hourly ledger, in buckets
of an hour, day, week, month or year (start/end snapped to them, or the last N)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta, timezone
from typing import Any

from ._rest_base import Handler, Problem, Reply, Request, parse_time
from ._state import World

__all__ = ["BILLING_HANDLERS"]

# ------------------------------------------------------------------------- billing
_BUCKETS = ("hour", "day", "week", "month", "year")


def _bucket_start(ts: datetime, size: str) -> datetime:
    if size == "hour":
        return ts.replace(minute=0, second=0, microsecond=0)
    day = ts.replace(hour=0, minute=0, second=0, microsecond=0)
    if size == "day":
        return day
    if size == "week":
        return day - timedelta(days=day.weekday())
    if size == "month":
        return day.replace(day=1)
    return day.replace(month=1, day=1)


def _next_bucket(start: datetime, size: str) -> datetime:
    if size == "hour":
        return start + timedelta(hours=1)
    if size == "day":
        return start + timedelta(days=1)
    if size == "week":
        return start + timedelta(days=7)
    if size == "month":
        return (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return start.replace(year=start.year + 1)


def _window(world: World, query: Mapping[str, Any]) -> tuple[list[tuple[datetime, datetime]], str]:
    """The buckets a billing query covers: start/end snapped to bucket boundaries, or lastN."""
    size = query.get("bucketSize", "day")
    now = datetime.fromtimestamp(world.now, tz=timezone.utc)
    if "lastN" in query and ("startTime" in query or "endTime" in query):
        raise Problem(400, "lastN cannot be combined with startTime or endTime")
    end = (
        _bucket_start(now, size)
        if "endTime" not in query
        else _time_param(query["endTime"], "endTime")
    )
    end = (
        _next_bucket(_bucket_start(end, size), size)
        if "endTime" not in query
        else _bucket_start(end, size)
    )
    if "lastN" in query:
        start = end
        for _ in range(min(int(query["lastN"]), 1000)):
            start = _previous_bucket(start, size)
    elif "startTime" in query:
        start = _bucket_start(_time_param(query["startTime"], "startTime"), size)
    else:
        start = _bucket_start(now - timedelta(days=30), size)
    if start > end:
        raise Problem(400, "startTime must be before endTime")
    buckets: list[tuple[datetime, datetime]] = []
    while start < end and len(buckets) < 10000:
        stop = _next_bucket(start, size)
        buckets.append((start, stop))
        start = stop
    return buckets, size


def _previous_bucket(start: datetime, size: str) -> datetime:
    return _bucket_start(start - timedelta(seconds=1), size)


def _time_param(text: str, name: str) -> datetime:
    ts = parse_time(text)
    if ts is None:
        raise Problem(400, f"{name} must be an RFC 3339 timestamp")
    return datetime.fromtimestamp(ts, tz=timezone.utc)


def _charges(world: World, kind: str, start: datetime, stop: datetime) -> dict[str, Any]:
    """Resource id -> summed Charge in [start, stop) from the hourly ledger."""
    lo, hi = int(start.timestamp() // 3600), int(stop.timestamp() // 3600)
    out: dict[str, Any] = {}
    for (hour, k, rid), charge in world.ledger.items():
        if k == kind and lo <= hour < hi:
            total = out.setdefault(rid, [0.0, 0.0, 0.0])
            total[0] += charge.gpu
            total[1] += charge.cpu
            total[2] += charge.disk
    return out


def _amounts(keys: Iterable[str], values: Mapping[str, float]) -> dict[str, float]:
    return {k: round(values.get(k, 0.0), 6) for k in keys}


_ACCOUNT_KEYS = (
    "totalAmount",
    "podGpuAmount",
    "podCpuAmount",
    "podDiskAmount",
    "serverlessGpuAmount",
    "serverlessCpuAmount",
    "serverlessDiskAmount",
    "serverlessFeeAmount",
    "storageStandardAmount",
    "storageHighPerformanceAmount",
    "endpointAmount",
    "clusterGpuAmount",
    "clusterDiskAmount",
    "clusterNetworkingAmount",
)


def _metadata(
    query: Mapping[str, Any],
    buckets: list[Any],
    size: str,
    records: list[dict[str, Any]],
    keys: Iterable[str],
    extra: Mapping[str, Any],
) -> dict[str, Any]:
    keys = list(keys)
    totals = {k: round(sum(r[k] for r in records), 6) for k in keys}
    start = buckets[0][0] if buckets else datetime.fromtimestamp(0, tz=timezone.utc)
    end = buckets[-1][1] if buckets else start
    q = {"startTime": _stamp(start), "endTime": _stamp(end), "bucketSize": size, **extra}
    return {"query": q, "recordCount": len(records), "totals": totals}


def _stamp(dt: datetime) -> str:
    return f"{dt.year:04d}-" + dt.strftime("%m-%dT%H:%M:%SZ")


def list_billing(world: World, req: Request) -> Reply:
    buckets, size = _window(world, req.query)
    records = []
    for start, stop in buckets:
        pods = _charges(world, "pod", start, stop).values()
        volumes = _charges(world, "volume", start, stop).values()
        values = {
            "podGpuAmount": sum(c[0] for c in pods),
            "podCpuAmount": sum(c[1] for c in pods),
            "podDiskAmount": sum(c[2] for c in pods),
            "storageStandardAmount": sum(c[2] for c in volumes),
        }
        values["totalAmount"] = sum(values.values())
        records.append(
            {"startTime": _stamp(start), "endTime": _stamp(stop), **_amounts(_ACCOUNT_KEYS, values)}
        )
    return 200, {
        "records": records,
        "metadata": _metadata(req.query, buckets, size, records, _ACCOUNT_KEYS, {}),
    }


def _per_resource(
    world: World,
    req: Request,
    kind: str,
    id_key: str,
    amounts: Callable[[list[float]], dict[str, float]],
    keys: tuple[str, ...],
) -> Reply:
    buckets, size = _window(world, req.query)
    wanted = req.query.get(id_key)
    records, seen = [], set()
    for start, stop in buckets:
        for rid, charge in sorted(_charges(world, kind, start, stop).items()):
            if wanted is not None and rid != wanted:
                continue
            seen.add(rid)
            values = amounts(charge)
            values["totalAmount"] = sum(values.values())
            records.append(
                {
                    "startTime": _stamp(start),
                    "endTime": _stamp(stop),
                    id_key: rid,
                    **_amounts(keys, values),
                }
            )
    meta = _metadata(req.query, buckets, size, records, keys, {id_key: wanted})
    unique = {"podId": "uniquePodCount", "networkVolumeId": "uniqueNetworkVolumeCount"}[id_key]
    meta[unique] = len(seen)
    return 200, {"records": records, "metadata": meta}


def list_pod_billing(world: World, req: Request) -> Reply:
    return _per_resource(
        world,
        req,
        "pod",
        "podId",
        lambda c: {"gpuAmount": c[0], "cpuAmount": c[1], "diskAmount": c[2]},
        ("totalAmount", "gpuAmount", "cpuAmount", "diskAmount"),
    )


def list_volume_billing(world: World, req: Request) -> Reply:
    return _per_resource(
        world,
        req,
        "volume",
        "networkVolumeId",
        lambda c: {"standardAmount": c[2], "highPerformanceAmount": 0.0},
        ("totalAmount", "standardAmount", "highPerformanceAmount"),
    )


def _empty_billing(keys: tuple[str, ...], id_key: str | None, unique: str | None) -> Handler:
    """Spend the emulator never produces (serverless, public endpoints, clusters' networking)."""

    def handler(world: World, req: Request) -> Reply:
        buckets, size = _window(world, req.query)
        extra = {id_key: req.query.get(id_key)} if id_key else {}
        meta = _metadata(req.query, buckets, size, [], keys, extra)
        if unique:
            meta[unique] = 0
        return 200, {"records": [], "metadata": meta}

    return handler


BILLING_HANDLERS: dict[str, Handler] = {
    "listBilling": list_billing,
    "listPodBilling": list_pod_billing,
    "listServerlessBilling": _empty_billing(
        ("totalAmount", "gpuAmount", "cpuAmount", "diskAmount", "feeAmount"),
        "serverlessId",
        "uniqueServerlessCount",
    ),
    "listEndpointBilling": _empty_billing(("totalAmount",), None, None),
    "listNetworkVolumeBilling": list_volume_billing,
    "listClusterBilling": _empty_billing(
        ("totalAmount", "gpuAmount", "diskAmount", "networkingAmount"),
        "clusterId",
        "uniqueClusterCount",
    ),
}
