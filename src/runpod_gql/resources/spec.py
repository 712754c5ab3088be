"""The spec of a pod, written once: what every create, ``launch`` and ``plan`` take.

The options are ``TypedDict`` s that the methods take as keywords (``**spec: Unpack[...]``), so a
call reads ``rp.pods.create(name=..., image=..., gpu_types=[...])``, a type checker and an IDE
know every keyword and its type, and a spec can be kept and reused as a plain dict
(``spec: GpuPodSpec = {...}; rp.pods.create(**spec)``). :func:`checked` validates a spec once,
before anything is sent, into API-neutral :class:`CheckedSpec` values; each API maps those to
its own request in one place (GraphQL: :mod:`._spec_graphql`).

(No ``from __future__ import annotations`` here: ``Required`` must be seen at run time.)
"""

import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from typing_extensions import Required, TypedDict

from .. import _validate as v
from .._validate import CloudType
from ..errors import InputValidationError
from ..models import Pod
from .readiness import ProgressCallback

TOKEN_ENV = "RUNPOD_GQL_TOKEN"
"""Environment variable every create puts on its pod: how a lost create is found again."""

DEFAULT_IMAGE_PORTS = "22/tcp"


class PodSpec(TypedDict, total=False):
    """What a pod is, wherever it runs. Defaults in brackets.

    ``container_disk_gb`` [20; 10 for CPU pods], ``volume_gb`` [0] mounted at
    ``volume_mount_path`` ["/workspace"], ``network_volume_id``, ``ports`` ["22/tcp"; a string
    "22/tcp,8888/http" or a list], ``env``, ``docker_args``, ``template_id``, ``min_vcpu`` and
    ``min_memory_gb`` (the host's), ``start_ssh`` [True], ``support_public_ip`` [True],
    ``country_code``, ``registry_auth_id`` (a private registry's credentials),
    ``allowed_cuda_versions`` (GPU pods), ``stop_after``/``terminate_after`` (GPU pods), and
    ``token``: the create token that finds a lost create again [a fresh one].
    """

    name: Required[str]
    image: Required[str]
    container_disk_gb: int
    volume_gb: int
    volume_mount_path: str
    network_volume_id: str | None
    ports: str | Sequence[str] | None
    env: Mapping[str, str] | None
    docker_args: str | None
    template_id: str | None
    min_vcpu: int | None
    min_memory_gb: int | None
    start_ssh: bool
    support_public_ip: bool
    country_code: str | None
    registry_auth_id: str | None
    allowed_cuda_versions: Sequence[str] | None
    stop_after: datetime | None
    terminate_after: datetime | None
    token: str | None


class GpuPlacement(TypedDict, total=False):
    """Where an on-demand GPU pod may go, in order of preference: what ``plan`` ranks.

    ``gpu_types``, ``cloud_types`` ["ALL"] and ``data_centers`` [any] are ordered preferences;
    ``gpu_count`` [1]; offers over ``max_price_per_hr`` (for all GPUs) are skipped.
    """

    gpu_types: Required[str | Sequence[str]]
    gpu_count: int
    cloud_types: CloudType | Sequence[CloudType]
    data_centers: str | Sequence[str] | None
    max_price_per_hr: float | None


class GpuPodSpec(PodSpec, GpuPlacement, total=False):
    """An on-demand GPU pod: what ``rp.pods.create`` takes."""


class SpotPodSpec(PodSpec, total=False):
    """A spot (interruptible) GPU pod: what ``rp.pods.create_spot`` takes.

    ``bid_per_gpu`` is per GPU and checked against the live minimum; ``cloud_type`` ["ALL"].
    """

    gpu_type: Required[str]
    bid_per_gpu: Required[float]
    gpu_count: int
    cloud_type: CloudType
    data_center_id: str | None


class CpuPodSpec(PodSpec, total=False):
    """A CPU pod: what ``rp.pods.create_cpu`` takes; ``instance_id`` such as ``cpu3c-2-4``.

    ``cloud_type`` ["SECURE"].
    """

    instance_id: Required[str]
    cloud_type: CloudType
    data_center_id: str | None


class LaunchSpec(GpuPodSpec, total=False):
    """What ``rp.pods.launch`` takes: every option of ``create``, and how to guard the pod.

    ``spot_bid_per_gpu`` makes it a spot pod (one GPU type; the first cloud type);
    ``ready_timeout`` [600 s] and ``ssh`` [True] are passed to ``wait_until_ready``; on leaving
    the block the pod is terminated, or stopped with ``on_exit="stop"``.
    """

    spot_bid_per_gpu: float | None
    ready_timeout: float
    ssh: bool
    on_exit: Literal["terminate", "stop"]
    on_progress: ProgressCallback | None


def new_token() -> str:
    return uuid.uuid4().hex


def pod_token(pod: Pod) -> str | None:
    """The create token a pod carries, if runpod-gql created it."""
    return pod.env.get(TOKEN_ENV)


def keywords(options: Mapping[str, Any], spec: type[Any], method: str) -> None:
    """Refuse unknown and missing keywords as Python would (``**spec`` accepts any name)."""
    known: frozenset[str] = spec.__required_keys__ | spec.__optional_keys__
    for key in options:
        if key not in known:
            raise TypeError(f"{method}() got an unexpected keyword argument {key!r}")
    for key in sorted(spec.__required_keys__):
        if key not in options:
            raise TypeError(f"{method}() missing required keyword argument: {key!r}")


def _optional(check: Callable[[str, Any], Any]) -> Callable[[str, Any], Any]:
    return lambda field, value: None if value is None else check(field, value)


def _flag(field: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise InputValidationError(field, f"must be True or False, got {value!r}")
    return value


def _moment(field: str, value: object) -> datetime:
    if not isinstance(value, datetime):
        raise InputValidationError(field, f"must be a datetime, got {type(value).__name__}")
    return value


def _strings(field: str, value: Sequence[str]) -> list[str] | None:
    return v.names(field, value) if value else None


# Each option of PodSpec: its default and its check (which may normalise: ports to one string).
_TEXT = _optional(v.text)
_OPTIONS: dict[str, tuple[Any, Callable[[str, Any], Any]]] = {
    "name": (None, lambda f, x: v.text(f, x, max_len=v.MAX_POD_NAME)),
    "image": (None, v.text),
    "container_disk_gb": (20, lambda f, x: v.integer(f, x, minimum=1)),
    "volume_gb": (0, v.integer),
    "volume_mount_path": ("/workspace", v.text),
    "network_volume_id": (None, _TEXT),
    "ports": (DEFAULT_IMAGE_PORTS, v.ports),
    "env": (None, v.env),
    "docker_args": (None, _optional(lambda f, x: v.text(f, x, allow_empty=True))),
    "template_id": (None, _TEXT),
    "min_vcpu": (None, _optional(lambda f, x: v.integer(f, x, minimum=1))),
    "min_memory_gb": (None, _optional(lambda f, x: v.integer(f, x, minimum=1))),
    "start_ssh": (True, _flag),
    "support_public_ip": (True, _flag),
    "country_code": (None, _TEXT),
    "registry_auth_id": (None, _TEXT),
    "allowed_cuda_versions": (None, _optional(_strings)),
    "stop_after": (None, _optional(_moment)),
    "terminate_after": (None, _optional(_moment)),
}
assert set(_OPTIONS) | {"token"} == PodSpec.__required_keys__ | PodSpec.__optional_keys__


@dataclass(frozen=True)
class CheckedSpec:
    """A validated :class:`PodSpec`: every option present (None = not asked for), and a token.

    ``env`` is a dict without the token; the API mappings add ``TOKEN_ENV`` themselves.
    """

    token: str
    values: Mapping[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.values[key]


def checked(spec: Mapping[str, Any], *, gpu: bool = True) -> CheckedSpec:
    """Validate the :class:`PodSpec` keys of ``spec`` (others are ignored) and fill defaults.

    ``gpu=False`` (a CPU pod) defaults the container disk to 10 GB and refuses the options only
    a GPU pod has.
    """
    values: dict[str, Any] = {}
    for key, (default, check) in _OPTIONS.items():
        if not gpu and key == "container_disk_gb":
            default = 10
        value = spec.get(key, default)
        values[key] = check(key, value)
    if not gpu:
        for key in ("allowed_cuda_versions", "stop_after", "terminate_after"):
            if values[key] is not None:
                raise InputValidationError(
                    key, "applies to GPU pods only (RunPod's CPU create has no such field)"
                )
    values["env"] = {k: val for k, val in values["env"].items() if k != TOKEN_ENV}
    token = spec.get("token")
    return CheckedSpec(
        token=v.text("token", token) if token is not None else new_token(), values=values
    )
