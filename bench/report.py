"""Render the benchmark's results as the text tables ``make bench`` prints."""

from __future__ import annotations

import sys
from typing import Any

GQL = "runpod-gql"
PY = "runpod-python"
AIO = "raw aiohttp"
REST = "runpod-gql REST getPod"
REST_AIO = "raw aiohttp REST getPod"


def progress(message: str) -> None:
    print(f"... {message}", file=sys.stderr, flush=True)


def _ms(value: float) -> str:
    return f"{value * 1000:.2f}" if value < 0.1 else f"{value * 1000:.1f}"


def _us(value: float) -> str:
    return f"{value * 1e6:.1f}"


def _mmm(stats: dict[str, float], fmt: Any) -> str:
    return f"{fmt(stats['median'])} ({fmt(stats['min'])}–{fmt(stats['max'])})"


def _min_seconds(entry: dict[str, Any]) -> str:
    seconds = entry.get("min_seconds") or 0.0  # results from before it was recorded have none
    return f", repeated for at least {seconds:g} s per client per round" if seconds else ""


def _table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    line = "| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |"
    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    body = [
        "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in rows
    ]
    return "\n".join([line, rule, *body])


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "n/a"


def _sequential(title: str, data: dict[str, Any]) -> str:
    rows = [
        [name, _mmm(v["per_call_s"], _ms), _ms(v["p99_s"]), str(v["calls"])]
        for name, v in data.items()
    ]
    gql = data[GQL]["per_call_s"]["median"]
    text = [
        title,
        _table(["client", "median ms/call (min–max of rounds)", "p99 ms", "calls"], rows),
        f"runpod-gql / raw aiohttp = {_ratio(gql, data[AIO]['per_call_s']['median'])}; "
        f"runpod-python / runpod-gql = {_ratio(data[PY]['per_call_s']['median'], gql)}",
    ]
    if REST in data and REST_AIO in data:
        rest = data[REST]["per_call_s"]["median"]
        text.append(
            f"REST getPod: runpod-gql / raw aiohttp = "
            f"{_ratio(rest, data[REST_AIO]['per_call_s']['median'])} (target <= 1.2x)"
        )
    return "\n".join(text)


def _concurrency(title: str, data: dict[str, Any]) -> str:
    def pct(x: float) -> str:
        return f"{x * 100:.0f}%"

    any_entry = next(iter(data.values()))
    rows = [
        [
            name,
            _mmm(v["req_per_s"], lambda x: f"{x:.0f}"),
            _mmm(v["wall_s"], lambda x: f"{x:.2f}"),
            pct(v["client_cpu_share"]["median"]),
            pct(v["server_cpu_share"]["median"]),
        ]
        for name, v in data.items()
    ]
    gql = data[GQL]["req_per_s"]["median"]
    return "\n".join(
        [
            f"{title} (bursts of {any_entry['total']} reads, {any_entry['in_flight']} in flight"
            f"{_min_seconds(any_entry)})",
            _table(
                ["client", "req/s (min–max)", "wall s (min–max)", "client CPU", "server CPU"],
                rows,
            ),
            f"runpod-gql / runpod-python throughput = {_ratio(gql, data[PY]['req_per_s']['median'])}; "
            f"runpod-gql / raw aiohttp = {_ratio(gql, data[AIO]['req_per_s']['median'])}; "
            f"aiohttp transport / httpx transport = "
            f"{_ratio(gql, data['runpod-gql (httpx transport)']['req_per_s']['median'])}",
            *(
                [
                    f"REST getPod throughput: runpod-gql / raw aiohttp = "
                    f"{_ratio(data[REST]['req_per_s']['median'], data[REST_AIO]['req_per_s']['median'])}"
                    " (target >= 0.8x)"
                ]
                if REST in data and REST_AIO in data
                else []
            ),
        ]
    )


def _jobs(j: dict[str, Any]) -> str:
    t = j["throughput"]
    ours = t["runpod-gql run + result (one poller)"]
    sync = t["runpod-gql run_sync"]
    rows = [
        [name, f"{v['jobs_per_s']:.0f}", f"{v['requests_per_job']:.2f}", f"{v['wall_s']:.2f}"]
        for name, v in t.items()
    ]
    lines = [
        f"[10] serverless jobs: {j['jobs']} short jobs, {j['inflight']} in flight, emulator "
        "(own process, 128 warm workers, echo handler)",
        _table(["client", "jobs/s", "requests/job", "wall s"], rows),
    ]
    for name in ("runpod-python Endpoint (threads)", "runpod-python asyncio Endpoint"):
        theirs = t[name]
        lines.append(
            f"vs {name}: run+result {_ratio(ours['jobs_per_s'], theirs['jobs_per_s'])} jobs/s, "
            f"{_ratio(theirs['requests_per_job'], ours['requests_per_job'])} fewer requests/job; "
            f"run_sync {_ratio(sync['jobs_per_s'], theirs['jobs_per_s'])} jobs/s, "
            f"{_ratio(theirs['requests_per_job'], sync['requests_per_job'])} fewer requests/job"
        )
    lat = j["run_sync_latency"]
    rows = [[name, _mmm(v, _ms)] for name, v in lat.items()]
    gql, raw = lat["runpod-gql run_sync"]["median"], lat["raw aiohttp POST /runsync"]["median"]
    lines += [
        "run_sync latency, sequential (median of rounds)",
        _table(["client", "ms/call (min–max of rounds)"], rows),
        f"runpod-gql run_sync / raw aiohttp = {_ratio(gql, raw)}",
    ]
    return "\n".join(lines)


def render(r: dict[str, Any]) -> str:
    m = r["machine"]
    out = [
        f"runpod-gql benchmarks — {m['cpus']} CPUs ({m['cpu_model']}), Python {m['python']}, "
        f"{m['platform']}",
        f"runpod-gql {m['runpod_gql']}, runpod-python {m['runpod_python']}, aiohttp "
        f"{m['aiohttp']}, httpx {m['httpx']}, httpx-aiohttp {m['httpx_aiohttp']}; {m['date']}",
        f"1-min load average: {m['load_average_at_start']:.2f} at start, "
        f"{m.get('load_average_at_end', float('nan')):.2f} at end (other work on the machine "
        "shows up here)",
    ]
    if r.get("quick"):
        out.append("QUICK SMOKE RUN: tiny counts, the numbers mean nothing")
    if "sequential_loopback" in r:
        out += [
            "",
            _sequential(
                "[1] sequential GetPod, loopback (replay server)", r["sequential_loopback"]
            ),
        ]
    if "sequential_wan" in r:
        delay = r["sizes"]["delay_ms"]
        out += [
            "",
            _sequential(
                f"[2] sequential GetPod, TLS + delaying proxy ({delay:g} ms one way)",
                r["sequential_wan"],
            ),
        ]
    if "overhead" in r:
        o = r["overhead"]
        rows = [[name, _mmm(v["per_call_s"], _us)] for name, v in o["cases"].items()]
        out += [
            "",
            f"[3] client overhead alone, no network ({o['response_bytes']} B GetPod answer)",
            _table(["case", "µs/call (min–max of rounds)"], rows),
        ]
    if "concurrency_loopback" in r:
        out += ["", _concurrency("[4a] concurrency, loopback", r["concurrency_loopback"])]
    if "concurrency_wan" in r:
        out += ["", _concurrency("[4b] concurrency, TLS + delaying proxy", r["concurrency_wan"])]
    if "polling" in r:
        p = r["polling"]
        rows = [
            [
                name,
                _mmm(v["requests"], lambda x: f"{x:.0f}"),
                _mmm(v["wall_s"], lambda x: f"{x:.2f}"),
            ]
            for name, v in p["sides"].items()
        ]
        out += [
            "",
            f"[5] waiting for {p['pods']} pods to be ready (emulator at {p['emulator_speed']:g}x: "
            f"ready {p['ready_after_s']:.1f} s after create)",
            _table(["client", "requests", "wall s"], rows),
        ]
    if "large_list" in r:
        ll = r["large_list"]
        rows = [
            [name, _mmm(v["parse_s"], _ms), f"{v['peak_bytes'] / 1e6:.1f}"]
            for name, v in ll["cases"].items()
        ]
        out += [
            "",
            f"[6] myself.pods with {ll['pods']} pods ({ll['response_bytes'] / 1e6:.2f} MB answer)",
            _table(["case", "ms (min–max of 5)", "peak traced MB"], rows),
        ]
    if "cold_start" in r:
        c = r["cold_start"]
        rows = [
            [
                name,
                _mmm(v["wall_s"], _ms),
                _mmm(v["peak_rss_bytes"], lambda x: f"{x / 1e6:.0f}"),
            ]
            for name, v in c["cases"].items()
        ]
        cases = c["cases"]
        gql, py = (
            cases["import runpod_gql"]["wall_s"]["median"],
            cases["import runpod"]["wall_s"]["median"],
        )
        out += [
            "",
            f"[7] cold start, fresh interpreter (median of {c['runs']}, wall includes interpreter start)",
            _table(["command", "wall ms (min–max)", "peak RSS MB (min–max)"], rows),
            f"import runpod / import runpod_gql = {_ratio(py, gql)}"
            + (
                # import runpod_gql defers everything; the client class is the like-for-like cost
                f"; import runpod / from runpod_gql import RunPod = "
                f"{_ratio(py, cases['from runpod_gql import RunPod']['wall_s']['median'])}"
                if "from runpod_gql import RunPod" in cases
                else ""
            ),
        ]
    if "generate" in r:
        g = r["generate"]
        out += [
            "",
            f"[8] make generate (scripts/generate.py in a temp copy, {g['runs']} run(s)): "
            f"{_mmm(g['wall_s'], lambda x: f'{x:.2f}')} s; output identical to generated/: "
            f"{g['identical_to_repo']}",
        ]
    if "jobs" in r:
        out += ["", _jobs(r["jobs"])]
    if "bench_wall_s" in r:
        out += ["", f"benchmark wall time: {r['bench_wall_s']:.0f} s"]
    if "scaling" in r:
        from .scaling import render as render_scaling

        out += ["", render_scaling(r["scaling"])]
    return "\n".join(out)
