# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from . import cloud as cloud_1
from . import create_cpu_config, create_gpu_config
from . import mounts as mounts_1
from .container_config import ContainerConfig


class CreatePodRequest(ContainerConfig):
    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    name: Annotated[str, Field(examples=["my-training-pod"], min_length=1)]
    cloud: cloud_1.Cloud | None = cloud_1.Cloud.SECURE
    """
    Cloud tier. Defaults to `SECURE` when omitted.
    """
    cpu: create_cpu_config.CreateCpuConfig | None = None
    data_center_ids: Annotated[
        list[str] | None, Field(alias="dataCenterIds", examples=[["US-TX-3"]])
    ] = None
    """
    Preferred data centers for placement. Omit or pass an empty
    array to let the scheduler choose.

    """
    global_networking: Annotated[bool | None, Field(alias="globalNetworking", examples=[False])] = (
        False
    )
    """
    Enable global networking, giving the pod a private IP reachable across data centers. Requires an NVIDIA GPU and a global-networking-enabled data center (both enforced upstream). See `GET /v2/catalog/datacenters` (`globalNetwork`) for eligible data centers.
    """
    gpu: create_gpu_config.CreateGpuConfig | None = None
    mounts: mounts_1.Mounts | None = None
    start_jupyter: Annotated[bool | None, Field(alias="startJupyter", examples=[True])] = False
    """
    Create-time flag telling the provisioner to start JupyterLab:
    injects a generated `JUPYTER_PASSWORD` environment variable,
    unless the request already sets one. Only images that honor
    the convention start Jupyter from it (RunPod official images
    do); expose `8888/http` in `ports` to reach it.

    Not part of the pod's readable config — never returned by
    GET and not changeable by PATCH.

    """
    start_ssh: Annotated[bool | None, Field(alias="startSsh", examples=[True])] = False
    """
    Create-time flag telling the provisioner to set up SSH
    access: injects a `PUBLIC_KEY` environment variable carrying
    your account's registered SSH public keys, unless the request
    already sets one. **Requires registered keys** (`PUT
    /v2/account/ssh-keys`) — with none registered the flag does
    nothing and the pod has no SSH access. Only images that honor
    the convention start sshd from it (all RunPod official images
    do). Connect using the pod's `ssh` block; the `ssh.direct`
    variant additionally needs a `22/tcp` entry in `ports`.

    Not part of the pod's readable config — never returned by
    GET and not changeable by PATCH.

    """
    template_id: Annotated[
        str | None, Field(alias="templateId", examples=["30zmvf89kd"], min_length=1)
    ] = None
    """
    ID of a pod template to base this pod on. The template is
    resolved at create time into the same container settings you
    could otherwise spread into this body (image, args, disk,
    ports, env, registry, persistent mount, startSsh,
    startJupyter, allowedCudaVersions); explicit body fields
    override the template's, except `env`, which is merged per
    key with body values winning. Sending either CUDA field
    (`gpu.allowedCudaVersions` or `gpu.minCudaVersion`) replaces
    the template's CUDA constraint entirely, and CPU pods ignore
    it (like the persistent mount). The template is a one-time
    source of settings: later template edits do not affect the
    pod, and the created pod does not retain a link to the
    template (`template` stays null). The template may be one
    of your own or a public catalog template — see
    `GET /v2/catalog/templates` (unknown or inaccessible ID →
    404) — and must not be a serverless template (→ 422). CPU
    pods do not inherit a template's persistent mount.

    """
