# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from . import template_category, template_mounts
from .container_config import ContainerConfig


class Template(ContainerConfig):
    model_config = ConfigDict(
        populate_by_name=True,
    )
    id: Annotated[str, Field(examples=["tpl_abc"])]
    name: Annotated[str, Field(examples=["My PyTorch Template"])]
    mounts: template_mounts.TemplateMounts
    serverless: Annotated[bool, Field(examples=[False])]
    """
    Whether this template is for serverless workers (true) or pods (false)
    """
    public: Annotated[bool, Field(examples=[False])]
    """
    Whether this template is visible to other Runpod users
    """
    category: template_category.TemplateCategory
    start_ssh: Annotated[bool, Field(alias="startSsh", examples=[True])]
    """
    Whether containers created from this template get SSH access provisioned at startup (`PUBLIC_KEY` env injection).
    """
    start_jupyter: Annotated[bool, Field(alias="startJupyter", examples=[False])]
    """
    Whether containers created from this template start JupyterLab at startup (`JUPYTER_PASSWORD` env injection).
    """
    allowed_cuda_versions: Annotated[list[str], Field(alias="allowedCudaVersions", examples=[[]])]
    """
    Acceptable CUDA versions for containers created from this template, as `major.minor`. Empty means any version. Expanded into GPU pod and serverless endpoint creates; CPU pods ignore it.
    """
    image: Annotated[str, Field(examples=["runpod/pytorch:1.0.2-cu1281-torch280-ubuntu2404"])]
    """
    Docker image reference
    """
    args: Annotated[str, Field(examples=[""])]
    """
    Arguments passed to the container entrypoint
    """
    disk: Annotated[int, Field(examples=[50], ge=1)]
    """
    Container disk in GB (ephemeral, wiped on restart)
    """
    ports: Annotated[list[str], Field(examples=[["8888/http", "22/tcp"]])]
    """
    Exposed ports, formatted as port/protocol
    """
    env: Annotated[dict[str, str], Field(examples=[{"JUPYTER_PASSWORD": "hunter2"}])]
    """
    Environment variables as key-value pairs
    """
    registry: Annotated[str | None, Field(examples=[None])]
    """
    Container registry credential ID (for private images)
    """
