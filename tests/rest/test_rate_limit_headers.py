"""RateLimit / RateLimit-Policy: parsed from every answer, fed to the shared limiter, so a client
slows down before a 429; malformed headers are ignored, never an error."""

from __future__ import annotations

import pytest

from runpod_gql import RunPod
from runpod_gql._ratelimit import QuotaWindow, RateLimiter, parse_quota
from runpod_gql.emulator import EmulatorTime
from tests.support import fake_clock

from .support import ScriptedServer, answer, example

POLICY = '"minute";q=60;w=60, "hour";q=3000;w=3600, "day";q=50000;w=86400'


def test_the_documented_headers_parse() -> None:
    windows = parse_quota('"minute";r=176;t=1, "hour";r=7193;t=2701', POLICY)
    assert windows == [
        QuotaWindow("minute", 176, 1.0, 60, 60.0),
        QuotaWindow("hour", 7193, 2701.0, 3000, 3600.0),
    ]
    # tokens as names, spaces, unknown parameters, no policy
    assert parse_quota("minute ; r=5 ; t=12;x=y") == [QuotaWindow("minute", 5, 12.0)]


@pytest.mark.parametrize(
    "header",
    [
        "",
        "garbage;;;,,",
        '"minute";r=abc;t=1',
        '"minute";r=5',  # no reset
        '"minute";r=-1;t=3',
        '"minute";r=1e999;t=3',
        '"minute";r=nan;t=3',
        '"minute;r=1;t=1',  # unterminated string
        "\x00\x01",
        '"a";r=1;t=1 "b";r=1;t=1',  # members not separated
    ],
)
def test_malformed_headers_give_no_windows(header: str) -> None:
    assert parse_quota(header, "also ;; broken") == []


def test_a_malformed_policy_only_loses_the_sizes() -> None:
    assert parse_quota('"minute";r=3;t=9', "???") == [QuotaWindow("minute", 3, 9.0)]


async def test_a_low_window_spreads_what_is_left_over_its_reset() -> None:
    clock = fake_clock()
    limiter = RateLimiter(clock=clock)
    limiter.on_quota(parse_quota('"minute";r=4;t=8, "hour";r=2900;t=100', POLICY))
    assert limiter.rate == pytest.approx(0.5)  # 4 left of 60 (< 10%): 4 over 8 s
    for _ in range(4):
        async with limiter.slot():
            pass
    assert clock.monotonic() == pytest.approx(6.0)  # one now, then one every 2 s
    await clock.sleep(3.0)
    assert limiter.rate is None  # the window has reset: unlimited again


async def test_plenty_left_changes_nothing_and_clears_earlier_pacing() -> None:
    limiter = RateLimiter(clock=fake_clock())
    limiter.on_quota(parse_quota('"minute";r=59;t=8, "hour";r=2900;t=100', POLICY))
    assert limiter.rate is None
    limiter.on_quota(parse_quota('"minute";r=2;t=8', POLICY))
    assert limiter.rate is not None
    limiter.on_quota(parse_quota('"minute";r=60;t=60', POLICY))
    assert limiter.rate is None


async def test_an_exhausted_window_pauses_everyone_until_it_resets() -> None:
    clock = fake_clock()
    limiter = RateLimiter(clock=clock)
    limiter.on_quota(parse_quota('"minute";r=0;t=12', POLICY))
    async with limiter.slot():
        pass
    assert clock.sleeps == [12.0]


async def test_answers_feed_the_clients_limiter_before_any_429(
    rp: RunPod, server: ScriptedServer, clock: EmulatorTime
) -> None:
    pod = example("/v2/pods/{id}")
    quota = {"RateLimit": '"minute";r=0;t=20', "RateLimit-Policy": POLICY}
    server.on("GET", "/v2/pods/p1", answer(200, pod, headers=quota), answer(200, pod))
    await rp.rest.get_pod("p1")
    await rp.rest.get_pod("p1")
    assert clock.sleeps == [20.0]  # the second call waited for the reset; no 429 was needed
    assert rp.stats.rate_limited == 0


async def test_malformed_headers_on_an_answer_are_ignored(
    rp: RunPod, server: ScriptedServer
) -> None:
    pod = example("/v2/pods/{id}")
    bad = {"RateLimit": '"minute";r=;t=', "RateLimit-Policy": "q=;w", "Retry-After": "soon"}
    server.on("GET", "/v2/pods/p1", answer(200, pod, headers=bad))
    assert (await rp.rest.get_pod("p1")).id == pod["id"]
