# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel

from . import update_ssh_keys_request_key


class UpdateSshKeysRequest(RestModel):
    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    keys: Annotated[
        list[update_ssh_keys_request_key.UpdateSshKeysRequestKey],
        Field(
            examples=[
                [
                    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILXGDN/SclOozk1xsDztpmhGiKkkrfQB9SKoO8dSIQQZ me@example.com"
                ]
            ]
        ),
    ]
    """
    The full set of SSH public keys to register — this is a complete
    replacement, not a merge. Each entry is an authorized_keys-style
    line: `<type> <base64-key> [comment]`, e.g. from
    `~/.ssh/id_ed25519.pub`. Send `[]` to remove all keys. These keys
    are provisioned into pods created with `startSsh` and
    authenticate both SSH paths reported in the pod's `ssh` block.

    """
