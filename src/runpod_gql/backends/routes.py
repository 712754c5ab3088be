"""Which RunPod API serves each operation, per mode, and the error for what a mode cannot do.

``auto`` (the default) sends an operation to REST v2 whenever v2 has it and to GraphQL only
when v2 has no equivalent; ``rest`` refuses GraphQL-only operations with
:class:`UnsupportedOperationError`; ``graphql`` uses GraphQL for everything it has. Operations
only v2 has (logs, restart, billing) use v2 in every mode. Source: ``REST-V2.md`` section 3.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, NoReturn

from ..errors import InputValidationError, UnsupportedOperationError

ApiMode = Literal["auto", "rest", "graphql"]
API_MODES: tuple[ApiMode, ...] = ("auto", "rest", "graphql")
API_ENV = "RUNPOD_GQL_API"
"""Environment variable choosing the mode when ``RunPod(api=...)`` is not given."""
MODE_MEANING: dict[ApiMode, str] = {
    "auto": "REST v2 where it can, GraphQL where only GraphQL can",
    "rest": "REST v2 only; GraphQL-only methods refused",
    "graphql": "GraphQL, and REST v2 for what only v2 has",
}


@dataclass(frozen=True)
class Route:
    """Where one backend operation can go, and what to tell a user when it cannot."""

    method: str
    rest: bool = True
    graphql: bool = True
    why: str = ""
    alternative: str | None = None


def _both(method: str) -> Route:
    return Route(method)


def _gql(method: str, why: str, alternative: str | None = None) -> Route:
    return Route(method, rest=False, why=why, alternative=alternative)


def _v2(method: str) -> Route:
    return Route(method, graphql=False, why="only REST v2 has it")


ROUTES: dict[str, Route] = {
    "get_pod": _both("rp.pods.get"),
    "list_pods": _both("rp.pods.list"),
    "pod_pages": _both("rp.pods.pages"),
    "list_pod_states": _both("rp.pods.states"),
    "create_pod": _both("rp.pods.create"),
    "create_pod_graphql_only": _gql(
        "rp.pods.create(min_vcpu, min_memory_gb, country_code, support_public_ip=False,"
        " stop_after, terminate_after)",
        "REST v2 has no field for",
        "leave those options out (v2 places by GPU type, cloud and data centre)",
    ),
    "create_spot_pod": _gql(
        "rp.pods.create_spot",
        "REST v2 has no spot (interruptible) pods or bids",
        "create an on-demand pod with rp.pods.create(...)",
    ),
    "stop_pod": _both("rp.pods.stop"),
    "resume_pod": _both("rp.pods.resume"),
    "resume_pod_gpu_count": _gql(
        "rp.pods.resume(gpu_count=...)",
        "REST v2 starts a pod with the GPU count it was created with",
        "resume without gpu_count, or create a new pod with the count you need",
    ),
    "bid_resume_pod": _gql(
        "rp.pods.bid_resume",
        "REST v2 has no spot pods or bids",
        "resume on demand with rp.pods.resume(pod_id)",
    ),
    "restart_pod": _v2("rp.pods.restart"),
    "terminate_pod": _both("rp.pods.terminate"),
    "edit_pod": _both("rp.pods.edit"),
    "pod_logs": _v2("rp.pods.logs"),
    "list_gpu_types": _both("rp.gpus.list"),
    "get_gpu_type": _both("rp.gpus.get"),
    "minimum_bid": _gql(
        "rp.gpus.minimum_bid / cheapest(spot=True)",
        "REST v2 has no spot prices or bids",
        "compare on-demand prices with rp.gpus.list() / cheapest()",
    ),
    "list_cpu_types": _both("rp.cpus.list"),
    "list_data_centers": _both("rp.datacenters.list"),
    "list_templates": _both("rp.templates.list"),
    "get_template": _both("rp.templates.get"),
    "save_template": _both("rp.templates.save"),
    "delete_template": _both("rp.templates.delete"),
    "list_volumes": _both("rp.volumes.list"),
    "get_volume": _both("rp.volumes.get"),
    "create_volume": _both("rp.volumes.create"),
    "update_volume": _both("rp.volumes.update"),
    "delete_volume": _both("rp.volumes.delete"),
    "list_endpoints": _both("rp.endpoints.list"),
    "get_endpoint": _both("rp.endpoints.get"),
    "save_endpoint": _both("rp.endpoints.save"),
    "save_load_balancer": _v2("rp.endpoints.save(endpoint_type='LOAD_BALANCER')"),
    "update_endpoint_template": _both("rp.endpoints.update_template"),
    "set_endpoint_workers": _both("rp.endpoints.set_workers"),
    "delete_endpoint": _both("rp.endpoints.delete"),
    "list_endpoint_workers": _v2("rp.endpoints.workers"),
    "list_registry_auths": _both("rp.registry_auths.list"),
    "create_registry_auth": _both("rp.registry_auths.save"),
    "update_registry_auth": _gql(
        "rp.registry_auths.update",
        "REST v2 cannot change a registry credential",
        "delete it and save a new one (its id changes: update the pods and templates using it)",
    ),
    "delete_registry_auth": _both("rp.registry_auths.delete"),
    "list_secrets": _gql(
        "rp.secrets.list",
        "REST v2 (2.9.0) has no secrets API",
        "manage secrets in RunPod's console",
    ),
    "create_secret": _gql(
        "rp.secrets.create", "REST v2 (2.9.0) has no secrets API", "create it in RunPod's console"
    ),
    "delete_secret": _gql(
        "rp.secrets.delete", "REST v2 (2.9.0) has no secrets API", "delete it in RunPod's console"
    ),
    "get_account": _gql(
        "rp.account.get",
        "REST v2 has no balance or current spend",
        "spend history is rp.billing.list(); SSH keys are rp.account.ssh_keys()",
    ),
    "get_ssh_keys": _both("rp.account.ssh_keys"),
    "set_ssh_keys": _both("rp.account.set_ssh_keys"),
    "billing": _v2("rp.billing"),
}

CATALOGUE = frozenset({"list_gpu_types", "get_gpu_type", "list_cpu_types", "list_data_centers"})
"""Public on GraphQL (RunPod's own clients read it with no key): ``auto`` uses GraphQL for these
when no key is configured, so prices can be compared before signing up."""


def resolve_mode(value: str | None, env: Mapping[str, str] | None = None) -> tuple[ApiMode, str]:
    """The mode and where it came from: the argument, ``RUNPOD_GQL_API``, or the default."""
    source = "argument"
    if value is None:
        value = (os.environ if env is None else env).get(API_ENV) or None
        source = f"env {API_ENV}"
    if value is None:
        return "auto", "default"
    mode = value.strip().lower()
    if mode not in API_MODES:
        raise InputValidationError(
            "api", f"must be one of {', '.join(API_MODES)}, got {value!r} (from {source})"
        )
    return mode, source


def choose(operation: str, mode: ApiMode, *, has_key: bool = True) -> Literal["rest", "graphql"]:
    """The API that serves ``operation`` in ``mode``; raises when ``mode`` cannot serve it."""
    route = ROUTES[operation]
    if mode == "graphql":
        return "graphql" if route.graphql else "rest"
    if mode == "rest":
        if not route.rest:
            refuse(operation, "rest")
        return "rest"
    if operation in CATALOGUE and not has_key:
        return "graphql"
    return "rest" if route.rest else "graphql"


def refuse(operation: str, api: str, detail: str = "") -> NoReturn:
    """Raise the typed error for an operation ``api`` cannot do, naming what to use instead."""
    route = ROUTES[operation]
    why = route.why if api == "rest" else "GraphQL has no equivalent: it is a REST v2 feature"
    alternative = route.alternative if api == "rest" else "use RunPod(api='auto') or api='rest'"
    if detail:
        why = f"{why} {detail}"
    raise UnsupportedOperationError(route.method, api=api, reason=why, alternative=alternative)


def table() -> list[tuple[str, dict[ApiMode, str]]]:
    """Public method -> the API serving it in each mode ('refused' where it cannot): for docs."""
    rows = []
    for operation, route in ROUTES.items():
        per_mode: dict[ApiMode, str] = {}
        for mode in API_MODES:
            try:
                per_mode[mode] = choose(operation, mode)
            except UnsupportedOperationError:
                per_mode[mode] = "refused"
        rows.append((route.method, per_mode))
    return rows


def markdown_table() -> str:
    """:func:`table` as the Markdown table ``docs/apis.md`` carries (a test keeps them equal)."""
    lines = ["| method | `auto` (default) | `rest` | `graphql` |", "|---|---|---|---|"]
    seen: set[str] = set()
    for method, per_mode in table():
        row = f"| `{method}` | {per_mode['auto']} | {per_mode['rest']} | {per_mode['graphql']} |"
        if row not in seen:
            seen.add(row)
            lines.append(row)
    return "\n".join(lines)
