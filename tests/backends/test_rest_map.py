"""REST v2 shapes -> public models (from the document's own examples) and our requests -> v2 bodies."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest

from runpod_gql.backends import rest_map as to
from runpod_gql.backends.base import BillingQuery, GpuQuery, PodChanges, PodCreate, TemplateSave
from runpod_gql.errors import InputValidationError
from runpod_gql.models import Availability, PodStatus

from .support import response_examples

OPERATIONS_RETURNING_POD = [
    ("getPod", "200"),
    ("createPod", "201"),
    ("updatePod", "200"),
    ("podAction", "200"),
]


@pytest.mark.parametrize(("operation", "status"), OPERATIONS_RETURNING_POD)
def test_every_documented_pod_maps(operation: str, status: str) -> None:
    for example in response_examples(operation, status):
        pod = to.pod(example)
        assert pod.id == example["id"] and pod.status == PodStatus(example["status"])
        assert pod.env == example["env"] and pod.ports == example["ports"]
        assert pod.cost_per_hr == example["cost"]
        assert pod.desired_status is None and pod.machine_id is None  # GraphQL only


def test_pod_example_in_detail() -> None:
    (example,) = response_examples("getPod")
    pod = to.pod(example)
    assert pod.gpu_type_id == "NVIDIA GeForce RTX 4090" and pod.gpu_count == 1
    assert pod.volume_gb == 20 and pod.volume_mount_path == "/workspace"
    assert pod.container_disk_gb == 50 and pod.cloud == "SECURE"
    assert pod.data_center_id == "US-KS-2" and pod.template_id == "9x4m2p7v"
    assert pod.ssh is not None and (pod.ssh.host, pod.ssh.port) == ("195.26.233.3", 34446)
    assert pod.ssh_proxy is not None and pod.ssh_proxy.username == "7h9k2m4n6p-64411eb2"
    assert pod.runtime is not None and pod.runtime.uptime_seconds == 3600
    (port,) = pod.runtime.ports
    assert (port.private_port, port.public_port, port.is_ip_public) == (22, 34446, True)
    assert pod.actions == ["stop", "restart", "terminate"]
    assert pod.started_at == datetime(2026, 6, 1, 12, 2, tzinfo=timezone.utc)
    assert pod.args is None  # "" means no arguments
    # the names GraphQL-era code used still read
    assert pod.image_name == pod.image and pod.container_disk_in_gb == 50


def test_every_documented_pod_list_maps() -> None:
    for example in response_examples("listPods"):
        assert [p.id for p in map(to.pod, example["pods"])] == [p["id"] for p in example["pods"]]


def test_a_cpu_pod_and_a_network_volume_pod() -> None:
    (example,) = response_examples("getPod")
    cpu: dict[str, Any] = {**example, "cpu": {"id": "cpu3c", "vcpuCount": 4, "memory": 8}}
    del cpu["gpu"]
    cpu["mounts"] = {"network": [{"volumeId": "vol1", "path": "/data"}]}
    pod = to.pod(cpu)
    assert pod.gpu_count == 0 and pod.gpu_type_id is None
    assert (pod.cpu_flavor_id, pod.vcpu_count, pod.memory_gb) == ("cpu3c", 4, 8)
    assert pod.network_volume_id == "vol1" and pod.volume_gb is None
    assert pod.volume_mount_path == "/data"


def test_gpu_types_with_stock() -> None:
    (example,) = response_examples("listGpuTypes")
    (gpu,) = [to.gpu_type(g, gpu_count=2) for g in example["gpus"]]
    assert gpu.id == "NVIDIA GeForce RTX 4090" and gpu.name == "RTX 4090" and gpu.memory_gb == 24
    assert (gpu.secure_price, gpu.community_price, gpu.serverless_price) == (0.44, 0.31, 1.1)
    assert gpu.availability == Availability.HIGH and gpu.in_stock and gpu.gpu_count == 2
    assert gpu.max_gpu_count == 8 and gpu.pool == "ADA_24"
    assert gpu.data_centers is not None and gpu.data_centers[0].id == "US-KS-2"
    assert gpu.minimum_bid_price is None and gpu.secure_spot_price is None  # GraphQL only
    here = to.for_data_center(gpu, "US-KS-2")
    elsewhere = to.for_data_center(gpu, "EU-RO-1")
    assert here.availability == Availability.HIGH and not elsewhere.in_stock


def test_a_type_out_of_stock_everywhere_has_no_data_centres_not_unknown() -> None:
    (example,) = response_examples("listGpuTypes")
    gone = {**example["gpus"][0], "availability": "NONE"}
    del gone["dataCenters"]
    gpu = to.gpu_type(gone)
    assert gpu.data_centers == [] and not gpu.in_stock
    without_include = {k: val for k, val in gone.items() if k != "availability"}
    assert to.gpu_type(without_include).data_centers is None


def test_two_clouds_merge_into_the_better_stock() -> None:
    (example,) = response_examples("listGpuTypes")
    secure = to.gpu_type({**example["gpus"][0], "availability": "LOW", "dataCenters": []})
    community = to.gpu_type(example["gpus"][0])
    merged = to.merge_clouds(secure, community)
    assert merged.availability == Availability.HIGH
    assert [d.id for d in merged.data_centers or ()] == ["US-KS-2"]


def test_gpu_query_always_names_the_product() -> None:
    params = to.gpu_params(GpuQuery(gpu_count=4), "COMMUNITY")
    assert params == {
        "include": ["AVAILABILITY"],
        "product": ["POD"],
        "count": 4,
        "cloud": "COMMUNITY",
    }


@pytest.mark.parametrize(
    ("operation", "mapper", "key"),
    [
        ("listCpuTypes", to.cpu_type, "cpus"),
        ("listDataCenters", to.data_center, "dataCenters"),
        ("listTemplates", to.template, "templates"),
        ("listNetworkVolumes", to.network_volume, "networkVolumes"),
        ("listEndpoints", to.endpoint, "endpoints"),
        ("listRegistries", to.registry_auth, "registries"),
    ],
)
def test_every_documented_list_maps(operation: str, mapper: Any, key: str) -> None:
    for example in response_examples(operation):
        mapped = [mapper(item) for item in example[key]]
        assert [m.id for m in mapped] == [item["id"] for item in example[key]]


def test_catalogue_templates_volumes_endpoints_in_detail() -> None:
    (dc,) = [to.data_center(d) for d in response_examples("listDataCenters")[0]["dataCenters"]]
    assert dc.region == "NORTH_AMERICA" and dc.supports_network_volumes
    assert dc.gpu_availability[0].availability == Availability.HIGH and dc.location is None
    (tpl,) = response_examples("getTemplate")
    template = to.template(tpl)
    assert template.volume_gb == 20 and template.env == {"JUPYTER_ENABLE_LAB": "yes"}
    assert template.readme is None and template.category == "NVIDIA"
    no_mounts = {k: val for k, val in tpl.items() if k != "mounts"}  # observed on the live API
    assert to.template(no_mounts).volume_gb is None
    (ep,) = response_examples("getEndpoint")
    endpoint = to.endpoint(ep)
    assert endpoint.gpu_pools == ["ADA_24"] and endpoint.scaler_type == "REQUEST_COUNT"
    assert endpoint.scaler_value == 4 and endpoint.workers_max == 5
    assert endpoint.network_volume_ids == ["2q9m7x4c"] and endpoint.template_id is None


@pytest.mark.parametrize(
    "operation",
    ["listBilling", "listPodBilling", "listServerlessBilling", "listNetworkVolumeBilling"],
)
def test_every_documented_billing_record_maps(operation: str) -> None:
    for example in response_examples(operation):
        for raw, record in zip(
            example["records"], map(to.billing_record, example["records"]), strict=True
        ):
            assert record.total == raw["totalAmount"]
            assert "total" not in record.amounts and all(
                isinstance(a, float) for a in record.amounts.values()
            )
    (pods,) = response_examples("listPodBilling")
    record = to.billing_record(pods["records"][0])
    assert record.resource_id == "7h9k2m4n6p" and record.amounts["gpu"] == 11.1


def test_billing_request() -> None:
    start = datetime(2026, 6, 1, tzinfo=timezone.utc)
    operation, arguments = to.billing_request(
        BillingQuery(kind="pods", resource_id="p1", start=start, bucket="hour")
    )
    assert operation == "list_pod_billing"
    assert arguments == {
        "bucket_size": "hour",
        "start_time": "2026-06-01T00:00:00Z",
        "pod_id": "p1",
    }
    operation, arguments = to.billing_request(BillingQuery(kind="endpoints", last_n=7))
    assert operation == "list_serverless_billing" and arguments["last_n"] == 7
    with pytest.raises(InputValidationError, match="last_n"):
        to.billing_request(BillingQuery(last_n=3, start=start))
    with pytest.raises(InputValidationError, match="time-zone"):
        to.billing_request(BillingQuery(start=datetime(2026, 6, 1)))


def _create(**changes: Any) -> PodCreate:
    base: dict[str, Any] = {
        "name": "train",
        "image": "runpod/pytorch",
        "env": {"RUNPOD_GQL_TOKEN": "t1", "A": "1"},
        "gpu_type_id": "NVIDIA A40",
        "gpu_count": 1,
        "ports": ("22/tcp",),
    }
    return PodCreate(**{**base, **changes})


def test_create_body_renames_and_always_sends_the_gpu_count() -> None:
    body = to.create_pod_body(
        _create(data_center_id="EU-RO-1", volume_gb=20, args="python x.py", registry_auth_id="r1")
    )
    assert body == {
        "name": "train",
        "image": "runpod/pytorch",
        "gpu": {"id": "NVIDIA A40", "count": 1},
        "cloud": "SECURE",
        "dataCenterIds": ["EU-RO-1"],
        "disk": 20,
        "mounts": {"persistent": {"size": 20, "path": "/workspace"}},
        "ports": ["22/tcp"],
        "env": {"RUNPOD_GQL_TOKEN": "t1", "A": "1"},
        "args": "python x.py",
        "registry": "r1",
        "startSsh": True,
    }


def test_create_body_network_volume_and_cpu() -> None:
    body = to.create_pod_body(_create(network_volume_id="vol1", volume_mount_path="/data"))
    assert body["mounts"] == {"network": [{"volumeId": "vol1", "path": "/data"}]}
    cpu = to.create_pod_body(_create(gpu_type_id=None, cpu_instance_id="cpu3c-4-8"))
    assert cpu["cpu"] == {"id": "cpu3c", "vcpuCount": 4} and "gpu" not in cpu


@pytest.mark.parametrize(
    ("changes", "field", "text"),
    [
        ({"volume_gb": 5}, "volume_gb", "at least 10 GB"),
        ({"volume_gb": 20, "network_volume_id": "v"}, "volume_gb", "not both"),
        (
            {"gpu_type_id": None, "cpu_instance_id": "cpu3c-2-4", "volume_gb": 20},
            "volume_gb",
            "CPU",
        ),
        ({"gpu_type_id": None, "cpu_instance_id": "cpu3c-3-4"}, "instance_id", "power of two"),
        ({"gpu_type_id": None, "cpu_instance_id": "cpu3c"}, "instance_id", "cpu3c-2-4"),
        ({"min_vcpu": 4}, "min_vcpu", "REST v2 cannot"),
        ({"country_code": "RO"}, "country_code", "REST v2 cannot"),
        ({"support_public_ip": True}, "support_public_ip", "REST v2 cannot"),
        ({"cloud": "ALL"}, "cloud='ALL'", "REST v2 cannot"),
        ({"bid_per_gpu": 0.2}, "bid_per_gpu", "REST v2 cannot"),
    ],
)
def test_create_body_refuses_what_v2_cannot_carry(
    changes: dict[str, Any], field: str, text: str
) -> None:
    with pytest.raises(InputValidationError, match=text) as info:
        to.create_pod_body(_create(**changes))
    assert info.value.field == field


def test_update_body_is_partial() -> None:
    assert to.update_pod_body(PodChanges(image="img:2", env={"A": "2"})) == {
        "image": "img:2",
        "env": {"A": "2"},
    }
    with pytest.raises(InputValidationError, match="nothing to change"):
        to.update_pod_body(PodChanges())


def test_template_body_refuses_a_readme_rather_than_dropping_it() -> None:
    request = TemplateSave(name="t", image="img", ports=("8888/http",), readme="# hi")
    with pytest.raises(InputValidationError, match="readme"):
        to.template_body(request, update=False)
    body = to.template_body(TemplateSave(name="t", image="img", volume_gb=20), update=False)
    assert body["mounts"] == {"persistent": {"size": 20, "path": "/workspace"}}
    assert body["serverless"] is False


def test_a_log_event() -> None:
    line = to.log_line(
        "2026-06-01T12:02:03Z/000000000001",
        {"ts": "2026-06-01T12:02:03Z", "source": "container", "line": "hello"},
    )
    assert line.line == "hello" and line.source == "container" and line.id.endswith("/000000000001")
