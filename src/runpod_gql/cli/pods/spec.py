"""The options of a pod's spec (``--name``, ``--image``, disks, ports, env, ...), defined once for
every create command, and the :class:`~runpod_gql.PodSpec` they make.

A create command declares one parameter ``spec: PodSpec`` and is decorated with
:func:`spec_options`: typer then sees the options below in its place, and the command receives
them already gathered into the spec, so ``pods create``, ``create-spot`` and ``create-cpu``
cannot drift apart. The library checks every value (a bad one exits 2 with the option's name).
"""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Annotated, Any, Optional

import typer

from ..options import parse_env

_DURATION = re.compile(r"^\+?(\d+(?:\.\d+)?)([smhd])$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_moment(value: str) -> datetime:
    """``--stop-after``/``--terminate-after``: a delay from now (``90m``, ``2h``, ``1d``) or an
    ISO 8601 time (without a zone: local time)."""
    text = value.strip()
    delay = _DURATION.match(text)
    if delay:
        seconds = float(delay.group(1)) * _UNIT_SECONDS[delay.group(2)]
        return datetime.now(timezone.utc) + timedelta(seconds=seconds)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(
            f"expected a delay such as 90m, 2h or 1d, or an ISO 8601 time, got {value!r}"
        ) from None
    return moment if moment.tzinfo is not None else moment.astimezone()


@dataclass(frozen=True)
class _Option:
    key: str  # the PodSpec key (and the command's parameter name)
    annotation: Any
    default: Any = inspect.Parameter.empty
    cpu_default: Any = None  # when a CPU pod's default differs
    gpu_only: bool = False
    convert: Callable[[Any], Any] = lambda value: value


_Text = Optional[str]  # noqa: UP045 - typer evaluates annotations at runtime (Python 3.10)
_Int = Optional[int]  # noqa: UP045
_Moment = Optional[datetime]  # noqa: UP045

# In --help order; the defaults are the library's.
SPEC_OPTIONS = (
    _Option("name", Annotated[str, typer.Option(help="Pod name (at most 60 characters).")]),
    _Option("image", Annotated[str, typer.Option(help="Container image.")]),
    _Option(
        "container_disk_gb",
        Annotated[int, typer.Option("--disk", help="Container disk, GB.")],
        20,
        cpu_default=10,
    ),
    _Option("volume_gb", Annotated[int, typer.Option("--volume", help="Pod volume, GB.")], 0),
    _Option(
        "volume_mount_path",
        Annotated[str, typer.Option("--volume-mount-path", help="Where the volume is mounted.")],
        "/workspace",
    ),
    _Option(
        "network_volume_id",
        Annotated[_Text, typer.Option("--network-volume", help="Network volume id to attach.")],
        None,
    ),
    _Option(
        "env",
        Annotated[
            Optional[list[str]],  # noqa: UP045
            typer.Option("--env", help="KEY=VALUE, repeatable.", show_default=False),
        ],
        None,
        convert=parse_env,
    ),
    _Option(
        "ports",
        Annotated[str, typer.Option(help='Exposed ports, e.g. "22/tcp,8888/http".')],
        "22/tcp",
    ),
    _Option(
        "docker_args",
        Annotated[
            _Text,
            typer.Option("--docker-args", help="Container start command (the image's otherwise)."),
        ],
        None,
    ),
    _Option("template_id", Annotated[_Text, typer.Option("--template", help="Template id.")], None),
    _Option(
        "min_vcpu",
        Annotated[_Int, typer.Option("--min-vcpu", help="vCPUs the host must give at least.")],
        None,
    ),
    _Option(
        "min_memory_gb",
        Annotated[
            _Int, typer.Option("--min-memory", help="GB of RAM the host must give at least.")
        ],
        None,
    ),
    _Option(
        "start_ssh",
        Annotated[bool, typer.Option("--start-ssh/--no-start-ssh", help="Start sshd in the pod.")],
        True,
    ),
    _Option(
        "support_public_ip",
        Annotated[
            bool,
            typer.Option("--public-ip/--no-public-ip", help="Require a host with a public IP."),
        ],
        True,
    ),
    _Option(
        "country_code", Annotated[_Text, typer.Option("--country", help="Country code.")], None
    ),
    _Option(
        "registry_auth_id",
        Annotated[
            _Text, typer.Option("--registry-auth", help="Registry credentials id (private image).")
        ],
        None,
    ),
    _Option(
        "allowed_cuda_versions",
        Annotated[
            Optional[list[str]],  # noqa: UP045
            typer.Option("--cuda-version", help="Allowed CUDA version; repeatable."),
        ],
        None,
        gpu_only=True,
    ),
    _Option(
        "stop_after",
        Annotated[
            _Moment,
            typer.Option(
                "--stop-after",
                parser=parse_moment,
                help="Stop the pod then: a delay (90m, 2h, 1d) or an ISO 8601 time.",
                metavar="WHEN",
            ),
        ],
        None,
        gpu_only=True,
    ),
    _Option(
        "terminate_after",
        Annotated[
            _Moment,
            typer.Option(
                "--terminate-after",
                parser=parse_moment,
                help="Terminate the pod then: a delay (90m, 2h, 1d) or an ISO 8601 time.",
                metavar="WHEN",
            ),
        ],
        None,
        gpu_only=True,
    ),
)


def spec_options(*, gpu: bool = True) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Replace the command's ``spec`` parameter by the pod-spec options (``gpu=False``: without
    the GPU-only ones) and call it with the spec they make (options left unset are left out)."""
    options = [o for o in SPEC_OPTIONS if gpu or not o.gpu_only]

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        # ``spec: PodSpec`` is imported for type checkers only: the library stays unimported
        # until a command runs, so here the name stands for a plain dict.
        own = inspect.signature(command, eval_str=True, locals={"PodSpec": dict}).parameters
        spec_params = [
            inspect.Parameter(
                o.key,
                inspect.Parameter.KEYWORD_ONLY,
                annotation=o.annotation,
                default=o.cpu_default if not gpu and o.cpu_default is not None else o.default,
            )
            for o in options
        ]
        params: list[inspect.Parameter] = []
        for p in own.values():
            if p.name == "spec":
                params.extend(spec_params)
            else:
                params.append(p.replace(kind=inspect.Parameter.KEYWORD_ONLY))

        @functools.wraps(command)
        def wrapper(**kwargs: Any) -> None:
            spec: dict[str, Any] = {}
            for o in options:
                value = kwargs.pop(o.key)
                if value is not None:
                    spec[o.key] = o.convert(value)
            command(spec=spec, **kwargs)

        wrapper.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
        wrapper.__annotations__ = {p.name: p.annotation for p in params}
        del wrapper.__wrapped__  # typer must see the new signature, not the command's
        return wrapper

    return decorate
