# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from . import allowed_cuda_version3, template_category, template_mounts
from .container_config import ContainerConfig


class CreateTemplateRequest(ContainerConfig):
    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    name: Annotated[str, Field(examples=["My PyTorch Template"], min_length=1)]
    allowed_cuda_versions: Annotated[
        list[allowed_cuda_version3.AllowedCudaVersion] | None,
        Field(alias="allowedCudaVersions", examples=[["12.8", "12.6"]]),
    ] = None
    """
    Acceptable CUDA versions for containers created from this
    template, as `major.minor`. Omit to accept any version — see
    the same field on `createPod` for matching semantics.
    Expanded into GPU pod and serverless endpoint creates; CPU
    pods ignore it.

    """
    category: template_category.TemplateCategory | None = template_category.TemplateCategory.NVIDIA
    """
    Optional. Defaults to `NVIDIA` when omitted.
    """
    mounts: template_mounts.TemplateMounts | None = None
    public: bool | None = False
    serverless: bool | None = False
    start_jupyter: Annotated[bool | None, Field(alias="startJupyter", examples=[False])] = True
    """
    Start JupyterLab in containers created from this template:
    injects a generated `JUPYTER_PASSWORD` environment variable,
    unless `env` already sets one. Only images that honor the
    convention start Jupyter from it (RunPod official images do);
    expose `8888/http` in `ports` to reach it. Defaults to `true`
    when omitted, matching console-created templates.

    """
    start_ssh: Annotated[bool | None, Field(alias="startSsh", examples=[True])] = True
    """
    Provision SSH access in containers created from this template:
    injects a `PUBLIC_KEY` environment variable carrying the
    deployer's registered SSH public keys (`PUT
    /v2/account/ssh-keys` — with none registered the flag does
    nothing), unless `env` already sets one. Only images that
    honor the convention start sshd from it (all RunPod official
    images do); direct SSH also needs a `22/tcp` entry in
    `ports`. Defaults to `true` when omitted, matching
    console-created templates.

    """
    image: Annotated[str, Field(examples=["runpod/pytorch:1.0.2-cu1281-torch280-ubuntu2404"])]
    """
    Docker image reference
    """
