"""Pod and worker logs: text/event-stream read as it arrives, resumed with Last-Event-ID."""

from __future__ import annotations

import json

import pytest

from runpod_gql import APIConnectionError, NotFoundError, RunPod
from runpod_gql._rest import ServerSentEvent, _EventParser

from .support import ScriptedServer, events, problem


def line(seq: int, text: str) -> str:
    ts = f"2026-06-01T12:02:{seq:02d}Z"
    data = json.dumps({"ts": ts, "source": "container", "line": text})
    return f"id: {ts}/{seq:012d}\ndata: {data}\n\n"


async def test_events_arrive_typed_with_their_ids(rp: RunPod, server: ScriptedServer) -> None:
    server.on("GET", "/v2/pods/p1/logs", events(": keep-alive\n\n", line(1, "a"), line(2, "b")))
    seen = [event async for event in rp.rest.get_pod_logs("p1", source="container", tail=10)]
    assert [e.json()["line"] for e in seen] == ["a", "b"]
    assert seen[-1].id == "2026-06-01T12:02:02Z/000000000002"
    request = server.seen[0]
    assert request.query == {"source": "container", "tail": "10"}
    assert request.headers["accept"] == "text/event-stream"
    assert "last-event-id" not in request.headers


async def test_a_dropped_stream_resumes_after_the_last_event_without_repeats(
    rp: RunPod, server: ScriptedServer
) -> None:
    server.on(
        "GET",
        "/v2/serverless/e1/workers/w1/logs",
        events(line(1, "a"), line(2, "b"), then_drop=True),
        events(line(3, "c"), then_drop=True),
        events(line(4, "d")),
    )
    seen = [e.json()["line"] async for e in rp.rest.get_worker_logs("e1", "w1")]
    assert seen == ["a", "b", "c", "d"]
    resumed = [s.headers.get("last-event-id") for s in server.seen]
    assert resumed == [
        None,
        "2026-06-01T12:02:02Z/000000000002",
        "2026-06-01T12:02:03Z/000000000003",
    ]


async def test_a_given_last_event_id_is_sent_as_is(rp: RunPod, server: ScriptedServer) -> None:
    server.on("GET", "/v2/pods/p1/logs", events(line(5, "e")))
    mark = "2026-06-01T12:02:04Z/000000000004"  # not a date-time, whatever the document says
    assert [e.id async for e in rp.rest.get_pod_logs("p1", last_event_id=mark)] == [
        "2026-06-01T12:02:05Z/000000000005"
    ]
    assert server.seen[0].headers["last-event-id"] == mark


async def test_opening_fails_with_our_errors(rp: RunPod, server: ScriptedServer) -> None:
    server.on("GET", "/v2/pods/gone/logs", problem(404, "pod not found"))
    with pytest.raises(NotFoundError, match="pod not found"):
        async for _ in rp.rest.get_pod_logs("gone"):
            pass
    server.on("GET", "/v2/pods/p1/logs", problem(503, "busy"), events(line(1, "a")))
    assert [e.json()["line"] async for e in rp.rest.get_pod_logs("p1")] == ["a"]


async def test_a_stream_that_keeps_dropping_gives_up(rp: RunPod, server: ScriptedServer) -> None:
    server.on("GET", "/v2/pods/p1/logs", *[events(line(1, "a"), then_drop=True)] * 2)
    server.on("GET", "/v2/pods/p1/logs", *[events(then_drop=True)] * 4)
    got = []
    with pytest.raises(APIConnectionError):
        async for event in rp.rest.get_pod_logs("p1"):
            got.append(event.id)
    # the repeated event 1 (the server ignored Last-Event-ID) is delivered again: the client
    # does not second-guess the server, it only says where it was
    assert len(got) == 2
    # 2 opens with an event, then 3 empty ones: the 4th drop in a row (max_retries is 3) ends it
    assert len(server.seen) == 5


def test_the_parser_follows_the_event_stream_format() -> None:
    parser = _EventParser()
    chunks = [
        b"retry: 2500\r",
        b"\nid: 7\r\nevent: log\r\ndata: one\r\ndata:two\r\n\r\n",
        b"data: x",
    ]
    out = [event for chunk in chunks for event in parser.feed(chunk)]
    assert out == [ServerSentEvent("one\ntwo", "7", "log", 2.5)]
    assert parser.feed(b"\n\n") == [ServerSentEvent("x", "7", "message", None)]  # id carries on
    assert parser.feed(b": comment\n\ndata\n\n") == [ServerSentEvent("", "7", "message", None)]
