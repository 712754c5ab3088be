"""Pods read from an answer's bytes straight into the public models (backends/decoding.py).

The shapes say where each public field is in each API's JSON; these tests hold them to the
GraphQL fragments and the OpenAPI document (a mistyped key would silently read None), check the
derived fields on the edge cases, and check that the public classes are left as they were.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    SelectionSetNode,
    parse,
)
from pydantic import ValidationError
from runpod_gql_generated.base_client import decode_response

from runpod_gql.backends import graphql_map, rest_map
from runpod_gql.backends.decoding import ABSENT, From, built, shape
from runpod_gql.models import (
    DesiredStatus,
    Pod,
    PodRuntime,
    PodState,
    PodStatus,
    PortMapping,
    SSHConnection,
)

from .support import document

ROOT = Path(__file__).resolve().parents[2]

# A GraphQL ...Pod as the API sends it: every field the fragment selects.
GQL_POD: dict[str, Any] = {
    "id": "p1",
    "name": "train",
    "desiredStatus": "RUNNING",
    "podType": "INTERRUPTABLE",
    "imageName": "img:1",
    "gpuCount": 2,
    "vcpuCount": 16.0,
    "memoryInGb": 62.0,
    "containerDiskInGb": 20,
    "volumeInGb": 50.0,
    "volumeMountPath": "/workspace",
    "costPerHr": 0.88,
    "adjustedCostPerHr": 0.88,
    "machineId": "m1",
    "env": ["A=1", "B", "C=x=y", None],
    "ports": "22/tcp, 8888/http",
    "dockerArgs": "",
    "templateId": "",
    "networkVolumeId": None,
    "lastStatusChange": "Rented by User",
    "lastStartedAt": "2026-12-01T10:00:00Z",
    "uptimeSeconds": 40,
    "machine": {
        "id": "m1",
        "gpuTypeId": "NVIDIA A40",
        "gpuDisplayName": "A40",
        "dataCenterId": "US-TX-3",
        "location": "US",
        "secureCloud": True,
        "supportPublicIp": True,
        "podHostId": "p1-abc",
    },
    "runtime": {
        "uptimeInSeconds": 40,
        "ports": [
            {
                "ip": "10.0.0.2",
                "isIpPublic": False,
                "privatePort": 22,
                "publicPort": 22,
                "type": "tcp",
            },
            None,
            {
                "ip": "1.2.3.4",
                "isIpPublic": True,
                "privatePort": None,
                "publicPort": 1,
                "type": "tcp",
            },
            {
                "ip": "1.2.3.4",
                "isIpPublic": True,
                "privatePort": 22,
                "publicPort": 40022,
                "type": "tcp",
            },
        ],
        "gpus": [{"id": "g0", "gpuUtilPercent": 81, "memoryUtilPercent": 12}, None],
        "container": {"cpuPercent": 40, "memoryPercent": 29},
    },
}


def test_a_graphql_pod_reads_as_the_public_model() -> None:
    pod = graphql_map.pod(json.dumps(GQL_POD).encode())
    assert type(pod) is Pod
    assert (pod.status, pod.desired_status) == (PodStatus.RUNNING, DesiredStatus.RUNNING)
    assert pod.is_spot and pod.image == "img:1" and pod.gpu_type_id == "NVIDIA A40"
    assert pod.env == {"A": "1", "B": "", "C": "x=y"}
    assert pod.ports == ["22/tcp", "8888/http"]
    assert pod.args is None and pod.template_id is None and pod.network_volume_id is None
    assert (pod.volume_gb, pod.volume_mount_path) == (50, "/workspace")
    assert pod.data_center_id == "US-TX-3" and pod.machine_id == "m1"
    assert pod.runtime is not None and pod.runtime.cpu_util == 40.0
    # null entries and a mapping without a private port say nothing: dropped
    assert [p.public_port for p in pod.runtime.ports] == [22, 40022]
    assert [g.gpu_id for g in pod.runtime.gpus] == ["g0"]
    assert pod.ssh == SSHConnection(host="1.2.3.4", port=40022, command="ssh root@1.2.3.4 -p 40022")
    assert pod.ssh_proxy is not None and pod.ssh_proxy.username == "p1-abc"
    assert pod.cloud is None and pod.actions is None  # REST v2 only
    assert pod.started_at is not None and pod.started_at.year == 2026


@pytest.mark.parametrize(
    ("desired", "runtime", "observed"),
    [
        ("RUNNING", None, PodStatus.STARTING),
        ("CREATED", None, PodStatus.PROVISIONING),
        ("EXITED", None, PodStatus.EXITED),
        ("PAUSED", None, PodStatus.EXITED),
        ("DEAD", None, PodStatus.ERROR),
        ("TERMINATED", None, PodStatus.TERMINATED),
        ("RESTARTING", None, PodStatus.STARTING),
        ("RUNNING", GQL_POD["runtime"], PodStatus.RUNNING),
    ],
)
def test_graphql_observed_status(desired: str, runtime: Any, observed: PodStatus) -> None:
    pod = graphql_map.pod({**GQL_POD, "desiredStatus": desired, "runtime": runtime})
    assert pod.status is observed
    if runtime is None:
        assert pod.ssh is None


def test_a_graphql_cpu_pod_without_volume_or_machine() -> None:
    pod = graphql_map.pod(
        {**GQL_POD, "gpuCount": 0, "volumeInGb": 0.0, "machine": None, "env": None, "ports": None}
    )
    assert pod.gpu_type_id is None and pod.gpu_count == 0
    assert pod.volume_gb is None and pod.volume_mount_path is None
    assert pod.ssh_proxy is None and pod.data_center_id is None
    assert pod.env == {} and pod.ports == []


def test_a_graphql_pod_that_breaks_the_schema_is_refused_with_its_field() -> None:
    broken = {**GQL_POD, "desiredStatus": "FLYING"}
    with pytest.raises(ValidationError, match="desiredStatus"):
        graphql_map.pod(broken)
    without_id = {k: v for k, v in GQL_POD.items() if k != "id"}
    with pytest.raises(ValidationError, match="id"):
        graphql_map.pod(without_id)


def test_decoded_pods_are_ordinary_public_models() -> None:
    pod = graphql_map.pod(GQL_POD)
    again = Pod.model_validate(pod.model_dump())
    assert again == pod and repr(again) == repr(pod)
    with pytest.raises(ValidationError):
        pod.name = "other"  # type: ignore[misc]  # frozen, as every public model
    state = rest_map.pod({"id": "x", "name": "n", "status": "EXITED", "image": None, "cost": None})
    assert type(state) is Pod and state.cost_per_hr == 0.0 and state.image == ""
    assert state.actions == [] and state.env == {} and state.gpu_count == 0
    # GpuConfig.count defaults to 1: a gpu block without it is one GPU
    one = rest_map.pod(
        {"id": "x", "name": "n", "status": "EXITED", "image": "i", "cost": 0, "gpu": {"id": "A"}}
    )
    assert (one.gpu_type_id, one.gpu_count) == ("A", 1)


def test_the_pods_of_one_answer_share_their_fields_sets_safely() -> None:
    answer = {"data": {"myself": {"pods": [GQL_POD, {**GQL_POD, "id": "p2"}]}}}
    read = decode_response(built(graphql_map.PodsAnswer), json.dumps(answer).encode())
    assert read.data is not None and read.data.myself is not None
    first, second = read.data.myself.pods or []
    assert first is not None and second is not None
    assert first.runtime is not None and second.runtime is not None
    # one set per class and shape, not one per instance (over half a list's memory)
    assert first.model_fields_set is second.model_fields_set
    assert first.runtime.model_fields_set is second.runtime.model_fields_set
    assert first.runtime.ports[0].model_fields_set is second.runtime.ports[1].model_fields_set
    assert first.ssh is not None and second.ssh is not None
    assert first.ssh.model_fields_set is second.ssh.model_fields_set
    # what it says is still each pod's own: the fields the answer set
    assert {"id", "name", "image", "runtime", "ssh_proxy"} <= first.model_fields_set
    assert "cloud" not in first.model_fields_set  # REST v2 only: never read here
    assert first.model_dump(exclude_unset=True) == {
        **second.model_dump(exclude_unset=True),
        "id": "p1",
    }
    # pydantic copies the set before it adds to it
    copied = first.model_copy(update={"cloud": "SECURE"})
    assert "cloud" in copied.model_fields_set and "cloud" not in second.model_fields_set


def test_a_pod_of_another_shape_keeps_a_set_of_its_own() -> None:
    gpu = {"id": "g", "name": "n", "status": "EXITED", "image": "i", "cost": 0, "gpu": {"id": "A"}}
    cpu = {"id": "c", "name": "n", "status": "EXITED", "image": "i", "cost": 0, "disk": 10}
    a, b, c = (rest_map.pod(p) for p in (gpu, cpu, {**gpu, "id": "g2"}))
    assert a.model_fields_set is c.model_fields_set
    assert "container_disk_gb" in b.model_fields_set
    assert "container_disk_gb" not in a.model_fields_set


def test_the_public_classes_keep_their_own_validation() -> None:
    # Building the shapes must not change how users' own Pod(...) validates (public names only).
    graphql_map.pod(GQL_POD)
    assert all(c.__pydantic_complete__ for c in (Pod, PodState, PodRuntime, PortMapping))
    with pytest.raises(ValidationError, match="imageName"):
        Pod.model_validate(
            {
                "id": "p",
                "name": "n",
                "status": "RUNNING",
                "cost_per_hr": 1,
                "image": "i",
                "imageName": "i",
            }
        )
    with pytest.raises(ValidationError):
        PortMapping.model_validate({"privatePort": 22})


def test_a_shape_must_place_every_required_field() -> None:
    with pytest.raises(ValueError, match=r"SSHConnection\.host is required"):
        shape(SSHConnection, {"port": "port"})
    with pytest.raises(ValueError, match="no field"):
        shape(SSHConnection, {"host": "host", "port": "port", "hostname": From("h")})


# ----------------------------------------------------------------- the shapes against the schemas
def _alias_paths(schema: Any, prefix: tuple[str | int, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every key path a shape reads, nested models included (list indexes kept)."""
    if isinstance(schema, dict):
        if schema.get("type") == "model-fields":
            for field in schema["fields"].values():
                alias = field.get("validation_alias")
                if alias is None or alias == ABSENT:
                    continue
                paths = [(alias,)] if isinstance(alias, str) else [tuple(p) for p in alias]
                for path in paths:
                    yield prefix + path
                    yield from _alias_paths(field["schema"], prefix + path)
            return
        for value in schema.values():
            yield from _alias_paths(value, prefix)
    elif isinstance(schema, list):
        for value in schema:
            yield from _alias_paths(value, prefix)


def _selected(fragment: str) -> set[tuple[str, ...]]:
    """Every field path the named fragment of queries/fragments.graphql selects."""
    doc = parse((ROOT / "queries" / "fragments.graphql").read_text())
    fragments = {d.name.value: d for d in doc.definitions if isinstance(d, FragmentDefinitionNode)}

    def walk(selections: SelectionSetNode, prefix: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
        for node in selections.selections:
            if isinstance(node, FragmentSpreadNode):
                yield from walk(fragments[node.name.value].selection_set, prefix)
            elif isinstance(node, FieldNode):
                path = (*prefix, node.name.value)
                yield path
                if node.selection_set is not None:
                    yield from walk(node.selection_set, path)

    return set(walk(fragments[fragment].selection_set, ()))


@pytest.mark.parametrize(
    ("schema", "fragment"), [(graphql_map.POD, "Pod"), (graphql_map.POD_STATE, "PodState")]
)
def test_every_graphql_key_a_shape_reads_is_selected_by_its_fragment(
    schema: Any, fragment: str
) -> None:
    selected = _selected(fragment)
    read = {tuple(k for k in p if isinstance(k, str)) for p in _alias_paths(schema)}
    assert read <= selected, sorted(read - selected)
    # and the fields a pod needs are all read
    assert {("desiredStatus",), ("runtime", "ports", "privatePort")} <= read


def _resolve(schema: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _properties(schema: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    schema = _resolve(schema, spec)
    found: dict[str, Any] = dict(schema.get("properties", {}))
    for part in schema.get("allOf", []) + schema.get("anyOf", []) + schema.get("oneOf", []):
        found |= _properties(part, spec)
    return found


def _items(schema: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any] | None:
    options = [schema, *(_resolve(s, spec) for s in schema.get("anyOf", []))]
    return next((s["items"] for s in options if "items" in s), None)


def _rest_key_exists(path: tuple[Any, ...], schema: dict[str, Any], spec: dict[str, Any]) -> bool:
    for key in path:
        schema = _resolve(schema, spec)
        items = _items(schema, spec)
        if isinstance(key, int) and items is None:
            return False
        if items is not None:  # a list: its items (an index, or the shape of every entry)
            schema = _resolve(items, spec)
            if isinstance(key, int):
                continue
        props = _properties(schema, spec)
        if key not in props:
            return False
        schema = props[key]
    return True


@pytest.mark.parametrize("pod_shape", [rest_map.POD, rest_map.POD_STATE], ids=["Pod", "PodState"])
def test_every_rest_key_a_pod_shape_reads_is_in_the_document(pod_shape: Any) -> None:
    spec = document()
    pod_schema = spec["components"]["schemas"]["Pod"]
    paths = set(_alias_paths(pod_shape))
    missing = [p for p in paths if not _rest_key_exists(p, pod_schema, spec)]
    assert not missing, missing
    assert ("ssh", "direct") in paths and ("runtime", "ports") in paths
    if pod_shape is rest_map.POD:
        assert ("mounts", "network", 0, "volumeId") in paths
