"""``runpod-gql pods ...``: every pod command, each a thin call into ``rp.pods``."""

from __future__ import annotations

import enum
import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from . import render
from ._context import run, run_async
from .app import Cloud, JsonOpt
from .progress import TransferDisplay, WaitDisplay

if TYPE_CHECKING:
    from ..client import RunPod


class Status(str, enum.Enum):
    CREATED = "CREATED"
    RUNNING = "RUNNING"
    RESTARTING = "RESTARTING"
    EXITED = "EXITED"
    PAUSED = "PAUSED"
    DEAD = "DEAD"
    TERMINATED = "TERMINATED"


PodId = Annotated[str, typer.Argument(help="The pod's id.", show_default=False)]
Timeout = Annotated[float, typer.Option("--timeout", help="Seconds to wait at most.")]
NoSSHCheck = Annotated[
    bool,
    typer.Option(
        "--no-ssh-check", help="Ready once ports are mapped; do not wait for an SSH banner."
    ),
]
SSHKey = Annotated[
    Optional[Path],  # noqa: UP045 - typer reads annotations at runtime (Python 3.10)
    typer.Option(
        "--ssh-key",
        envvar="RUNPOD_GQL_SSH_KEY",
        help="Private key for the pod (default: ~/.runpod/ssh/runpodctl-ssh-key, then any key there).",
        show_default=False,
    ),
]
EnvOpt = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option("--env", help="KEY=VALUE, repeatable.", show_default=False),
]


def parse_env(items: list[str] | None) -> dict[str, str]:
    env: dict[str, str] = {}
    for item in items or ():
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise typer.BadParameter(f"expected KEY=VALUE, got {item!r}", param_hint="--env")
        env[key] = value
    return env


def _gpu(p: Any) -> object:
    m = p.machine
    name = (m.gpu_display_name or m.gpu_type_id) if m is not None else None
    return f"{name} x{p.gpu_count}" if name and p.gpu_count else None


def _uptime(p: Any) -> object:
    rt = p.runtime
    return (
        f"{rt.uptime_in_seconds}s" if rt is not None and rt.uptime_in_seconds is not None else None
    )


POD_COLUMNS: list[render.Column] = [
    ("id", lambda p: p.id),
    ("name", lambda p: p.name),
    ("status", lambda p: p.desired_status),
    ("gpu", _gpu),
    ("$/h", lambda p: render.money(p.cost_per_hr)),
    ("uptime", _uptime),
    ("image", lambda p: p.image_name),
]


def show_pod(pod: Any, as_json: bool) -> None:
    render.emit(pod, as_json, lambda: render.table([pod], POD_COLUMNS))


async def wait_ready(
    rp: RunPod, pod_id: str, *, timeout: float, ssh: bool, status: Status | None = None
) -> Any:
    """Wait with a progress display; returns the pod's state."""
    target = status.value if status is not None else ("ready (SSH answers)" if ssh else "ready")
    with WaitDisplay(f"waiting for pod {pod_id} to be {target} (at most {timeout:g}s)") as show:
        if status is not None:
            return await rp.pods.wait_until(pod_id, status.value, timeout=timeout, on_progress=show)
        return await rp.pods.wait_until_ready(pod_id, timeout=timeout, ssh=ssh, on_progress=show)


def pods_app() -> typer.Typer:
    pods = typer.Typer(no_args_is_help=True)

    @pods.command("list")
    def list_(
        ctx: typer.Context,
        status: Annotated[
            Optional[list[Status]],  # noqa: UP045
            typer.Option("--status", help="Only pods in this status (repeatable)."),
        ] = None,
        name: Annotated[Optional[str], typer.Option(help="Exact name.")] = None,  # noqa: UP045
        name_prefix: Annotated[Optional[str], typer.Option(help="Name prefix.")] = None,  # noqa: UP045
        gpu_type: Annotated[Optional[str], typer.Option(help="GPU type id.")] = None,  # noqa: UP045
        as_json: JsonOpt = False,
    ) -> None:
        """Your pods (one request)."""

        async def body(rp: RunPod) -> Any:
            return await rp.pods.list(
                status=[s.value for s in status] if status else None,
                name=name,
                name_prefix=name_prefix,
                gpu_type=gpu_type,
            )

        items = run(ctx, body)
        render.emit(items, as_json, lambda: render.table(items, POD_COLUMNS, title="pods"))

    @pods.command("get")
    def get(ctx: typer.Context, pod_id: PodId, as_json: JsonOpt = False) -> None:
        """One pod, with its machine and runtime."""

        async def body(rp: RunPod) -> Any:
            return await rp.pods.get(pod_id)

        pod = run(ctx, body)
        render.emit(pod, as_json, lambda: render.fields(pod, title=f"pod {pod_id}"))

    @pods.command("create")
    def create(
        ctx: typer.Context,
        name: Annotated[str, typer.Option(help="Pod name (at most 60 characters).")],
        image: Annotated[str, typer.Option(help="Container image.")],
        gpu_type: Annotated[
            list[str],
            typer.Option("--gpu-type", help="GPU type id; repeat in order of preference."),
        ],
        cloud_type: Annotated[
            Optional[list[Cloud]],  # noqa: UP045
            typer.Option("--cloud-type", help="SECURE, COMMUNITY or ALL; repeatable, in order."),
        ] = None,
        data_center: Annotated[
            Optional[list[str]],  # noqa: UP045
            typer.Option("--data-center", help="Data centre id; repeatable, in order."),
        ] = None,
        max_price: Annotated[
            Optional[float],  # noqa: UP045
            typer.Option("--max-price", help="Skip offers above this $/h for the whole pod."),
        ] = None,
        gpu_count: Annotated[int, typer.Option("--gpu-count")] = 1,
        disk: Annotated[int, typer.Option("--disk", help="Container disk, GB.")] = 20,
        volume: Annotated[int, typer.Option("--volume", help="Pod volume, GB.")] = 0,
        env: EnvOpt = None,
        ports: Annotated[
            str, typer.Option(help='Exposed ports, e.g. "22/tcp,8888/http".')
        ] = "22/tcp",
        docker_args: Annotated[Optional[str], typer.Option("--docker-args")] = None,  # noqa: UP045
        template: Annotated[Optional[str], typer.Option("--template", help="Template id.")] = None,  # noqa: UP045
        dry_run: Annotated[
            bool, typer.Option("--dry-run", help="Show the placement plan; create nothing.")
        ] = False,
        wait: Annotated[bool, typer.Option("--wait", help="Wait until the pod is ready.")] = False,
        timeout: Timeout = 600.0,
        no_ssh_check: NoSSHCheck = False,
        as_json: JsonOpt = False,
    ) -> None:
        """Create an on-demand GPU pod on the first GPU type / cloud with capacity."""
        env_vars = parse_env(env)
        clouds = [c.value for c in cloud_type] if cloud_type else ["ALL"]

        if dry_run:

            async def plan(rp: RunPod) -> Any:
                return await rp.pods.plan(
                    gpu_types=gpu_type,
                    gpu_count=gpu_count,
                    cloud_types=clouds,  # type: ignore[arg-type]
                    data_centers=data_center,
                    max_price_per_hr=max_price,
                )

            candidates = run(ctx, plan)
            cols: list[render.Column] = [
                ("gpu type", lambda c: c.gpu_type_id),
                ("cloud", lambda c: c.cloud_type),
                ("data centre", lambda c: c.data_center_id),
                ("$/h", lambda c: render.money(c.price_per_hr)),
                ("stock", lambda c: c.stock_status),
                ("plan", lambda c: "try" if c.skip is None else f"skip: {c.skip}"),
            ]
            render.emit(
                candidates, as_json, lambda: render.table(candidates, cols, title="placement plan")
            )
            return

        async def body(rp: RunPod) -> Any:
            pod = await rp.pods.create(
                name=name,
                image=image,
                gpu_types=gpu_type,
                gpu_count=gpu_count,
                cloud_types=clouds,  # type: ignore[arg-type]
                data_centers=data_center,
                max_price_per_hr=max_price,
                container_disk_gb=disk,
                volume_gb=volume,
                ports=ports,
                env=env_vars,
                docker_args=docker_args,
                template_id=template,
            )
            render.note(
                f"created pod {pod.id} ({_gpu(pod) or pod.gpu_count}, {render.money(pod.cost_per_hr)}/h)"
            )
            if not wait:
                return pod
            await wait_ready(rp, pod.id, timeout=timeout, ssh=not no_ssh_check)
            return await rp.pods.get(pod.id)

        show_pod(run(ctx, body), as_json)

    @pods.command("create-spot")
    def create_spot(
        ctx: typer.Context,
        name: Annotated[str, typer.Option(help="Pod name.")],
        image: Annotated[str, typer.Option(help="Container image.")],
        gpu_type: Annotated[str, typer.Option("--gpu-type", help="GPU type id.")],
        bid: Annotated[float, typer.Option("--bid", help="Bid in $/h PER GPU (not the total).")],
        cloud_type: Annotated[Cloud, typer.Option("--cloud-type")] = Cloud.ALL,
        gpu_count: Annotated[int, typer.Option("--gpu-count")] = 1,
        disk: Annotated[int, typer.Option("--disk", help="Container disk, GB.")] = 20,
        volume: Annotated[int, typer.Option("--volume", help="Pod volume, GB.")] = 0,
        env: EnvOpt = None,
        ports: Annotated[str, typer.Option(help="Exposed ports.")] = "22/tcp",
        wait: Annotated[bool, typer.Option("--wait", help="Wait until the pod is ready.")] = False,
        timeout: Timeout = 600.0,
        no_ssh_check: NoSSHCheck = False,
        as_json: JsonOpt = False,
    ) -> None:
        """Create a spot (interruptible) pod; the bid is checked against the current minimum."""
        env_vars = parse_env(env)

        async def body(rp: RunPod) -> Any:
            pod = await rp.pods.create_spot(
                name=name,
                image=image,
                gpu_type=gpu_type,
                bid_per_gpu=bid,
                gpu_count=gpu_count,
                cloud_type=cloud_type.value,
                container_disk_gb=disk,
                volume_gb=volume,
                ports=ports,
                env=env_vars,
            )
            render.note(f"created spot pod {pod.id} at {render.money(bid)}/GPU/h")
            if not wait:
                return pod
            await wait_ready(rp, pod.id, timeout=timeout, ssh=not no_ssh_check)
            return await rp.pods.get(pod.id)

        show_pod(run(ctx, body), as_json)

    @pods.command("start")
    def start(
        ctx: typer.Context,
        pod_id: PodId,
        bid: Annotated[
            Optional[float],  # noqa: UP045
            typer.Option("--bid", help="Resume a spot pod with this bid per GPU."),
        ] = None,
        gpu_count: Annotated[Optional[int], typer.Option("--gpu-count")] = None,  # noqa: UP045
        as_json: JsonOpt = False,
    ) -> None:
        """Resume a stopped pod (a spot pod needs --bid)."""

        async def body(rp: RunPod) -> Any:
            if bid is not None:
                return await rp.pods.bid_resume(pod_id, bid_per_gpu=bid, gpu_count=gpu_count)
            return await rp.pods.resume(pod_id, gpu_count=gpu_count)

        show_pod(run(ctx, body), as_json)

    @pods.command("stop")
    def stop(ctx: typer.Context, pod_id: PodId, as_json: JsonOpt = False) -> None:
        """Stop a pod: GPU billing ends, its volume is kept (and billed)."""

        async def body(rp: RunPod) -> Any:
            return await rp.pods.stop(pod_id)

        show_pod(run(ctx, body), as_json)

    @pods.command("terminate")
    def terminate(ctx: typer.Context, pod_id: PodId, as_json: JsonOpt = False) -> None:
        """Delete a pod for good (succeeds when it is already gone)."""

        async def body(rp: RunPod) -> bool:
            return await rp.pods.terminate(pod_id)

        done = run(ctx, body)
        result = {"id": pod_id, "terminated": done, "already_gone": not done}
        render.emit(
            result,
            as_json,
            lambda: render.out().print(
                f"terminated pod {pod_id}" if done else f"pod {pod_id} was already gone"
            ),
        )

    @pods.command("reap")
    def reap(
        ctx: typer.Context,
        name_prefix: Annotated[
            Optional[str],  # noqa: UP045
            typer.Option(help="Only pods whose name starts with this."),
        ] = None,
        all_tagged: Annotated[
            bool, typer.Option("--all-tagged", help="Every pod runpod-gql created with this key.")
        ] = False,
        dry_run: Annotated[
            bool, typer.Option("--dry-run", help="List them; terminate none.")
        ] = False,
        as_json: JsonOpt = False,
    ) -> None:
        """Terminate pods runpod-gql created and left behind (they carry its create token)."""

        async def body(rp: RunPod) -> Any:
            return await rp.pods.reap(
                name_prefix=name_prefix, all_tagged=all_tagged, dry_run=dry_run
            )

        items = run(ctx, body)
        verb = "would terminate" if dry_run else "terminated"
        render.emit(
            items,
            as_json,
            lambda: render.table(items, POD_COLUMNS, title=f"{verb} {len(items)} pod(s)"),
        )

    @pods.command("wait")
    def wait_(
        ctx: typer.Context,
        pod_id: PodId,
        timeout: Timeout = 600.0,
        status: Annotated[
            Optional[Status],  # noqa: UP045
            typer.Option("--status", help="Wait for this status instead of readiness."),
        ] = None,
        no_ssh_check: NoSSHCheck = False,
        as_json: JsonOpt = False,
    ) -> None:
        """Wait until the pod is ready: RUNNING, port 22 mapped, and sshd answering."""

        async def body(rp: RunPod) -> Any:
            return await wait_ready(
                rp, pod_id, timeout=timeout, ssh=not no_ssh_check, status=status
            )

        state = run(ctx, body)

        def human() -> None:
            render.out().print(f"pod {pod_id} is {state.desired_status.value}", markup=False)

        render.emit(state, as_json, human)

    @pods.command("metrics")
    def metrics(
        ctx: typer.Context,
        pod_id: PodId,
        count: Annotated[int, typer.Option("--count", help="Samples to take.")] = 1,
        interval: Annotated[
            float, typer.Option("--interval", help="Seconds between samples.")
        ] = 10.0,
        as_json: JsonOpt = False,
    ) -> None:
        """GPU/CPU/memory use, uptime and cost so far (--count N: N samples; JSON: one per line)."""

        async def body(rp: RunPod) -> None:
            async for m in rp.pods.watch(pod_id, interval=interval, count=count):
                if as_json:
                    import json

                    sys.stdout.write(json.dumps(render.jsonable(m)) + "\n")
                    sys.stdout.flush()
                    continue
                gpu = m.gpu_util_percent
                render.out().print(
                    f"pod {m.pod_id} {m.status.value}: GPU {'-' if gpu is None else f'{gpu:.0f}%'}"
                    f" ({', '.join(f'{g.util_percent}%' for g in m.gpus) or 'no GPUs reported'}),"
                    f" CPU {render.cell(m.cpu_percent)}%, memory {render.cell(m.memory_percent)}%,"
                    f" up {m.uptime_seconds}s, {render.money(m.cost_per_hr)}/h,"
                    f" cost so far {render.money(m.cost_so_far)}",
                    markup=False,
                )

        run(ctx, body)

    @pods.command(
        "exec",
        # The command's own options pass through; put ours before a `--` to be safe.
        context_settings={"ignore_unknown_options": True},
    )
    def exec_(
        ctx: typer.Context,
        pod_id: PodId,
        command: Annotated[
            list[str],
            typer.Argument(
                help="One argument: a shell command line. Several: a program and its arguments.",
                show_default=False,
            ),
        ],
        timeout: Annotated[
            Optional[float],  # noqa: UP045
            typer.Option("--timeout", help="Kill the command after this many seconds."),
        ] = None,
        env: EnvOpt = None,
        ssh_key: SSHKey = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Run a command on the pod over SSH, streaming its output; exits with its exit status."""
        env_vars = parse_env(env)
        cmd: str | list[str] = command[0] if len(command) == 1 else list(command)

        def echo(stream: Any) -> Any:
            def write(line: str) -> None:
                stream.write(line)
                stream.flush()

            return None if as_json else write

        async def body(rp: RunPod) -> Any:
            return await rp.pods.exec(
                pod_id,
                cmd,
                timeout=timeout,
                env=env_vars or None,
                check=False,
                on_stdout=echo(sys.stdout),
                on_stderr=echo(sys.stderr),
                key_path=ssh_key,
            )

        result = run(ctx, body)
        if as_json:
            render.print_json(result)
        status = result.exit_status
        raise typer.Exit(status if status is not None else 255)

    @pods.command("upload")
    def upload(
        ctx: typer.Context,
        pod_id: PodId,
        local: Annotated[Path, typer.Argument(help="Local file or directory.", exists=True)],
        remote: Annotated[str, typer.Argument(help="Destination path on the pod.")],
        ssh_key: SSHKey = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Copy a file or directory to the pod (SFTP)."""
        with TransferDisplay("uploading") as shown:

            async def body(rp: RunPod) -> None:
                await rp.pods.upload(pod_id, local, remote, progress=shown, key_path=ssh_key)

            run(ctx, body)
        _transferred(pod_id, str(local), remote, shown, as_json, "uploaded")

    @pods.command("download")
    def download(
        ctx: typer.Context,
        pod_id: PodId,
        remote: Annotated[str, typer.Argument(help="File or directory on the pod.")],
        local: Annotated[Path, typer.Argument(help="Local destination path.")],
        ssh_key: SSHKey = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Copy a file or directory from the pod (SFTP)."""
        with TransferDisplay("downloading") as shown:

            async def body(rp: RunPod) -> None:
                await rp.pods.download(pod_id, remote, local, progress=shown, key_path=ssh_key)

            run(ctx, body)
        _transferred(pod_id, str(local), remote, shown, as_json, "downloaded")

    @pods.command("send")
    def send(
        ctx: typer.Context,
        path: Annotated[Path, typer.Argument(help="File or folder to send.", exists=True)],
        code: Annotated[Optional[str], typer.Option("--code", help="Choose the code.")] = None,  # noqa: UP045
        timeout: Timeout = 3600.0,
        as_json: JsonOpt = False,
    ) -> None:
        """Send with runpodctl (croc relay): prints the one-time code, then waits for the receiver.

        On the pod: `runpodctl receive <code>`.
        """
        import json

        async def body() -> None:
            from ..remote.runpodctl import Runpodctl

            transfer = await Runpodctl(transfer_timeout=timeout).send(path, code=code)
            async with transfer:
                if as_json:  # one line, so a script can read it while the transfer waits
                    sys.stdout.write(json.dumps({"code": transfer.code}) + "\n")
                    sys.stdout.flush()
                else:
                    render.out().print(transfer.code, markup=False)
                    render.note(f"on the pod, run: runpodctl receive {transfer.code}")
                await transfer.wait()

        run_async(body)

    @pods.command("receive")
    def receive(
        ctx: typer.Context,
        code: Annotated[str, typer.Argument(help="The code `runpodctl send` printed.")],
        dest: Annotated[Path, typer.Option("--dest", help="Directory to receive into.")] = Path(),
        timeout: Timeout = 3600.0,
        as_json: JsonOpt = False,
    ) -> None:
        """Receive what `runpodctl send` sent, into --dest."""

        async def body() -> Any:
            from ..remote.runpodctl import Runpodctl

            return await Runpodctl(transfer_timeout=timeout).receive(code, dest)

        result = run_async(body)
        data = {"code": code, "dest": str(dest), "exit_code": result.exit_code}
        render.emit(data, as_json, lambda: render.note(f"received into {dest}"))

    @pods.command("ssh")
    def ssh(
        ctx: typer.Context,
        pod_id: PodId,
        connect: Annotated[
            bool, typer.Option("--connect", help="Run the system ssh with this command line.")
        ] = False,
        ssh_key: SSHKey = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Print the ssh command line for the pod (host key checked against our known-hosts file)."""

        async def body(rp: RunPod) -> Any:
            return await rp.pods.ssh_endpoint(pod_id)

        endpoint = run(ctx, body)
        argv = ssh_command(endpoint.host, endpoint.port, endpoint.username, ssh_key)
        if connect:
            binary = shutil.which("ssh")
            if binary is None:
                render.note("error: no ssh binary on PATH")
                render.note("hint: install OpenSSH's client, or use `runpod-gql pods exec`")
                raise typer.Exit(1)
            sys.stdout.flush()
            os.execv(binary, argv)  # noqa: S606 - replaces this process; the pod's shell takes over
        import shlex

        data = {
            "host": endpoint.host,
            "port": endpoint.port,
            "username": endpoint.username,
            "command": argv,
        }
        render.emit(data, as_json, lambda: render.out().print(shlex.join(argv), markup=False))

    return pods


def ssh_command(host: str, port: int, user: str, key: Path | None) -> list[str]:
    """The OpenSSH command line: our known-hosts file, new hosts remembered, changed ones refused."""
    from ..remote.known_hosts import DEFAULT_KNOWN_HOSTS

    if key is None:
        try:
            from ..remote.keys import find_private_key

            key = find_private_key()
        except Exception:  # no key found, or no asyncssh: let ssh use its own defaults
            key = None
    known = DEFAULT_KNOWN_HOSTS.expanduser()
    known.parent.mkdir(parents=True, exist_ok=True)
    argv = ["ssh", "-p", str(port)]
    if key is not None:
        argv += ["-i", str(key), "-o", "IdentitiesOnly=yes"]
    argv += [
        "-o",
        f"UserKnownHostsFile={known}",
        "-o",
        "StrictHostKeyChecking=accept-new",
        # Plain entries, as the library writes and reads them: both share one trust on first use.
        "-o",
        "HashKnownHosts=no",
        f"{user}@{host}",
    ]
    return argv


def _transferred(
    pod_id: str, local: str, remote: str, shown: TransferDisplay, as_json: bool, verb: str
) -> None:
    data = {
        "pod_id": pod_id,
        "local": local,
        "remote": remote,
        "files": shown.files,
        "bytes": shown.bytes,
    }
    where = (
        f"{local} -> {pod_id}:{remote}" if verb == "uploaded" else f"{pod_id}:{remote} -> {local}"
    )
    render.emit(
        data,
        as_json,
        lambda: render.out().print(
            f"{verb} {shown.files} file(s), {shown.bytes} bytes: {where}", markup=False
        ),
    )
