"""The options of a pod's spec (``--name``, ``--image``, disks, ports, env, ...), defined once for
every create command: ``@gathered(spec=pod_spec(gpu=...))`` hands a command the :class:`~runpod_gql.PodSpec` they make, so ``pods create``, ``create-spot`` and
``create-cpu`` cannot drift apart. The library checks every value (a bad one exits 2 and is
reported under the option's name).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from typing import Annotated, Optional

import typer

from ..option_groups import Group, GroupOption, without_none
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


_Text = Optional[str]  # noqa: UP045 - typer evaluates annotations at runtime (Python 3.10)
_Int = Optional[int]  # noqa: UP045
_Moment = Optional[datetime]  # noqa: UP045

# In --help order; the defaults are the library's (a GPU pod's, see CPU_DEFAULTS).
SPEC_OPTIONS = (
    GroupOption("name", Annotated[str, typer.Option(help="Pod name (at most 60 characters).")]),
    GroupOption("image", Annotated[str, typer.Option(help="Container image.")]),
    GroupOption(
        "container_disk_gb",
        Annotated[int, typer.Option("--disk", help="Container disk, GB.")],
        20,
    ),
    GroupOption("volume_gb", Annotated[int, typer.Option("--volume", help="Pod volume, GB.")], 0),
    GroupOption(
        "volume_mount_path",
        Annotated[str, typer.Option("--volume-mount-path", help="Where the volume is mounted.")],
        "/workspace",
    ),
    GroupOption(
        "network_volume_id",
        Annotated[_Text, typer.Option("--network-volume", help="Network volume id to attach.")],
        None,
    ),
    GroupOption(
        "env",
        Annotated[
            Optional[list[str]],  # noqa: UP045
            typer.Option("--env", help="KEY=VALUE, repeatable.", show_default=False),
        ],
        None,
        convert=parse_env,
    ),
    GroupOption(
        "ports",
        Annotated[str, typer.Option(help='Exposed ports, e.g. "22/tcp,8888/http".')],
        "22/tcp",
    ),
    GroupOption(
        "docker_args",
        Annotated[
            _Text,
            typer.Option("--docker-args", help="Container start command (the image's otherwise)."),
        ],
        None,
    ),
    GroupOption(
        "template_id", Annotated[_Text, typer.Option("--template", help="Template id.")], None
    ),
    GroupOption(
        "min_vcpu",
        Annotated[_Int, typer.Option("--min-vcpu", help="vCPUs the host must give at least.")],
        None,
    ),
    GroupOption(
        "min_memory_gb",
        Annotated[
            _Int, typer.Option("--min-memory", help="GB of RAM the host must give at least.")
        ],
        None,
    ),
    GroupOption(
        "start_ssh",
        Annotated[bool, typer.Option("--start-ssh/--no-start-ssh", help="Start sshd in the pod.")],
        True,
    ),
    GroupOption(
        "support_public_ip",
        Annotated[
            bool,
            typer.Option("--public-ip/--no-public-ip", help="Require a host with a public IP."),
        ],
        True,
    ),
    GroupOption(
        "country_code", Annotated[_Text, typer.Option("--country", help="Country code.")], None
    ),
    GroupOption(
        "registry_auth_id",
        Annotated[
            _Text, typer.Option("--registry-auth", help="Registry credentials id (private image).")
        ],
        None,
    ),
    GroupOption(
        "allowed_cuda_versions",
        Annotated[
            Optional[list[str]],  # noqa: UP045
            typer.Option("--cuda-version", help="Allowed CUDA version; repeatable."),
        ],
        None,
    ),
    GroupOption(
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
    ),
    GroupOption(
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
    ),
)

GPU_ONLY = frozenset({"allowed_cuda_versions", "stop_after", "terminate_after"})
"""Options a CPU pod does not have (RunPod's CPU create has no such fields)."""
CPU_DEFAULTS = {"container_disk_gb": 10}


def pod_spec(*, gpu: bool) -> Group:
    """The spec options of a GPU pod, or (``gpu=False``) of a CPU pod, gathered into a
    :class:`~runpod_gql.PodSpec` (options not given are left out: the library's defaults apply)."""
    if gpu:
        return Group(SPEC_OPTIONS, without_none)
    options = [
        replace(o, default=CPU_DEFAULTS.get(o.name, o.default))
        for o in SPEC_OPTIONS
        if o.name not in GPU_ONLY
    ]
    return Group(options, without_none)
