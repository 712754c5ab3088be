"""Which API serves what, per mode; the typed refusal; the router's bookkeeping; status mapping."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError
from runpod_gql_generated import fragments as gql
from runpod_gql_generated.enums import PodStatus as GqlStatus

from runpod_gql.backends import routes
from runpod_gql.backends.base import Backend, PodCreate
from runpod_gql.backends.graphql_map import availability, observed_status
from runpod_gql.backends.router import RoutedBackend
from runpod_gql.errors import InputValidationError, UnsupportedOperationError
from runpod_gql.models import Availability, Pod, PodStatus

from .support import ROOT

GRAPHQL_ONLY = {
    "create_pod_graphql_only",
    "create_spot_pod",
    "resume_pod_gpu_count",
    "bid_resume_pod",
    "minimum_bid",
    "update_registry_auth",
    "list_secrets",
    "create_secret",
    "delete_secret",
    "get_account",
}
V2_ONLY = {"restart_pod", "pod_logs", "billing", "save_load_balancer", "list_endpoint_workers"}


@pytest.mark.parametrize("operation", sorted(routes.ROUTES))
def test_every_operation_has_a_home_in_every_mode(operation: str) -> None:
    auto = routes.choose(operation, "auto")
    assert auto == ("graphql" if operation in GRAPHQL_ONLY else "rest")
    assert routes.choose(operation, "graphql") == ("rest" if operation in V2_ONLY else "graphql")
    if operation in GRAPHQL_ONLY:
        with pytest.raises(UnsupportedOperationError) as info:
            routes.choose(operation, "rest")
        assert info.value.api == "rest" and info.value.alternative
        assert info.value.operation.startswith("rp.")
    else:
        assert routes.choose(operation, "rest") == "rest"


def test_the_refusal_names_the_operation_and_the_alternative() -> None:
    with pytest.raises(UnsupportedOperationError) as info:
        routes.choose("bid_resume_pod", "rest")
    text = str(info.value)
    assert "rp.pods.bid_resume is not available on rest" in text
    assert "no spot pods" in text and "rp.pods.resume(pod_id)" in text


def test_the_catalogue_needs_no_key_on_auto() -> None:
    assert routes.choose("list_gpu_types", "auto", has_key=False) == "graphql"
    assert routes.choose("list_gpu_types", "auto", has_key=True) == "rest"
    assert routes.choose("list_gpu_types", "rest", has_key=False) == "rest"
    assert routes.choose("list_pods", "auto", has_key=False) == "rest"


def test_mode_from_argument_environment_or_default() -> None:
    assert routes.resolve_mode(None, {}) == ("auto", "default")
    assert routes.resolve_mode(None, {routes.API_ENV: "REST"}) == ("rest", f"env {routes.API_ENV}")
    assert routes.resolve_mode("graphql", {routes.API_ENV: "rest"}) == ("graphql", "argument")
    with pytest.raises(InputValidationError, match=r"auto, rest, graphql.*'v1'"):
        routes.resolve_mode("v1", {})


def test_the_table_for_the_docs() -> None:
    rows = dict(routes.table())
    assert rows["rp.pods.bid_resume"] == {
        "auto": "graphql",
        "rest": "refused",
        "graphql": "graphql",
    }
    assert rows["rp.pods.logs"] == {"auto": "rest", "rest": "rest", "graphql": "rest"}


class Recorder:
    """A backend that records what it was asked (the router's only concern is where calls go)."""

    def __init__(self, api: str) -> None:
        self.api = api
        self.calls: list[str] = []

    def __getattr__(self, name: str) -> Any:
        async def call(*args: Any, **kwargs: Any) -> Any:
            self.calls.append(name)
            return []

        return call


def routed(
    mode: routes.ApiMode, made: list[str] | None = None
) -> tuple[RoutedBackend, Recorder, Recorder]:
    gql_side, rest_side = Recorder("graphql"), Recorder("rest")
    log = made if made is not None else []

    def make(side: Recorder) -> Any:
        def factory() -> Backend:
            log.append(side.api)
            return side

        return factory

    return RoutedBackend(mode, graphql=make(gql_side), rest=make(rest_side)), gql_side, rest_side


def _create(**changes: Any) -> PodCreate:
    return PodCreate(name="n", image="i", env={}, gpu_type_id="g", **changes)


async def test_auto_creates_on_v2_unless_an_option_needs_graphql() -> None:
    made: list[str] = []
    router, gql_side, rest_side = routed("auto", made)
    await router.list_pods()
    assert made == ["rest"]  # GraphQL's code is not even loaded
    await router.create_pod(_create())
    await router.create_pod(_create(min_vcpu=8))
    await router.create_pod(_create(bid_per_gpu=0.3))
    assert rest_side.calls == ["list_pods", "create_pod"]
    assert gql_side.calls == ["create_pod", "create_pod"]
    assert router.served[("rp.pods.create", "rest")] == 1
    assert router.served[(routes.ROUTES["create_pod_graphql_only"].method, "graphql")] == 1
    assert router.served[("rp.pods.create_spot", "graphql")] == 1


async def test_rest_refuses_graphql_only_options_naming_them() -> None:
    router, gql_side, rest_side = routed("rest")
    with pytest.raises(UnsupportedOperationError, match="min_vcpu, country_code"):
        await router.create_pod(_create(min_vcpu=8, country_code="RO"))
    with pytest.raises(UnsupportedOperationError, match="GPU count it was created with"):
        await router.resume_pod("p", 2)
    await router.resume_pod("p", None)
    assert rest_side.calls == ["resume_pod"] and gql_side.calls == []


async def test_graphql_mode_uses_v2_only_for_what_graphql_lacks() -> None:
    router, gql_side, rest_side = routed("graphql")
    await router.get_pod("p")
    await router.restart_pod("p")
    assert router.api_for("pod_logs") == "rest" and router.api_for("billing") == "rest"
    assert gql_side.calls == ["get_pod"] and rest_side.calls == ["restart_pod"]


@pytest.mark.parametrize(
    ("desired", "has_runtime", "observed"),
    [
        (GqlStatus.CREATED, False, PodStatus.PROVISIONING),
        (GqlStatus.RUNNING, False, PodStatus.STARTING),
        (GqlStatus.RUNNING, True, PodStatus.RUNNING),
        (GqlStatus.RESTARTING, False, PodStatus.STARTING),
        (GqlStatus.EXITED, False, PodStatus.EXITED),
        (GqlStatus.PAUSED, False, PodStatus.EXITED),
        (GqlStatus.DEAD, False, PodStatus.ERROR),
        (GqlStatus.TERMINATED, False, PodStatus.TERMINATED),
    ],
)
def test_observed_status_from_graphql(
    desired: GqlStatus, has_runtime: bool, observed: PodStatus
) -> None:
    runtime = gql.Runtime(uptime_in_seconds=1) if has_runtime else None
    assert observed_status(desired, runtime) == observed


@pytest.mark.parametrize(
    ("stock", "level"),
    [
        ("High", "HIGH"),
        ("Medium", "MEDIUM"),
        ("Low", "LOW"),
        ("None", "NONE"),
        (None, "NONE"),
        ("", "NONE"),
        ("Plenty", "LOW"),
    ],
)
def test_stock_words_become_levels(stock: str | None, level: str) -> None:
    assert availability(stock) == Availability(level)


def test_public_models_are_frozen_and_refuse_unknown_fields() -> None:
    pod = Pod(id="p", name="n", status=PodStatus.RUNNING, cost_per_hr=0.1, image="i")
    with pytest.raises(ValidationError, match="frozen"):
        pod.name = "other"  # type: ignore[misc]
    with pytest.raises(ValidationError, match="imageName"):
        Pod(id="p", name="n", status="RUNNING", cost_per_hr=0.1, image="i", imageName="x")  # type: ignore[call-arg]


def test_the_docs_table_is_the_routing_table() -> None:
    text = (ROOT / "docs" / "apis.md").read_text(encoding="utf-8")
    between = text.split("<!-- routes:begin -->\n", 1)[1].split("\n<!-- routes:end -->", 1)[0]
    assert between == routes.markdown_table(), "regenerate the table in docs/apis.md"
