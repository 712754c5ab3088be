"""Requests per second the emulator sustains for ``GetPod`` (emulator in its own process).

.venv/bin/python -m tests.emulator.bench_pod_query [--requests 2000] [--concurrency 32]
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import time

import aiohttp

GET_POD = """query GetPod($podId: String!) { pod(input: {podId: $podId}) {
  id name desiredStatus podType imageName gpuCount vcpuCount memoryInGb containerDiskInGb volumeInGb
  volumeMountPath costPerHr adjustedCostPerHr machineId env ports dockerArgs templateId
  networkVolumeId lastStatusChange lastStartedAt uptimeSeconds
  machine { id gpuTypeId gpuDisplayName dataCenterId location secureCloud supportPublicIp podHostId }
  runtime { uptimeInSeconds ports { ip isIpPublic privatePort publicPort type }
            gpus { id gpuUtilPercent memoryUtilPercent } container { cpuPercent memoryPercent } } } }"""
CREATE = 'mutation { podFindAndDeployOnDemand(input: {gpuTypeId: "NVIDIA A40", imageName: "x", ports: "22/tcp"}) { id } }'


async def bench(url: str, key: str, requests: int, concurrency: int) -> float:
    headers = {"Authorization": f"Bearer {key}"}
    async with aiohttp.ClientSession(headers=headers) as s:
        async with s.post(url, json={"query": CREATE}) as r:
            pod_id = (await r.json())["data"]["podFindAndDeployOnDemand"]["id"]
        base = url.removesuffix("/graphql")
        async with s.post(f"{base}/_emulator/clock/advance", json={"seconds": 60}) as r:
            r.raise_for_status()
        body = {"query": GET_POD, "variables": {"podId": pod_id}, "operationName": "GetPod"}
        todo = iter(range(requests))

        async def worker() -> None:
            for _ in todo:
                async with s.post(url, json=body) as r:
                    data = await r.json()
                    assert data["data"]["pod"]["runtime"] is not None

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return requests / (time.perf_counter() - start)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--requests", type=int, default=2000)
    p.add_argument("--concurrency", type=int, default=32)
    args = p.parse_args()
    proc = subprocess.Popen(
        [sys.executable, "-m", "runpod_gql.emulator", "--port", "0", "--api-key", "bench-key"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().split(" on ")[-1].strip()
        asyncio.run(bench(url, "bench-key", 200, args.concurrency))  # warm-up
        rps = asyncio.run(bench(url, "bench-key", args.requests, args.concurrency))
        print(
            f"GetPod: {rps:.0f} requests/s ({args.requests} requests, {args.concurrency} in flight)"
        )
    finally:
        proc.terminate()
        proc.wait(timeout=20)


if __name__ == "__main__":
    main()
