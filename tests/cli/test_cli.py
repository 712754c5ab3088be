"""Every ``runpod-gql`` command, run as a subprocess against the emulator."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.support import TEST_API, alive, gone

from .conftest import CLI, World

A40 = "NVIDIA A40"


def obj(value: object) -> dict[str, Any]:
    assert isinstance(value, dict), value
    return value


def arr(value: object) -> list[Any]:
    assert isinstance(value, list), value
    return value


def one_error(stderr: str) -> None:
    """Failures are one `error:` line and one `hint:` line, no traceback."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert [line.split(":")[0] for line in lines[-2:]] == ["error", "hint"], stderr
    assert "Traceback" not in stderr


def create(world: World, name: str, *extra: str) -> dict[str, Any]:
    r = world.cli(
        "pods", "create", "--name", name, "--image", "img", "--gpu-type", A40, "--json", *extra
    )
    assert r.code == 0, r.stderr
    return obj(r.json())


# ---------------------------------------------------------------- help, config, completion


def test_help_lists_every_command(world: World) -> None:
    top = world.cli("--help")
    assert top.code == 0
    for name in (
        "pods",
        "gpus",
        "templates",
        "volumes",
        "endpoints",
        "jobs",
        "account",
        "config",
        "emulator",
    ):
        assert name in top.stdout
    endpoints = world.cli("endpoints", "--help")
    for name in ("list", "run", "health"):
        assert f" {name} " in endpoints.stdout, name
    jobs = world.cli("jobs", "--help")
    for name in ("status", "cancel"):
        assert f" {name} " in jobs.stdout, name
    pods = world.cli("pods", "--help")
    for name in (
        "list",
        "get",
        "create",
        "create-spot",
        "start",
        "stop",
        "terminate",
        "wait",
        "exec",
        "upload",
        "download",
        "send",
        "receive",
        "ssh",
        "metrics",
    ):
        assert f" {name} " in pods.stdout, name


def test_no_arguments_shows_usage_and_fails(world: World) -> None:
    r = world.cli()
    assert r.code == 2
    assert "Usage" in r.stdout + r.stderr


def test_config_show_names_the_source_never_the_key(world: World) -> None:
    r = world.cli("config", "show", "--json")
    assert r.code == 0, r.stderr
    cfg = obj(r.json())
    assert cfg["api_key_source"] == "environment variable RUNPOD_API_KEY"
    assert cfg["url"] == world.url
    assert cfg["url_source"] == "RUNPOD_GRAPHQL_URL"
    assert cfg["rest_url"] == world.url.removesuffix("/graphql")
    assert (cfg["api"], cfg["api_source"]) == (world.env()["RUNPOD_GQL_API"], "env RUNPOD_GQL_API")
    flagged = world.cli(
        "--api-key",
        world.key,
        "--base-url",
        world.url.removesuffix("/graphql"),
        "config",
        "show",
        "--json",
    )
    assert obj(flagged.json())["api_key_source"] == "the api_key argument"
    assert obj(flagged.json())["url"] == world.url
    table = world.cli("config", "show")
    assert "RUNPOD_API_KEY" in table.stdout


def test_profile_from_config_toml(world: World, tmp_path: Path) -> None:
    (tmp_path / ".runpod").mkdir()
    (tmp_path / ".runpod" / "config.toml").write_text(f'[work]\napi_key = "{world.key}"\n')
    env = world.env(HOME=str(tmp_path))
    del env["RUNPOD_API_KEY"]
    r = world.cli("--profile", "work", "account", "--json", env=env)
    assert r.code == 0, r.stderr
    assert obj(r.json())["id"]


def test_shell_completion(world: World) -> None:
    env = world.env(
        _RUNPOD_GQL_COMPLETE="complete_bash", COMP_WORDS="runpod-gql po", COMP_CWORD="1"
    )
    r = world.cli(env=env)
    assert r.code == 0
    assert r.stdout.split() == ["pods"]
    # Typer detects the user's shell by walking up the process tree; under a CI runner there may
    # be none, so the shell is named (typer's own switch for that).
    shown = world.env(_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION="1")
    script = world.cli("--show-completion", "bash", env=shown)
    assert "_runpod_gql_completion" in script.stdout


def test_missing_cli_extra_is_one_line(tmp_path: Path) -> None:
    code = "import sys; sys.modules['typer'] = None; from runpod_gql.cli import main; sys.exit(main(['--help']))"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    assert r.returncode == 1
    assert (
        r.stderr.strip()
        == "error: the runpod-gql command needs typer: pip install 'runpod-gql[cli]'"
    )


# ---------------------------------------------------------------- catalogue and account


def test_gpus_list_json_and_table(world: World) -> None:
    r = world.cli("gpus", "list", "--json")
    assert r.code == 0, r.stderr
    gpus = {g["id"]: g for g in arr(r.json())}
    assert gpus[A40]["memory_gb"] == 48
    assert gpus[A40]["secure_price"] > 0
    if TEST_API == "graphql":
        assert gpus[A40]["minimum_bid_price"] > 0
    else:  # the catalogue came over REST v2, which has no spot prices
        assert gpus[A40]["minimum_bid_price"] is None
    table = world.cli("gpus", "list", "--cloud", "SECURE", "--gpu-count", "2")
    assert table.code == 0
    assert A40 in table.stdout
    assert "$" in table.stdout


def test_gpus_cheapest(world: World) -> None:
    r = world.cli("gpus", "cheapest", "--min-memory", "40", "--json")
    assert r.code == 0, r.stderr
    choice = obj(r.json())
    listed = arr(world.cli("gpus", "list", "--json").json())
    prices = [
        min(p for p in (g["secure_price"], g["community_price"]) if p)
        for g in listed
        if g["memory_gb"] >= 40
    ]
    assert choice["price_per_hr"] == pytest.approx(min(prices))
    assert choice["offer"]["memory_gb"] >= 40
    assert choice["spot"] is False
    nothing = world.cli("gpus", "cheapest", "--min-memory", "4000")
    assert nothing.code == 2
    one_error(nothing.stderr)


@pytest.mark.parametrize("command", ["templates", "volumes", "endpoints"])
def test_listings(world: World, command: str) -> None:
    r = world.cli(command, "--json")
    assert r.code == 0, r.stderr
    arr(r.json())


def test_account(world: World) -> None:
    r = world.cli("account", "--json")
    assert r.code == 0, r.stderr
    acct = obj(r.json())
    assert isinstance(acct["balance"], float | int)
    assert "current_spend_per_hr" in acct
    assert "balance" in world.cli("account").stdout


# ---------------------------------------------------------------- pods


def test_pod_lifecycle(world: World) -> None:
    r = world.cli(
        "pods",
        "create",
        "--name",
        "cli-life",
        "--image",
        "img",
        "--gpu-type",
        "NOPE",
        "--gpu-type",
        A40,
        "--env",
        "A=1",
        "--env",
        "B=x=y",
        "--disk",
        "25",
        "--wait",
        "--no-ssh-check",
        "--timeout",
        "60",
        "--json",
    )
    assert r.code == 2  # an unknown GPU type id is refused before anything is created
    r = world.cli(
        "pods",
        "create",
        "--name",
        "cli-life",
        "--image",
        "img",
        "--gpu-type",
        A40,
        "--env",
        "A=1",
        "--env",
        "B=x=y",
        "--disk",
        "25",
        "--wait",
        "--no-ssh-check",
        "--timeout",
        "60",
        "--json",
    )
    assert r.code == 0, r.stderr
    pod = obj(r.json())  # stdout is JSON only; progress went to stderr
    pid = pod["id"]
    assert pod["status"] == "RUNNING"
    assert pod["container_disk_gb"] == 25
    assert {"A": "1", "B": "x=y"}.items() <= pod["env"].items()
    assert f"created pod {pid}" in r.stderr
    assert "waiting for pod" in r.stderr

    got = obj(world.cli("pods", "get", pid, "--json").json())
    assert got["id"] == pid
    assert got["gpu_type_id"] == A40
    listed = arr(world.cli("pods", "list", "--name", "cli-life", "--json").json())
    assert [p["id"] for p in listed] == [pid]
    assert (
        arr(world.cli("pods", "list", "--status", "EXITED", "--name", "cli-life", "--json").json())
        == []
    )
    assert pid in world.cli("pods", "list").stdout
    assert "cli-life" in world.cli("pods", "get", pid).stdout

    m = world.cli("pods", "metrics", pid, "--count", "2", "--interval", "0.01", "--json")
    samples = [obj(__import__("json").loads(line)) for line in m.stdout.splitlines()]
    assert len(samples) == 2
    assert samples[0]["pod_id"] == pid
    assert samples[0]["cost_per_hr"] == pod["cost_per_hr"]
    assert samples[0]["gpus"]
    assert "cost so far $" in world.cli("pods", "metrics", pid).stdout

    stopped = obj(world.cli("pods", "stop", pid, "--json").json())
    assert stopped["status"] == "EXITED"
    waited = world.cli("pods", "wait", pid, "--status", "EXITED", "--timeout", "30", "--json")
    assert obj(waited.json())["status"] == "EXITED"
    started = obj(world.cli("pods", "start", pid, "--json").json())
    assert started["id"] == pid
    ready = world.cli("pods", "wait", pid, "--no-ssh-check", "--timeout", "60")
    assert ready.code == 0
    assert f"pod {pid} is RUNNING" in ready.stdout

    gone = obj(world.cli("pods", "terminate", pid, "--json").json())
    assert gone == {"id": pid, "terminated": True, "already_gone": False}
    again = world.cli("pods", "terminate", pid)
    assert again.code == 0
    assert "already gone" in again.stdout
    missing = world.cli("pods", "get", pid)
    assert missing.code == 4
    one_error(missing.stderr)


def test_create_dry_run_plans_without_creating(world: World) -> None:
    r = world.cli(
        "pods",
        "create",
        "--name",
        "cli-plan",
        "--image",
        "img",
        "--gpu-type",
        A40,
        "--gpu-type",
        "NVIDIA L4",
        "--cloud-type",
        "SECURE",
        "--max-price",
        "0.41",
        "--dry-run",
        "--json",
    )
    assert r.code == 0, r.stderr
    plan = arr(r.json())
    assert [(c["gpu_type_id"], c["cloud_type"]) for c in plan] == [
        (A40, "SECURE"),
        ("NVIDIA L4", "SECURE"),
    ]
    assert plan[0]["skip"] is None
    assert "price" in plan[1]["skip"]
    assert arr(world.cli("pods", "list", "--name", "cli-plan", "--json").json()) == []


def test_spot_pod(world: World) -> None:
    low = world.cli(
        "pods",
        "create-spot",
        "--name",
        "cli-spot",
        "--image",
        "img",
        "--gpu-type",
        A40,
        "--bid",
        "0.01",
    )
    assert low.code == 2
    assert "minimum bid" in low.stderr
    one_error(low.stderr)
    r = world.cli(
        "pods",
        "create-spot",
        "--name",
        "cli-spot",
        "--image",
        "img",
        "--gpu-type",
        A40,
        "--bid",
        "0.5",
        "--json",
    )
    assert r.code == 0, r.stderr
    pod = obj(r.json())
    assert pod["pod_type"] == "INTERRUPTABLE"
    world.cli("pods", "stop", pod["id"])
    resumed = world.cli("pods", "start", pod["id"], "--bid", "0.5", "--json")
    assert resumed.code == 0, resumed.stderr
    assert world.cli("pods", "terminate", pod["id"]).code == 0


# ---------------------------------------------------------------- failures and exit codes


def test_wrong_key_exits_3(world: World) -> None:
    r = world.cli("pods", "list", env=world.env(RUNPOD_API_KEY="not-the-key"))
    assert r.code == 3
    assert "not-the-key" not in r.stdout + r.stderr
    one_error(r.stderr)


def test_no_key_exits_3_and_says_where_it_looked(world: World, tmp_path: Path) -> None:
    env = world.env(HOME=str(tmp_path))
    del env["RUNPOD_API_KEY"]
    r = world.cli("pods", "list", env=env)
    assert r.code == 3
    assert "RUNPOD_API_KEY" in r.stderr
    one_error(r.stderr)


def test_capacity_exits_5(world: World) -> None:
    world.control("/stock", {"gpu_type_id": "NVIDIA L4", "count": 0})
    try:
        r = world.cli(
            "pods", "create", "--name", "cli-full", "--image", "img", "--gpu-type", "NVIDIA L4"
        )
    finally:
        world.control("/stock", {"gpu_type_id": "NVIDIA L4", "count": 8})
    assert r.code == 5
    assert "NVIDIA L4" in r.stderr
    one_error(r.stderr)


def test_wait_timeout_exits_6(world: World) -> None:
    # No port 22 exposed: the pod runs but never becomes reachable.
    pod = create(world, "cli-unreachable", "--ports", "8888/http")
    try:
        r = world.cli("pods", "wait", pod["id"], "--timeout", "1")
        assert r.code == 6
        assert "waiting for public port mapping of 22" in r.stderr
        one_error(r.stderr)
    finally:
        world.cli("pods", "terminate", pod["id"])


def test_usage_errors_exit_2(world: World) -> None:
    assert world.cli("pods", "create", "--image", "img", "--gpu-type", A40).code == 2
    bad_env = world.cli(
        "pods", "create", "--name", "x", "--image", "i", "--gpu-type", A40, "--env", "NOEQUALS"
    )
    assert bad_env.code == 2
    assert "KEY=VALUE" in bad_env.stderr
    assert world.cli("pods", "list", "--status", "SLEEPING").code == 2


def test_unreachable_endpoint_exits_1_and_debug_shows_traceback(world: World) -> None:
    env = world.env(RUNPOD_GRAPHQL_URL="http://127.0.0.1:9/graphql")
    r = world.cli("--max-retries", "0", "pods", "list", env=env)
    assert r.code == 1
    one_error(r.stderr)
    debug = world.cli("--debug", "--max-retries", "0", "pods", "list", env=env)
    assert debug.code == 1
    assert "Traceback" in debug.stderr


# ---------------------------------------------------------------- remote: exec, files, ssh


@pytest.fixture
def ready_pod(ssh_world: World) -> Any:
    pod = create(ssh_world, "cli-remote", "--wait", "--timeout", "60")
    yield pod["id"]
    ssh_world.cli("pods", "terminate", pod["id"])


def test_exec_streams_and_exits_with_the_remote_status(ssh_world: World, ready_pod: str) -> None:
    key = str(ssh_world.ssh_key)
    r = ssh_world.cli(
        "pods",
        "exec",
        ready_pod,
        "--ssh-key",
        key,
        "--",
        "sh",
        "-c",
        "echo out; echo err >&2; exit 3",
    )
    assert (r.code, r.stdout, r.stderr) == (3, "out\n", "err\n")
    line = ssh_world.cli(
        "pods",
        "exec",
        ready_pod,
        "--ssh-key",
        key,
        "--env",
        "GREETING=hi there",
        "echo $GREETING | tr a-z A-Z",
    )
    assert (line.code, line.stdout) == (0, "HI THERE\n")
    env = ssh_world.env(RUNPOD_GQL_SSH_KEY=key)
    js = ssh_world.cli("pods", "exec", ready_pod, "--json", "ls", "-d", "/", env=env)
    assert js.code == 0
    assert obj(js.json())["stdout"] == "/\n"
    timed = ssh_world.cli("pods", "exec", ready_pod, "--timeout", "0.5", "sleep 30", env=env)
    assert timed.code == 6
    one_error(timed.stderr)


def test_upload_download_round_trip(ssh_world: World, ready_pod: str, tmp_path: Path) -> None:
    src = tmp_path / "project"
    src.mkdir()
    (src / "train.sh").write_text("echo training\n")
    (src / "data.bin").write_bytes(os.urandom(4096))
    remote = str(tmp_path / "on-pod" / "project")
    key = str(ssh_world.ssh_key)
    up = ssh_world.cli("pods", "upload", ready_pod, str(src), remote, "--ssh-key", key, "--json")
    assert up.code == 0, up.stderr
    assert obj(up.json())["bytes"] == 4096 + len("echo training\n")
    back = tmp_path / "back"
    down = ssh_world.cli("pods", "download", ready_pod, remote, str(back), "--ssh-key", key)
    assert down.code == 0, down.stderr
    assert (back / "data.bin").read_bytes() == (src / "data.bin").read_bytes()
    missing = ssh_world.cli("pods", "upload", ready_pod, str(tmp_path / "nope"), remote)
    assert missing.code == 2


def test_ssh_prints_and_connects(ssh_world: World, ready_pod: str) -> None:
    key = str(ssh_world.ssh_key)
    r = ssh_world.cli("pods", "ssh", ready_pod, "--ssh-key", key, "--json")
    assert r.code == 0, r.stderr
    info = obj(r.json())
    known = ssh_world.home / ".runpod" / "runpod-gql" / "known_hosts"
    assert info["command"][:3] == ["ssh", "-p", str(info["port"])]
    assert f"UserKnownHostsFile={known}" in info["command"]
    assert info["command"][-1] == f"root@{info['host']}"
    # --connect execs the system ssh: with no terminal and empty stdin the login shell just exits.
    connected = ssh_world.cli("pods", "ssh", ready_pod, "--ssh-key", key, "--connect")
    assert connected.code == 0, connected.stderr
    assert f"[{info['host']}]:{info['port']}" in known.read_text()


def test_exec_without_ssh_port_fails_with_hint(world: World) -> None:
    pod = create(world, "cli-no-ssh", "--ports", "8888/http")
    try:
        r = world.cli("pods", "exec", pod["id"], "true")
        assert r.code == 1
        assert "no public SSH port" in r.stderr
        one_error(r.stderr)
    finally:
        world.cli("pods", "terminate", pod["id"])


# ---------------------------------------------------------------- runpodctl send / receive

FAKE_RUNPODCTL = Path(__file__).parent.parent / "remote" / "fake_runpodctl" / "runpodctl"


def fake_runpodctl_env(world: World, tmp_path: Path) -> dict[str, str]:
    """The CLI's environment with the stand-in runpodctl (tests/remote) as its runpodctl."""
    launcher = tmp_path / "bin" / "runpodctl"
    launcher.parent.mkdir()
    launcher.write_text(f'#!/bin/sh\nexec {sys.executable} {FAKE_RUNPODCTL} "$@"\n')
    launcher.chmod(0o755)
    return world.env(RUNPODCTL_PATH=str(launcher), FAKE_RUNPODCTL_STATE=str(tmp_path / "state"))


def test_send_and_receive_through_runpodctl(world: World, tmp_path: Path) -> None:
    env = fake_runpodctl_env(world, tmp_path)
    payload = tmp_path / "start_training.sh"
    payload.write_text("echo hi\n")
    sender = subprocess.Popen(
        [CLI, "pods", "send", str(payload), "--json"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert sender.stdout is not None
        code = obj(__import__("json").loads(sender.stdout.readline()))["code"]
        dest = tmp_path / "dest"
        r = world.cli("pods", "receive", code, "--dest", str(dest), "--json", env=env)
        assert r.code == 0, r.stderr
        assert obj(r.json())["exit_code"] == 0
        assert sender.wait(timeout=30) == 0
        assert (dest / "start_training.sh").read_text() == "echo hi\n"
    finally:
        if sender.poll() is None:
            sender.kill()
        sender.communicate()


def test_send_without_runpodctl_says_how_to_get_it(world: World, tmp_path: Path) -> None:
    payload = tmp_path / "f"
    payload.write_text("x")
    env = world.env(PATH=str(tmp_path))
    r = world.cli("pods", "send", str(payload), env=env)
    assert r.code == 1
    assert "runpodctl" in r.stderr
    one_error(r.stderr)


def test_ctrl_c_during_a_wait_exits_130(world: World) -> None:
    import signal

    pod = create(world, "cli-interrupted", "--ports", "8888/http")
    proc = subprocess.Popen(
        [CLI, "pods", "wait", pod["id"], "--timeout", "120"],
        env=world.env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stderr is not None
        while "waiting for public port mapping" not in proc.stderr.readline():
            assert proc.poll() is None
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
        assert proc.returncode == 130
        assert "error: interrupted" in err
        assert "Traceback" not in err
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
        world.cli("pods", "terminate", pod["id"])


@pytest.mark.parametrize("signame", ["SIGINT", "SIGTERM", "SIGHUP"])
def test_signal_during_send_kills_runpodctl_and_exits_130(
    world: World, tmp_path: Path, signame: str
) -> None:
    """runpodctl runs in its own session, so no terminal signal reaches it: we must kill it."""
    import signal

    env = fake_runpodctl_env(world, tmp_path)
    payload = tmp_path / "f"
    payload.write_text("x")
    sender = subprocess.Popen(
        [CLI, "pods", "send", str(payload), "--json"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    child = 0
    try:
        assert sender.stdout is not None
        code = obj(__import__("json").loads(sender.stdout.readline()))["code"]
        child = int(code.split("-")[0])  # the stand-in's code starts with its pid
        sender.send_signal(getattr(signal, signame))
        _, err = sender.communicate(timeout=30)
        assert sender.returncode == 130
        assert "error: interrupted" in err
        assert "Traceback" not in err
        assert gone(child), "runpodctl was left running"
    finally:
        if sender.poll() is None:
            sender.kill()
            sender.communicate()
        if child and alive(child):
            os.kill(child, signal.SIGKILL)


def test_sigterm_during_exec_kills_the_remote_command(ssh_world: World, ready_pod: str) -> None:
    import signal

    proc = subprocess.Popen(
        [CLI, "pods", "exec", ready_pod, "--", "sleep 300 & echo $!; wait"],
        env=ssh_world.env(RUNPOD_GQL_SSH_KEY=str(ssh_world.ssh_key)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    remote = 0
    try:
        assert proc.stdout is not None
        remote = int(proc.stdout.readline())  # the pod is this machine's sshd
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
        assert proc.returncode == 130, err
        # SIGKILL was sent before the CLI exited; the kernel may take a moment to finish it.
        assert gone(remote), "the remote command was left running"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
        if remote and alive(remote):
            os.kill(remote, signal.SIGKILL)


def test_reap_terminates_only_tagged_pods_with_the_prefix(world: World) -> None:
    mine = {create(world, f"reap-me-{i}")["id"] for i in range(2)}
    other = create(world, "keep-me")["id"]
    refused = world.cli("pods", "reap")
    assert refused.code == 2  # neither a prefix nor --all-tagged: nothing is reaped by accident
    one_error(refused.stderr)
    dry = world.cli("pods", "reap", "--name-prefix", "reap-me-", "--dry-run", "--json")
    assert dry.code == 0, dry.stderr
    assert {p["id"] for p in arr(dry.json())} == mine
    done = world.cli("pods", "reap", "--name-prefix", "reap-me-", "--json")
    assert {p["id"] for p in arr(done.json())} == mine
    left = {p["id"] for p in arr(world.cli("pods", "list", "--json").json())}
    assert not (left & mine)
    assert other in left
    world.cli("pods", "terminate", other)
