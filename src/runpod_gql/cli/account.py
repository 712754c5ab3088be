"""``runpod-gql account``: balance, spend and SSH keys."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from . import render
from ._context import run
from .options import JsonOpt

if TYPE_CHECKING:
    from ..client import RunPod


def show_account(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Balance, current spend and the SSH keys on your account."""

    async def body(rp: RunPod) -> Any:
        return await rp.account.get()

    acct = run(ctx, body)
    render.emit(acct, as_json, lambda: render.fields(acct, title="account"))
