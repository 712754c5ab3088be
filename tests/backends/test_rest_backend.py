"""The REST v2 backend over a stand-in for the REST transport (the seam under it): which
requests it sends, and SSE log resumption after a drop. Against the emulator once it speaks v2."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

import pytest
from pydantic import BaseModel
from runpod_gql_rest._runtime import Reply as AnyReply
from runpod_gql_rest.client import RestClient

from runpod_gql.backends.base import Backend, BillingQuery, GpuQuery, PodCreate
from runpod_gql.backends.rest import RestBackend, _together
from runpod_gql.errors import (
    APIConnectionError,
    NotFoundError,
    RateLimitError,
    ResponseValidationError,
    UnsupportedOperationError,
)
from runpod_gql.models import Availability, PodState

from .support import response_examples

M = TypeVar("M", bound=BaseModel)


@dataclass
class Event:
    id: str | None
    data: str
    event: str = "message"

    def json(self) -> Any:
        return json.loads(self.data)


@dataclass
class Reply:
    status_code: int
    content: bytes
    headers: Mapping[str, str] = field(default_factory=dict)


def log_event(seq: int) -> Event:
    ts = f"2026-06-01T12:00:{seq:02d}Z"
    return Event(
        f"{ts}/{seq:012d}", json.dumps({"ts": ts, "source": "container", "line": f"line {seq}"})
    )


class Sender:
    """The transport under the generated client, answering from a table (a missing entry is a
    404, as the transport raises it); log streams follow a script of events and drops."""

    def __init__(self, answers: Mapping[tuple[str, str], Any] | None = None) -> None:
        self.answers = dict(answers or {})
        self.sent: list[tuple[str, str, dict[str, str] | None, Any]] = []
        self.streams: list[list[Event | Exception]] = []
        self.resumed_from: list[str | None] = []

    async def send(
        self,
        method: str,
        path: str,
        *,
        operation: str,
        params: Mapping[str, str] | None = None,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> AnyReply:
        self.sent.append(
            (method, path, dict(params) if params else None, json.loads(body) if body else None)
        )
        if (method, path) not in self.answers:
            raise NotFoundError("not found", operation=operation, status_code=404)
        answer = self.answers[(method, path)]
        if answer is None:
            return Reply(204, b"")
        return Reply(200, json.dumps(answer).encode())

    def decode(self, reply: AnyReply, model: type[M], *, operation: str) -> M:
        return model.model_validate_json(reply.content)

    async def events(
        self,
        path: str,
        *,
        operation: str,
        params: Mapping[str, str] | None = None,
        last_event_id: str | None = None,
    ) -> AsyncIterator[Event]:
        self.resumed_from.append(last_event_id)
        for item in self.streams.pop(0):
            if isinstance(item, Exception):
                raise item
            yield item


def rest(sender: Sender, **kwargs: Any) -> RestBackend:
    return RestBackend(RestClient(sender), **kwargs)


async def test_pods_read_create_and_delete() -> None:
    (pod,) = response_examples("getPod")
    wire = Sender(
        {
            ("GET", "/v2/pods"): {"pods": [pod]},
            ("GET", f"/v2/pods/{pod['id']}"): pod,
            ("POST", "/v2/pods"): pod,
            ("DELETE", f"/v2/pods/{pod['id']}"): None,
        }
    )
    api: Backend = rest(wire)
    assert [p.id for p in await api.list_pods()] == [pod["id"]]
    assert (await api.get_pod(pod["id"])) is not None
    assert await api.get_pod("gone") is None
    made = await api.create_pod(
        PodCreate(name="n", image="i", env={"T": "1"}, gpu_type_id="NVIDIA A40", ports=("22/tcp",))
    )
    assert made.id == pod["id"]
    method, path, _, body = wire.sent[-1]
    assert (method, path) == ("POST", "/v2/pods") and body["gpu"] == {
        "id": "NVIDIA A40",
        "count": 1,
    }
    assert await api.terminate_pod(pod["id"]) is True
    assert await api.terminate_pod("gone") is False


async def test_actions_and_what_v2_cannot_do() -> None:
    (pod,) = response_examples("podAction")
    wire = Sender({("POST", "/v2/pods/p1/action"): pod})
    api = rest(wire)
    await api.restart_pod("p1")
    await api.stop_pod("p1")
    await api.resume_pod("p1", None)
    assert [s[3] for s in wire.sent] == [{"action": a} for a in ("restart", "stop", "start")]
    with pytest.raises(UnsupportedOperationError, match="gpu_count"):
        await api.resume_pod("p1", 4)
    with pytest.raises(UnsupportedOperationError, match="balance"):
        await api.get_account()


async def test_all_clouds_is_two_catalogue_reads_merged() -> None:
    (listing,) = response_examples("listGpuTypes")
    wire = Sender({("GET", "/v2/catalog/gpus"): listing})
    gpus = await rest(wire).list_gpu_types(GpuQuery(gpu_count=2, data_center_id="EU-RO-1"))
    assert [s[2] for s in wire.sent] == [
        {"include": "AVAILABILITY", "product": "POD", "count": "2", "cloud": cloud}
        for cloud in ("SECURE", "COMMUNITY")
    ]
    (gpu,) = gpus
    assert gpu.availability == Availability.NONE  # listed in US-KS-2 only


async def test_logs_resume_after_a_drop_without_repeats_or_losses() -> None:
    wire = Sender()
    drop = APIConnectionError("dropped", request_sent=True)
    wire.streams = [
        [log_event(1), log_event(2), drop],
        [Event(None, ""), log_event(3), log_event(4)],  # a keep-alive comment, then more lines
    ]
    api = rest(wire)
    lines = [
        line.line
        async for line in api.pod_logs(
            "p1", follow=False, tail=100, since=None, source=None, last_event_id=None
        )
    ]
    assert lines == ["line 1", "line 2", "line 3", "line 4"]
    assert wire.resumed_from == [None, log_event(2).id]


async def test_logs_give_up_after_repeated_drops() -> None:
    wire = Sender()
    wire.streams = [[APIConnectionError("dropped", request_sent=True)] for _ in range(3)]
    api = rest(wire, log_reconnects=2)
    with pytest.raises(APIConnectionError):
        async for _ in api.pod_logs(
            "p1", follow=True, tail=None, since=None, source=None, last_event_id=None
        ):
            pass
    assert len(wire.resumed_from) == 3


async def test_billing_per_pod() -> None:
    (answer,) = response_examples("listPodBilling")
    wire = Sender({("GET", "/v2/billing/pods"): answer})
    (record,) = await rest(wire).billing(
        BillingQuery(kind="pods", resource_id="7h9k2m4n6p", last_n=1)
    )
    assert record.resource_id == "7h9k2m4n6p" and record.total == 12.34
    assert wire.sent[0][2] == {"bucketSize": "day", "lastN": "1", "podId": "7h9k2m4n6p"}


# ---------------------------------------------------------------- pagination (newer document)
class PagedSender(Sender):
    """listPods answered a page per cursor, as the newer document pages it."""

    def __init__(self, pages: Mapping[str | None, Any]) -> None:
        super().__init__()
        self.pages = dict(pages)

    async def send(
        self,
        method: str,
        path: str,
        *,
        operation: str,
        params: Mapping[str, str] | None = None,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> AnyReply:
        assert (method, path, operation) == ("GET", "/v2/pods", "listPods")
        self.sent.append((method, path, dict(params) if params else None, None))
        return Reply(200, json.dumps(self.pages[(params or {}).get("cursor")]).encode())


def _page(ids: list[str], cursor: str | None, more: bool) -> dict[str, Any]:
    (pod,) = response_examples("getPod")
    return {
        "pods": [{**pod, "id": i} for i in ids],
        "pagination": {"nextCursor": cursor, "hasNextPage": more},
    }


async def test_a_paged_list_follows_every_cursor_once() -> None:
    sender = PagedSender(
        {
            None: _page(["a", "b"], "c1", True),
            "c1": _page(["c"], "c2", True),
            "c2": _page([], None, False),
        }
    )
    assert [p.id for p in await rest(sender).list_pods()] == ["a", "b", "c"]
    assert [params for _, _, params, _ in sender.sent] == [None, {"cursor": "c1"}, {"cursor": "c2"}]


async def test_a_wait_reads_each_pod_of_every_page_as_its_state_only() -> None:
    pages = {None: _page(["a", "b"], "c1", True), "c1": _page(["c"], None, False)}
    pods = await rest(PagedSender(pages)).list_pods()
    states = await rest(PagedSender(pages)).list_pod_states()
    assert [type(s) for s in states] == [PodState] * 3
    # the same state as the whole pod, read from the same answer
    for state, pod in zip(states, pods, strict=True):
        assert state == PodState.model_validate({k: getattr(pod, k) for k in PodState.model_fields})


async def test_pages_are_asked_for_one_at_a_time() -> None:
    sender = PagedSender({None: _page(["a"], "c1", True), "c1": _page(["b"], None, False)})
    pages = rest(sender).pod_pages()
    assert [p.id for p in await pages.__anext__()] == ["a"]
    assert len(sender.sent) == 1  # the second page is not read before it is wanted
    assert [p.id for p in await pages.__anext__()] == ["b"]
    with pytest.raises(StopAsyncIteration):
        await pages.__anext__()


@pytest.mark.parametrize(
    "pages",
    [
        {None: _page(["a"], "c1", True), "c1": _page(["b"], "c1", True)},  # the same cursor again
        {None: _page(["a"], None, True)},  # more pages, and no way to ask for them
    ],
)
async def test_a_list_that_cannot_be_completed_is_an_error_not_a_short_list(
    pages: dict[str | None, Any],
) -> None:
    with pytest.raises(ResponseValidationError, match="cannot be completed"):
        await rest(PagedSender(pages)).list_pods()


async def test_an_unpaged_answer_is_one_page() -> None:
    (pod,) = response_examples("getPod")
    sender = Sender({("GET", "/v2/pods"): {"pods": [pod]}})
    assert [len(page) async for page in rest(sender).pod_pages()] == [1]
    assert len(sender.sent) == 1


async def test_reads_per_cloud_go_together_and_a_failure_cancels_the_rest() -> None:
    # Each read waits for the other to have started: run one after the other, they would hang.
    started = [asyncio.Event(), asyncio.Event()]

    async def read(i: int) -> int:
        started[i].set()
        await started[1 - i].wait()
        return i

    assert await asyncio.wait_for(_together([read(0), read(1)]), 5) == [0, 1]

    cancelled = asyncio.Event()

    async def hangs() -> int:
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            cancelled.set()
            raise
        return 0

    async def fails() -> int:
        await asyncio.sleep(0)
        raise RateLimitError("too many", operation="listGpuTypes")

    with pytest.raises(RateLimitError):
        await asyncio.wait_for(_together([hangs(), fails()]), 5)
    assert cancelled.is_set()  # not left running after the error
