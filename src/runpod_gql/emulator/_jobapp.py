"""The job API's ASGI app: RunPod's ``https://api.runpod.ai/v2/{endpoint_id}/...`` served under
``/runtime/v2/{endpoint_id}/...`` on the emulator's second port.

It shares the GraphQL app's key, fault rules, rate limit and request log, so ``emu.inject(...)``
and ``emu.request_count("run")`` work the same for both APIs. Operation names for faults and the
log are the route names: ``run``, ``runsync``, ``status``, ``stream``, ``cancel``, ``retry``,
``purge-queue``, ``health``.
"""

from __future__ import annotations

import hmac
import json
import time
from typing import Any
from urllib.parse import parse_qs

from ._app import EmulatorApp
from ._faults import Fault, FaultRule, RequestRecord, retry_after_header
from ._http import (
    GATEWAY_PAGE,
    HTML,
    JSON,
    REASONS,
    Dropped,
    Receive,
    Scope,
    Send,
    drop,
    read_body,
    respond,
)
from ._jobs import EmulatedJob, JobError, JobService

__all__ = ["PREFIX", "JobApp"]

PREFIX = "/runtime/v2/"

# route name -> (methods, takes a job id). runpod-python POSTs cancel and purge-queue and GETs the
# rest; RunPod accepts both methods on status and stream.
_ROUTES: dict[str, tuple[frozenset[str], bool]] = {
    "run": (frozenset({"POST"}), False),
    "runsync": (frozenset({"POST"}), False),
    "status": (frozenset({"GET", "POST"}), True),
    "stream": (frozenset({"GET", "POST"}), True),
    "cancel": (frozenset({"POST"}), True),
    "retry": (frozenset({"POST"}), True),
    "purge-queue": (frozenset({"POST"}), False),
    "health": (frozenset({"GET"}), False),
}

RUNSYNC_DEFAULT_WAIT = 90.0  # seconds; ?wait=ms takes 1000..300000 (RunPod's documented range)


def _error(message: str) -> bytes:
    return json.dumps({"error": message}).encode()


class JobApp:
    """Routes job API requests to the :class:`JobService`, with the shared faults and limits."""

    def __init__(self, core: EmulatorApp, jobs: JobService) -> None:
        self.core = core
        self.jobs = jobs
        self._key = core._key

    def _authorized(self, scope: Scope) -> bool:
        # RunPod takes "Bearer KEY" and, as its curl examples send it, the bare key.
        for name, value in scope["headers"]:
            if name == b"authorization":
                scheme, _, token = value.partition(b" ")
                key = token.strip() if scheme.lower() == b"bearer" else value.strip()
                if hmac.compare_digest(key, self._key):
                    return True
        return False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        body = await read_body(receive)
        started, wall = time.perf_counter(), time.time()
        path: str = scope["path"]
        parts = path[len(PREFIX) :].strip("/").split("/") if path.startswith(PREFIX) else []
        operation = parts[1] if len(parts) >= 2 else None
        variables = {"endpointId": parts[0] if parts else None}
        if len(parts) >= 3:
            variables["jobId"] = parts[2]
        status: int | None = None
        taken: list[FaultRule] = []  # the fault applied, even when it dropped the connection
        try:
            status = await self._handle(scope, parts, body, receive, send, taken)
        except Dropped:
            status = None
        finally:
            fault = Fault.RATE_LIMIT if status == 429 and not taken else None
            if taken:
                fault = taken[0].kind
            self.core.requests.append(
                RequestRecord(
                    operation=operation,
                    root_fields=(),
                    variables=variables,
                    status=status,
                    fault=fault,
                    duration_s=time.perf_counter() - started,
                    timestamp=wall,
                    emulated_time=self.jobs.clock.now(),
                    api="jobs",
                    method=scope["method"],
                    path=path,
                )
            )

    async def _handle(
        self,
        scope: Scope,
        parts: list[str],
        body: bytes,
        receive: Receive,
        send: Send,
        taken: list[FaultRule],
    ) -> int:
        """Answer one request; returns the HTTP status for the log."""
        route = _ROUTES.get(parts[1]) if len(parts) >= 2 else None
        if route is None or len(parts) != (3 if route[1] else 2):
            await respond(send, 404, _error("not found"))
            return 404
        if scope["method"] not in route[0]:
            allow = ", ".join(sorted(route[0])).encode()
            await respond(send, 405, _error("method not allowed"), [JSON, (b"allow", allow)])
            return 405
        if not self._authorized(scope):
            await respond(send, 401, _error("Unauthorized"))
            return 401
        if self.core.rate_limit is not None and (wait := self.core.rate_limit.take()) is not None:
            headers = [JSON, (b"retry-after", retry_after_header(wait))]
            await respond(send, 429, _error("Too Many Requests"), headers)
            return 429
        rule = self.core.take_fault(parts[1], ())
        if rule is not None:
            taken.append(rule)
        if rule is not None and rule.kind is Fault.DROP_BEFORE:
            await drop(scope, receive)
        if rule is not None and rule.kind in (
            Fault.RATE_LIMIT,
            Fault.SERVER_ERROR,
            Fault.OPAQUE_ERROR,
        ):
            return await self._early_fault(rule, send)

        try:
            status, answer = await self._apply(scope, parts, body)
        except JobError as exc:
            status, answer = exc.status, {"error": str(exc)}
        out = json.dumps(answer, separators=(",", ":")).encode()
        if rule is not None:  # faults after the request took effect
            if rule.kind is Fault.DROP_AFTER:
                await drop(scope, receive)
            if rule.kind is Fault.TIMEOUT:
                await self.core.hold(rule.delay)
            if rule.kind is Fault.MALFORMED:
                if rule.variant == "html":
                    page = GATEWAY_PAGE.format(status=502, reason="Bad Gateway").encode()
                    await respond(send, 200, page, [HTML])
                else:
                    await respond(send, 200, out[: max(1, len(out) // 2)])
                return 200
        await respond(send, status, out)
        return status

    async def _early_fault(self, rule: FaultRule, send: Send) -> int:
        if rule.kind is Fault.RATE_LIMIT:
            headers = [JSON]
            if rule.retry_after is not None:
                headers.append((b"retry-after", retry_after_header(rule.retry_after)))
            await respond(send, 429, _error("Too Many Requests"), headers)
            return 429
        status = rule.status or 500  # SERVER_ERROR, and OPAQUE_ERROR: the job API has no 200-error
        reason = REASONS.get(status, "Error")
        if status == 500:
            await respond(send, 500, _error(reason))
        else:
            page = GATEWAY_PAGE.format(status=status, reason=reason).encode()
            await respond(send, status, page, [HTML])
        return status

    async def _apply(self, scope: Scope, parts: list[str], body: bytes) -> tuple[int, Any]:
        endpoint = self.jobs.endpoint(parts[0])
        name = parts[1]
        if name in ("run", "runsync"):
            try:
                payload = json.loads(body) if body else None
            except ValueError:
                payload = None
            if not isinstance(payload, dict):
                raise JobError(400, "body must be a JSON object with an input")
            job = endpoint.submit(payload, sync=name == "runsync")
            if (
                name == "run"
            ):  # answered as queued, as RunPod does, even if a worker took it already
                return 200, {"id": job.id, "status": "IN_QUEUE"}
            await self.jobs.wait(job, _wait_seconds(scope), self.core.stopping)
            return 200, job.view()
        if name == "status":
            return 200, endpoint.get(parts[2]).view()
        if name == "stream":
            job = endpoint.get(parts[2])
            return 200, _stream_view(job)
        if name == "cancel":
            job = endpoint.cancel(parts[2])
            return 200, {"id": job.id, "status": job.status.value}
        if name == "retry":
            job = endpoint.retry(parts[2])
            return 200, {"id": job.id, "status": "IN_QUEUE"}  # requeued, like a new run
        if name == "purge-queue":
            return 200, {"removed": endpoint.purge(), "status": "completed"}
        return 200, endpoint.health()


def _stream_view(job: EmulatedJob) -> dict[str, Any]:
    out: dict[str, Any] = {"id": job.id, "status": job.status.value, "stream": job.take_chunks()}
    if job.error is not None:
        out["error"] = job.error
    return out


def _wait_seconds(scope: Scope) -> float:
    query = (scope.get("query_string") or b"").decode("latin-1")
    values = parse_qs(query).get("wait")
    if not values:
        return RUNSYNC_DEFAULT_WAIT
    try:
        ms = int(values[0])
    except ValueError:
        raise JobError(400, "wait must be an integer number of milliseconds") from None
    return min(max(ms, 1000), 300_000) / 1000
