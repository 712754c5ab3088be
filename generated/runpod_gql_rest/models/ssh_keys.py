# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel


class SshKeys(RestModel):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    keys: Annotated[
        list[str],
        Field(
            examples=[
                [
                    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILXGDN/SclOozk1xsDztpmhGiKkkrfQB9SKoO8dSIQQZ me@example.com"
                ]
            ]
        ),
    ]
    """
    The account's registered SSH public keys, one authorized_keys-style entry per element (`<type> <base64-key> [comment]`).
    """
