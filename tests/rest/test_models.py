"""The generated REST models against the document's own examples, and its request rules."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

import pydantic
import pytest
from runpod_gql_rest import models
from runpod_gql_rest.client import OPERATIONS, RestClient

from tests.generated.support import OPENAPI_PATH


@cache
def document() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(OPENAPI_PATH.read_text(encoding="utf-8"))
    return loaded


def resolve(node: Any) -> Any:
    while isinstance(node, Mapping) and "$ref" in node:
        target: Any = document()
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def examples() -> Iterator[Any]:
    """(id, model name, example) for every JSON example of every request and answer."""
    for item in document()["paths"].values():
        for operation in item.values():
            if not isinstance(operation, Mapping) or "operationId" not in operation:
                continue
            op = operation["operationId"]
            media_types = []
            if "requestBody" in operation:
                media_types.append(("request", resolve(operation["requestBody"])["content"]))
            for status, answer in operation["responses"].items():
                media_types.append((status, resolve(answer).get("content", {})))
            for where, content in media_types:
                for kind, media in content.items():
                    if "json" not in kind:
                        continue
                    model = media["schema"]["$ref"].rsplit("/", 1)[-1]
                    for name, example in media.get("examples", {}).items():
                        value = resolve(example)["value"]
                        yield pytest.param(model, value, id=f"{op}-{where}-{name}")


ALL_EXAMPLES = list(examples())


def test_the_document_has_the_examples_the_issue_counts() -> None:
    requests = [p for p in ALL_EXAMPLES if "-request-" in str(p.id)]
    assert (len(ALL_EXAMPLES) - len(requests), len(requests)) == (239, 12)


@pytest.mark.parametrize(("model", "value"), ALL_EXAMPLES)
def test_every_example_validates_against_its_generated_model(model: str, value: Any) -> None:
    cls: type[pydantic.BaseModel] = getattr(models, model)
    parsed = cls.model_validate(value)
    # And it goes back out as the same JSON (wire names, nothing invented).
    again = cls.model_validate_json(parsed.model_dump_json(by_alias=True, exclude_unset=True))
    assert again == parsed


def test_request_bodies_refuse_unknown_fields_as_the_server_does() -> None:
    with pytest.raises(pydantic.ValidationError, match="gpuTypeId"):
        models.CreatePodRequest.model_validate({"name": "x", "image": "i", "gpuTypeId": "A40"})
    with pytest.raises(pydantic.ValidationError, match="dataCenterId"):
        models.CreateNetworkVolumeRequest.model_validate(
            {"name": "v", "size": 10, "dataCenter": "EU-RO-1", "dataCenterId": "EU-RO-1"}
        )


def test_responses_tolerate_fields_added_later() -> None:
    pod = resolve(document()["paths"]["/v2/pods/{id}"]["get"]["responses"]["200"])
    value = next(iter(pod["content"]["application/json"]["examples"].values()))["value"]
    parsed = models.Pod.model_validate({**value, "someNewField": 1})
    assert parsed.id == value["id"]


def test_fields_take_python_and_wire_names() -> None:
    by_python = models.CreateGpuConfig(id="NVIDIA A40", count=2, min_cuda_version="12.1")
    by_wire = models.CreateGpuConfig.model_validate(
        {"id": "NVIDIA A40", "count": 2, "minCudaVersion": "12.1"}
    )
    assert by_python == by_wire
    assert json.loads(by_python.model_dump_json(by_alias=True, exclude_unset=True)) == {
        "id": "NVIDIA A40",
        "count": 2,
        "minCudaVersion": "12.1",
    }


def test_one_method_per_operation() -> None:
    ids = [
        op["operationId"]
        for item in document()["paths"].values()
        for op in item.values()
        if isinstance(op, Mapping) and "operationId" in op
    ]
    assert sorted(OPERATIONS) == sorted(ids)
    assert len(OPERATIONS) == 53
    for method, _path, name in OPERATIONS.values():
        assert callable(getattr(RestClient, name))
        assert method in {"GET", "POST", "PUT", "PATCH", "DELETE"}


def test_the_client_module_loads_no_models() -> None:
    code = (
        "import sys, runpod_gql_rest.client;"
        "print('runpod_gql_rest.models' in sys.modules, 'pydantic' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.split() == ["False", "True"]


def test_a_client_loads_no_rest_code_until_it_is_used() -> None:
    code = (
        "import sys; from runpod_gql import RunPod;"
        "rp = RunPod(api_key='k', url='http://127.0.0.1:9/graphql', env={});"
        "print(sorted({m.split('.')[0] for m in sys.modules if m.startswith('runpod_gql_rest')}));"
        "rp.rest;"
        "print(sorted(m for m in sys.modules if m.startswith('runpod_gql_rest.models.')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    before, after = out.stdout.splitlines()
    assert before == "[]"
    assert after == "[]"  # the typed client exists; no model is loaded before a call
