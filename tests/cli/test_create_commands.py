"""``pods create``, ``create-spot`` and ``create-cpu`` share one definition of a pod's spec
options (``cli/pods/spec.py``): each takes all of them, and they reach the pod."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
import typer

from runpod_gql import PodSpec
from runpod_gql.cli.app import build_app
from runpod_gql.cli.pods.spec import GPU_ONLY, SPEC_OPTIONS, parse_moment

from .conftest import World
from .test_cli import A40, obj, one_error

SPEC = [
    "--name",
    "cli-spec",
    "--image",
    "img:1",
    "--disk",
    "30",
    "--volume",
    "5",
    "--volume-mount-path",
    "/data",
    "--env",
    "A=1",
    "--ports",
    "22/tcp,8888/http",
    "--docker-args",
    "sleep infinity",
    "--min-vcpu",
    "2",
    "--min-memory",
    "4",
]


WAITED = ["--wait", "--no-ssh-check", "--timeout", "60", "--json"]


def assert_spec(pod: dict[str, Any]) -> None:
    assert pod["name"] == "cli-spec"
    assert pod["image"] == "img:1"
    assert pod["container_disk_gb"] == 30
    assert pod["volume_gb"] == 5
    assert pod["volume_mount_path"] == "/data"
    assert pod["env"]["A"] == "1"
    assert pod["ports"] == ["22/tcp", "8888/http"]
    assert pod["args"] == "sleep infinity"
    assert pod["vcpu_count"] >= 2
    assert pod["memory_gb"] >= 4


@pytest.mark.parametrize(
    ("command", "extra"),
    [
        ("create", ["--gpu-type", A40, "--stop-after", "2h", "--cuda-version", "12.4"]),
        ("create-spot", ["--gpu-type", A40, "--bid", "0.5", "--terminate-after", "1d"]),
        ("create-cpu", ["--instance-id", "cpu3c-2-4"]),
    ],
)
def test_every_create_command_takes_the_pod_spec(
    world: World, command: str, extra: list[str]
) -> None:
    r = world.cli("pods", command, *SPEC, *extra, "--json")
    assert r.code == 0, r.stderr
    pod = obj(r.json())
    try:
        assert_spec(pod)
    finally:
        assert world.cli("pods", "terminate", pod["id"]).code == 0


def test_create_cpu_defaults_and_waits(world: World) -> None:
    r = world.cli(
        "pods",
        "create-cpu",
        "--name",
        "cli-cpu",
        "--image",
        "img",
        "--instance-id",
        "cpu3c-2-4",
        *WAITED,
    )
    assert r.code == 0, r.stderr
    pod = obj(r.json())
    try:
        assert pod["status"] == "RUNNING"
        assert pod["gpu_count"] == 0
        assert pod["container_disk_gb"] == 10  # a CPU pod's default, not a GPU pod's 20
        assert f"created CPU pod {pod['id']} (cpu3c-2-4" in r.stderr
    finally:
        world.cli("pods", "terminate", pod["id"])


def test_gpu_only_options_are_not_offered_for_cpu_pods(world: World) -> None:
    for option in ("--cuda-version", "--stop-after", "--terminate-after"):
        assert option in world.cli("pods", "create", "--help").stdout
        assert option in world.cli("pods", "create-spot", "--help").stdout
        r = world.cli(
            "pods", "create-cpu", "--name", "x", "--image", "i", "--instance-id", "cpu3c-2-4",
            option, "1",
        )  # fmt: skip
        assert r.code == 2
        assert "No such option" in r.stderr


def test_refused_values_name_the_option_typed(world: World) -> None:
    """The library names its keyword (container_disk_gb); the CLI says --disk."""
    base = ["pods", "create", "--name", "x", "--image", "i", "--gpu-type", A40]
    when = world.cli(*base, "--stop-after", "tomorrow")
    assert when.code == 2
    assert "ISO 8601" in when.stderr
    disk = world.cli(*base, "--disk", "0")
    assert disk.code == 2
    assert "error: --disk: must be >= 1, got 0" in disk.stderr
    one_error(disk.stderr)
    second = world.cli(*base, "--gpu-type", "NOPE")
    assert second.code == 2
    assert "error: --gpu-type #2: unknown GPU type id 'NOPE'" in second.stderr
    bid = world.cli(
        "pods", "create-spot", "--name", "x", "--image", "i", "--gpu-type", A40, "--bid", "0.01"
    )
    assert bid.code == 2
    assert "error: --bid: " in bid.stderr
    memory = world.cli("gpus", "cheapest", "--min-memory", "100000")
    assert memory.code == 2
    assert "error: --min-memory: " in memory.stderr
    assert json.loads(world.cli("pods", "list", "--name", "x", "--json").stdout) == []


def test_reap_needs_a_prefix_or_all_tagged(world: World) -> None:
    r = world.cli("pods", "reap")
    assert r.code == 2
    assert "--name-prefix" in r.stderr
    assert "--all-tagged" in r.stderr
    one_error(r.stderr)


def test_the_create_commands_take_the_same_spec_options() -> None:
    """In process: the parameters typer built for each create command."""
    root = typer.main.get_command(build_app())
    assert isinstance(root, typer.core.TyperGroup)
    pods = root.commands["pods"]
    assert isinstance(pods, typer.core.TyperGroup)

    def params(command: str) -> set[str]:
        return {p.name for p in pods.commands[command].params if p.name}

    every = {o.name for o in SPEC_OPTIONS}
    assert every <= params("create")
    assert every <= params("create-spot")
    assert {"allowed_cuda_versions", "stop_after", "terminate_after"} == GPU_ONLY
    assert every - GPU_ONLY <= params("create-cpu")
    assert not GPU_ONLY & params("create-cpu")
    for command in ("create", "create-spot", "create-cpu"):
        assert {"wait", "timeout", "no_ssh_check", "as_json"} <= params(command)


def test_every_pod_spec_option_has_a_flag() -> None:
    """A key added to the library's PodSpec fails here until the CLI offers it too."""
    keys = PodSpec.__required_keys__ | PodSpec.__optional_keys__
    # The create token is the library's own: each CLI call makes a fresh one.
    assert {o.name for o in SPEC_OPTIONS} == keys - {"token"}


def test_moments() -> None:
    before = datetime.now(timezone.utc)
    two_hours = parse_moment("2h")
    assert timedelta(hours=2) <= two_hours - before < timedelta(hours=2, minutes=1)
    assert parse_moment("90m") - before >= timedelta(minutes=90)
    assert parse_moment("2026-12-24T18:00:00+01:00") == datetime(
        2026, 12, 24, 17, 0, tzinfo=timezone.utc
    )
    assert parse_moment("2026-12-24T18:00").tzinfo is not None  # local time, made explicit
    with pytest.raises(typer.BadParameter):
        parse_moment("soon")


def test_a_failed_wait_says_the_pod_is_left_and_how_to_remove_it(world: World) -> None:
    # No port 22 exposed: the pod runs but never becomes reachable.
    r = world.cli(
        "pods", "create", "--name", "cli-left", "--image", "img", "--gpu-type", A40,
        "--ports", "8888/http", "--wait", "--timeout", "1",
    )  # fmt: skip
    assert r.code == 6
    one_error(r.stderr)
    (pod,) = json.loads(world.cli("pods", "list", "--name", "cli-left", "--json").stdout)
    try:
        assert f"`runpod-gql pods terminate {pod['id']}` removes it" in r.stderr
    finally:
        world.cli("pods", "terminate", pod["id"])
