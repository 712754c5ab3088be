# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel


class PodSshEndpoint(RestModel):
    """
    One way to reach the pod over SSH, as both its parts and a ready-to-run invocation.
    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
    host: Annotated[str, Field(examples=["ssh.runpod.io"])]
    """
    Hostname or IP to connect to.
    """
    port: Annotated[int, Field(examples=[22])]
    """
    TCP port to connect to.
    """
    username: Annotated[str, Field(examples=["7h9k2m4n6p-64411eb2"])]
    """
    SSH username. For the proxy this is an opaque routing token, not a user account on the pod.
    """
    command: Annotated[str, Field(examples=["ssh 7h9k2m4n6p-64411eb2@ssh.runpod.io"])]
    """
    The equivalent `ssh` invocation, ready to run. Add `-i <path>` if the matching private key is not one of your default identities, and `-o StrictHostKeyChecking=no` to skip the host-key prompt on short-lived pods.
    """
