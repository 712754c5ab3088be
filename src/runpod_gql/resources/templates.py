"""Pod templates: list, get, save (create or update), delete."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .. import _validate as v
from ..backends.base import TemplateSave
from ..models import Template
from ._base import BackendResource, found, port_list


class Templates(BackendResource):
    """``rp.templates``."""

    async def list(self) -> list[Template]:
        """Your templates."""
        return await self._b.list_templates()

    async def get(self, template_id: str) -> Template:
        """One template by id (yours, or a public one on REST v2); NotFoundError when none."""
        v.text("template_id", template_id)
        return found(
            await self._b.get_template(template_id), f"template {template_id}", "getTemplate"
        )

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
        """Create a template, or update the one with ``template_id``.

        ``readme`` exists on GraphQL only: REST v2 refuses it rather than dropping it.
        """
        request = TemplateSave(
            name=v.text("name", name),
            image=v.text("image", image),
            template_id=v.text("template_id", template_id) if template_id is not None else None,
            args=docker_args or None,
            container_disk_gb=v.integer("container_disk_gb", container_disk_gb, minimum=1),
            volume_gb=v.integer("volume_gb", volume_gb),
            volume_mount_path=volume_mount_path or "/workspace",
            ports=port_list(ports),
            env=v.env("env", env),
            serverless=is_serverless,
            start_ssh=start_ssh,
            registry_auth_id=registry_auth_id,
            readme=readme,
        )
        return await self._b.save_template(request)

    async def delete(self, template: str) -> bool:
        """Delete a template by id or name; False when there is no such template.

        GraphQL deletes by name and REST v2 by id, so the template is looked up first.
        """
        v.text("template", template)
        matches = [t for t in await self._b.list_templates() if template in (t.id, t.name)]
        if not matches:
            return False
        target = next((t for t in matches if t.id == template), matches[0])
        return await self._b.delete_template(target.id, target.name)
