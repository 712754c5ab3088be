"""``runpod-gql pods ...``: every pod command, each a thin call into ``rp.pods``.

The commands live by what they touch: :mod:`.create` (make a pod), :mod:`.manage` (read or
change one through the API), :mod:`.remote` (reach inside one); :mod:`.view` is how a pod is
shown. The table below is the group, in the order ``--help`` lists it.
"""

from __future__ import annotations

import typer

from . import create, logs, manage, remote

app: typer.Typer = typer.Typer(no_args_is_help=True, help="Create, watch, reach and remove pods.")

app.command("list")(manage.list_pods)
app.command("get")(manage.get)
app.command("create")(create.create)
app.command("create-spot")(create.create_spot)
app.command("create-cpu")(create.create_cpu)
app.command("start")(manage.start)
app.command("stop")(manage.stop)
app.command("restart")(logs.restart)
app.command("terminate")(manage.terminate)
app.command("reap")(manage.reap)
app.command("wait")(manage.wait)
app.command("metrics")(manage.metrics)
app.command("logs")(logs.logs)
# The command's own options pass through; put ours before a `--` to be safe.
app.command("exec", context_settings={"ignore_unknown_options": True})(remote.exec_)
app.command("upload")(remote.upload)
app.command("download")(remote.download)
app.command("send")(remote.send)
app.command("receive")(remote.receive)
app.command("ssh")(remote.ssh)
