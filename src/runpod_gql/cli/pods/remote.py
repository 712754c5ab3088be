"""Pod commands that reach inside a pod: ``exec``, ``upload``, ``download`` and ``ssh`` (native
SSH), ``send`` and ``receive`` (runpodctl's relay)."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from .. import render
from .._context import run, run_async
from ..options import EnvOpt, JsonOpt, PodId, SSHKey, Timeout, parse_env
from ..progress import TransferDisplay

if TYPE_CHECKING:
    from ...client import RunPod


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
        from ...remote.runpodctl import Runpodctl

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


def receive(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(help="The code `runpodctl send` printed.")],
    dest: Annotated[Path, typer.Option("--dest", help="Directory to receive into.")] = Path(),
    timeout: Timeout = 3600.0,
    as_json: JsonOpt = False,
) -> None:
    """Receive what `runpodctl send` sent, into --dest."""

    async def body() -> Any:
        from ...remote.runpodctl import Runpodctl

        return await Runpodctl(transfer_timeout=timeout).receive(code, dest)

    result = run_async(body)
    data = {"code": code, "dest": str(dest), "exit_code": result.exit_code}
    render.emit(data, as_json, lambda: render.note(f"received into {dest}"))


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


def ssh_command(host: str, port: int, user: str, key: Path | None) -> list[str]:
    """The OpenSSH command line: our known-hosts file, new hosts remembered, changed ones refused."""
    from ...remote.known_hosts import DEFAULT_KNOWN_HOSTS

    if key is None:
        try:
            from ...remote.keys import find_private_key

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
