"""Hostile text travels as GraphQL variables, byte-exact, and cannot change the operation;
invalid arguments are refused, naming the field, before any mutation is sent."""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from runpod_gql import RunPod
from runpod_gql.emulator import Emulator
from runpod_gql.errors import InputValidationError
from tests import support
from tests.support import op

GPU = "NVIDIA L4"
INJECTION = '") { id } podTerminate(input: {podId: "x'
FRAGMENTS = [
    INJECTION,
    '"',
    "'",
    "\\",
    '\\"',
    "\n",
    "\r\n",
    "\t",
    "{",
    "}",
    "$input",
    "#",
    "...",
    'mutation { podTerminate(input: {podId: "x"}) }',
    "\x00",
    "\u202e",
    "\ufeff",
    "é",
    "日本語",
    "🚀",
    "${HOME}",
    "%s%n",
    "\\u0022",
    "</script>",
]
_chars = st.characters(exclude_categories=["Cs"])  # lone surrogates are not text
hostile = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(_chars, max_size=12)), max_size=8
).map("".join)
long_text = st.integers(1_000, 20_000).flatmap(
    lambda n: st.sampled_from(FRAGMENTS).map(lambda f: (f * (n // len(f) + 1))[:n])
)
pod_names = hostile.filter(lambda s: s.strip() != "" and len(s) <= 60)
env_keys = st.text(_chars, min_size=1, max_size=30).filter(
    lambda k: "=" not in k
) | st.sampled_from([f for f in FRAGMENTS if "=" not in f])
env_maps = st.dictionaries(env_keys, hostile | long_text, max_size=4).filter(
    lambda d: "RUNPOD_GQL_TOKEN" not in d
)
HYPOTHESIS = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,  # same examples every run: a failure replays
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
_MUTATION_NAME = re.compile(r"^\s*mutation\s+(\w+)", re.MULTILINE)
MUTATIONS = frozenset(
    m
    for path in (Path(__file__).parents[2] / "queries").glob("*.graphql")
    for m in _MUTATION_NAME.findall(path.read_text())
) | frozenset(  # and every REST v2 operation that is not a read
    op["operationId"]
    for item in json.loads((Path(__file__).parents[2] / "openapi.json").read_text())[
        "paths"
    ].values()
    if isinstance(item, dict)
    for method, op in item.items()
    if method in {"post", "put", "patch", "delete"}
)
_serial = itertools.count()


def test_the_mutation_list_is_real() -> None:
    assert {"CreatePod", "CreateSpotPod", "TerminatePod", "SaveTemplate"} <= MUTATIONS
    assert {"createPod", "podAction", "deletePod", "createTemplate"} <= MUTATIONS


@given(name=pod_names, image=hostile.filter(str.strip), env=env_maps, args=hostile | long_text)
@example(name=INJECTION, image=INJECTION, env={INJECTION: INJECTION}, args=INJECTION)
@HYPOTHESIS
async def test_pod_fields_arrive_byte_exact(
    emu: Emulator, rp: RunPod, name: str, image: str, env: dict[str, str], args: str
) -> None:
    emu.set_stock(GPU, 10_000)
    before = set(emu.state.pods)
    pod = await rp.pods.create(name=name, image=image, gpu_types=[GPU], env=env, docker_args=args)
    record = emu.state.pods[pod.id]
    assert (record.name, record.image_name, record.docker_args) == (name, image, args)
    for key, value in env.items():
        assert f"{key}={value}" in record.env
    assert pod.name == name and pod.image_name == image  # and back again, unchanged
    # The operation is what the client meant: one pod more, none terminated or altered.
    assert set(emu.state.pods) == before | {pod.id}
    creates = [r for r in emu.requests if r.operation == op("CreatePod")]
    assert creates, [r.operation for r in emu.requests]
    if support.TEST_API == "graphql":
        assert creates[-1].root_fields == ("podFindAndDeployOnDemand",)
        assert creates[-1].variables["input"]["name"] == name
    assert all(r.root_fields != ("podTerminate",) for r in emu.requests)
    assert all(r.operation != "deletePod" for r in emu.requests)


@pytest.mark.graphql_only("spot pods")
@given(name=pod_names, env=env_maps, args=hostile)
@HYPOTHESIS
async def test_spot_pod_fields_arrive_byte_exact(
    emu: Emulator, rp: RunPod, name: str, env: dict[str, str], args: str
) -> None:
    emu.set_stock(GPU, 10_000)
    pod = await rp.pods.create_spot(
        name=name, image="img", gpu_type=GPU, bid_per_gpu=0.5, env=env, docker_args=args
    )
    record = emu.state.pods[pod.id]
    assert (record.name, record.docker_args) == (name, args)
    assert all(f"{k}={v}" in record.env for k, v in env.items())


@given(name=hostile.filter(str.strip), image=hostile.filter(str.strip), env=env_maps, text=hostile)
@example(name=INJECTION, image=INJECTION, env={"X": INJECTION}, text=INJECTION)
@HYPOTHESIS
async def test_template_fields_arrive_byte_exact(
    emu: Emulator, rp: RunPod, name: str, image: str, env: dict[str, str], text: str
) -> None:
    unique = f"{name}#{next(_serial)}"  # template names are unique per account
    graphql = support.TEST_API == "graphql"
    readme = text if graphql else None  # REST v2 templates have no readme
    saved = await rp.templates.save(
        name=unique, image=image, env=env, docker_args=text, readme=readme
    )
    assert saved.id is not None
    stored = emu.state.templates[saved.id]
    assert (stored.name, stored.image, stored.docker_args) == (unique, image, text)
    assert stored.readme == (text if graphql else "")
    assert stored.env == env
    assert saved.name == unique
    if graphql:
        assert emu.requests[-1].root_fields == ("saveTemplate",)
    else:
        assert emu.requests[-1].operation == "createTemplate"


# ---------------------------------------------------------------- refused before sending
Call = Callable[[RunPod], Awaitable[object]]


def _create(**overrides: object) -> Call:
    kwargs: dict[str, object] = {"name": "ok", "image": "img", "gpu_types": [GPU]}
    kwargs.update(overrides)
    return lambda rp: rp.pods.create(**kwargs)  # type: ignore[arg-type]


def _spot(**overrides: object) -> Call:
    kwargs: dict[str, object] = {"name": "ok", "image": "img", "gpu_type": GPU, "bid_per_gpu": 0.5}
    kwargs.update(overrides)
    return lambda rp: rp.pods.create_spot(**kwargs)  # type: ignore[arg-type]


INVALID: list[tuple[str, Call, str]] = [
    ("negative disk", _create(container_disk_gb=-10), "container_disk_gb"),
    ("zero disk", _create(container_disk_gb=0), "container_disk_gb"),
    ("negative volume", _create(volume_gb=-1), "volume_gb"),
    ("zero GPUs", _create(gpu_count=0), "gpu_count"),
    ("too many GPUs", _create(gpu_count=1000), "gpu_count"),
    ("empty image", _create(image=""), "image"),
    ("blank image", _create(image=" \n\t"), "image"),
    ("empty name", _create(name=""), "name"),
    ("name over 60", _create(name="x" * 61), "name"),
    ("unknown GPU id", _create(gpu_types=["NVIDIA H9000 Imaginary"]), "gpu_types[0]"),
    ("second GPU unknown", _create(gpu_types=[GPU, "nope"]), "gpu_types[1]"),
    ("no GPU types", _create(gpu_types=[]), "gpu_types"),
    ("bad cloud type", _create(cloud_types="MOON"), "cloud_types"),
    ("negative price cap", _create(max_price_per_hr=-1.0), "max_price_per_hr"),
    ("NaN price cap", _create(max_price_per_hr=math.nan), "max_price_per_hr"),
    ("env name with =", _create(env={"A=B": "x"}), "env"),
    ("empty env name", _create(env={"": "x"}), "env"),
    ("non-string env value", _create(env={"A": 1}), "env"),
    ("bad port", _create(ports="22/carrier-pigeon"), "ports"),
    ("port out of range", _create(ports="70000/tcp"), "ports"),
    ("string GPU count", _create(gpu_count="1"), "gpu_count"),
    ("bid under the minimum", _spot(bid_per_gpu=0.01), "bid_per_gpu"),
    ("zero bid", _spot(bid_per_gpu=0.0), "bid_per_gpu"),
    ("negative bid", _spot(bid_per_gpu=-1.0), "bid_per_gpu"),
    ("infinite bid", _spot(bid_per_gpu=math.inf), "bid_per_gpu"),
    ("spot zero GPUs", _spot(gpu_count=0), "gpu_count"),
    ("spot negative disk", _spot(container_disk_gb=-1), "container_disk_gb"),
    ("spot empty image", _spot(image=""), "image"),
    ("spot unknown GPU id", _spot(gpu_type="NVIDIA H9000 Imaginary"), "gpu_type"),
    ("spot empty GPU id", _spot(gpu_type=""), "gpu_type"),
    (
        "template negative disk",
        lambda rp: rp.templates.save(name="t", image="img", container_disk_gb=-1),
        "container_disk_gb",
    ),
    ("template empty image", lambda rp: rp.templates.save(name="t", image=""), "image"),
    ("template empty name", lambda rp: rp.templates.save(name="", image="img"), "name"),
    ("wait with no time", lambda rp: rp.pods.wait_all_ready(["x"], timeout=0), "timeout"),
    ("terminate empty id", lambda rp: rp.pods.terminate(""), "pod_id"),
    ("stop blank id", lambda rp: rp.pods.stop("  "), "pod_id"),
    ("resume zero GPUs", lambda rp: rp.pods.resume("x", gpu_count=0), "gpu_count"),
    ("reap everything by accident", lambda rp: rp.pods.reap(), "name_prefix"),
]


@pytest.mark.parametrize(
    ("call", "field"),
    [
        # A spot bid is checked against GraphQL's live minimum, and GPU ids against its catalogue.
        pytest.param(c, f, id=i, marks=pytest.mark.graphql_only("spot pods"))
        if i in {"bid under the minimum", "spot unknown GPU id"}
        else pytest.param(c, f, id=i)
        for i, c, f in INVALID
    ],
)
async def test_invalid_arguments_are_refused_before_any_mutation(
    emu: Emulator, rp: RunPod, call: Call, field: str
) -> None:
    with pytest.raises(InputValidationError) as caught:
        await call(rp)
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}:")
    assert isinstance(caught.value, ValueError)
    sent = [r.operation for r in emu.requests]
    assert not MUTATIONS.intersection(sent), sent


@pytest.mark.graphql_only("spot pods")
async def test_bid_resume_under_the_minimum_is_refused(emu: Emulator, rp: RunPod) -> None:
    pod = await rp.pods.create_spot(name="spot", image="img", gpu_type=GPU, bid_per_gpu=0.5)
    emu.outbid(pod.id)
    emu.reset_log()
    with pytest.raises(InputValidationError) as caught:
        await rp.pods.bid_resume(pod.id, bid_per_gpu=0.01)
    assert caught.value.field == "bid_per_gpu"
    assert not MUTATIONS.intersection(r.operation for r in emu.requests)
    assert emu.state.pods[pod.id].desired_status == "EXITED"
