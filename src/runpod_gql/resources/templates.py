"""Pod templates: list, get, save (create or update), delete."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from runpod_gql_generated.fragments import Template
from runpod_gql_generated.input_types import EnvironmentVariableInput, SaveTemplateInput

from .. import _validate as v
from ..errors import NotFoundError
from ._base import Resource, present, required


class Templates(Resource):
    """``rp.templates``."""

    async def list(self) -> list[Template]:
        """Your templates (``myself.podTemplates``)."""
        result = await self._t.run(self._t.list_templates())
        return present(required(result.myself, "myself", "ListTemplates").pod_templates)

    async def get(self, template_id: str) -> Template:
        """One template by id; NotFoundError when there is none."""
        v.text("template_id", template_id)
        result = await self._t.run(self._t.get_template(id=template_id))
        if result.pod_template is None:
            raise NotFoundError(f"template {template_id} not found", operation="GetTemplate")
        return result.pod_template

    async def save(
        self,
        *,
        name: str,
        image: str,
        template_id: str | None = None,
        container_disk_gb: int = 20,
        volume_gb: int = 0,
        volume_mount_path: str | None = "/workspace",
        ports: str | Sequence[str] | None = None,
        env: Mapping[str, str] | None = None,
        docker_args: str = "",
        is_serverless: bool = False,
        start_ssh: bool = True,
        readme: str | None = None,
        registry_auth_id: str | None = None,
    ) -> Template:
        """Create a template, or update the one with ``template_id``."""
        fields = SaveTemplateInput(
            name=v.text("name", name),
            image_name=v.text("image", image),
            container_disk_in_gb=v.integer("container_disk_gb", container_disk_gb, minimum=1),
            volume_in_gb=v.integer("volume_gb", volume_gb),
            volume_mount_path=volume_mount_path,
            ports=v.ports("ports", ports) or "",
            env=[
                EnvironmentVariableInput(key=k, value=val) for k, val in v.env("env", env).items()
            ],
            docker_args=docker_args,
            is_serverless=is_serverless,
            start_ssh=start_ssh,
        )
        if template_id is not None:
            fields.id = v.text("template_id", template_id)
        if readme is not None:
            fields.readme = readme
        if registry_auth_id is not None:
            fields.container_registry_auth_id = registry_auth_id
        result = await self._t.run(self._t.save_template(input=fields))
        return required(result.save_template, "saveTemplate", "SaveTemplate")

    async def delete(self, name: str) -> bool:
        """Delete by name (RunPod's API deletes templates by name). False if it was already gone."""
        v.text("name", name)
        try:
            await self._t.run(self._t.delete_template(template_name=name))
        except NotFoundError:
            return False
        return True
