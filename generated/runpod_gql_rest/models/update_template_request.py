# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from . import allowed_cuda_version4, template_category, template_mounts
from .container_config import ContainerConfig


class UpdateTemplateRequest(ContainerConfig):
    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
    )
    allowed_cuda_versions: Annotated[
        list[allowed_cuda_version4.AllowedCudaVersion] | None, Field(alias="allowedCudaVersions")
    ] = None
    """
    Acceptable CUDA versions for pods created from this template. An explicit `[]` clears the constraint; omitting the field leaves it unchanged.
    """
    category: template_category.TemplateCategory | None = None
    mounts: template_mounts.TemplateMounts | None = None
    name: Annotated[str | None, Field(min_length=1)] = None
    public: bool | None = None
    serverless: bool | None = None
    start_jupyter: Annotated[bool | None, Field(alias="startJupyter")] = None
    """
    Start JupyterLab at container startup (`JUPYTER_PASSWORD` env injection). See the create-time field for details.
    """
    start_ssh: Annotated[bool | None, Field(alias="startSsh")] = None
    """
    Provision SSH access at container startup (`PUBLIC_KEY` env injection). See the create-time field for details.
    """
