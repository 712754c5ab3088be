"""The base class of the generated GraphQL client: one request, its answer validated from bytes.

runpod-gql's own code (pyproject: ``base_client_file_path``), copied into the generated package by
``make generate``. Every generated method ends in one call (scripts/codegen/plugin.py writes it so)::

    return await self.execute(ListPods, query=..., operation_name="ListPods", variables=...)

and ``execute`` validates the response body straight from its bytes as
``GraphQLResponse[ListPods]``: one pass, no ``json.loads`` and no Python dicts in between. A body
whose ``data`` does not fit but that carries ``errors`` (a partial result) is read again for its
errors alone; only that failure path costs a second read.

There is nothing here for subscriptions, websockets or uploads: RunPod's API has none.
runpod_gql's transport overrides ``execute`` (retries, rate limits, its own errors) and uses
``plain_variables``, ``encode_request`` and ``decode_response`` as they are; its REST side
validates with ``validate_json`` too, so both APIs read answers the same way.
"""

from __future__ import annotations

import functools
import gc
import json
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Protocol, TypeVar, cast

from pydantic import BaseModel as PydanticBaseModel
from pydantic import ConfigDict, ValidationError, model_validator
from pydantic_core import to_jsonable_python

from .base_model import UNSET

if TYPE_CHECKING:
    import httpx
    from typing_extensions import Self

ResultT = TypeVar("ResultT", bound=PydanticBaseModel)
ModelT = TypeVar("ModelT", bound=PydanticBaseModel)


class HttpResponse(Protocol):
    """What ``execute`` reads of an answer (``httpx.Response`` has it)."""

    @property
    def status_code(self) -> int: ...

    @property
    def content(self) -> bytes: ...


class HttpClient(Protocol):
    """What ``execute`` needs to send (``httpx.AsyncClient`` has it)."""

    async def post(
        self, url: str, *, content: bytes, headers: Mapping[str, str]
    ) -> HttpResponse: ...


class GraphQLError(PydanticBaseModel):
    """One entry of a response's ``errors`` (the GraphQL specification's error format).

    Read leniently: an entry that breaks the format still says the operation failed, so it is
    kept (as its text) rather than turned into a validation failure of the whole answer.
    """

    model_config: ClassVar[ConfigDict] = ConfigDict(defer_build=True)  # built on first use

    message: str = ""
    path: list[str | int] | None = None
    extensions: dict[str, Any] | None = None

    @model_validator(mode="before")
    @classmethod
    def _any_entry(cls, value: object) -> object:
        if not isinstance(value, dict):
            return {"message": json.dumps(value)}
        entry = cast("dict[str, object]", value)
        path, extensions = entry.get("path"), entry.get("extensions")
        return {
            "message": entry.get("message")
            if isinstance(entry.get("message"), str)
            else json.dumps(entry.get("message", "")),
            "path": [p for p in cast("list[object]", path) if isinstance(p, (str, int))]
            if isinstance(path, list)
            else None,
            "extensions": extensions if isinstance(extensions, dict) else None,
        }


class GraphQLResponse(PydanticBaseModel, Generic[ResultT]):
    """A response body: the operation's result, its errors, or both (a partial result)."""

    model_config: ClassVar[ConfigDict] = ConfigDict(defer_build=True)

    data: ResultT | None = None
    errors: list[GraphQLError] | None = None


class _ErrorsOnly(PydanticBaseModel):
    model_config: ClassVar[ConfigDict] = ConfigDict(defer_build=True)

    errors: list[GraphQLError] | None = None


class GraphQLClientError(Exception):
    """A request made by ``AsyncBaseClient.execute`` itself failed."""


class GraphQLHTTPError(GraphQLClientError):
    """The server answered with a non-2xx status."""

    def __init__(self, status_code: int, content: bytes) -> None:
        super().__init__(f"HTTP {status_code}: {content[:200]!r}")
        self.status_code = status_code
        self.content = content


class GraphQLResponseError(GraphQLClientError):
    """The answer carried GraphQL errors, or neither data nor errors."""

    def __init__(self, errors: list[GraphQLError]) -> None:
        said = "; ".join(e.message for e in errors) or "the answer has no data and no errors"
        super().__init__(said)
        self.errors = errors


@functools.cache
def _envelope(result: type[PydanticBaseModel]) -> type[GraphQLResponse[Any]]:
    # pydantic caches parametrised generics too, but its lookup costs more than this one.
    envelope = cast("type[GraphQLResponse[Any]]", GraphQLResponse.__class_getitem__(result))
    # Built here, once: pydantic's own deferred build looks for a result model defined elsewhere
    # (the facade's answer models) in this module's namespace, and fails.
    envelope.model_rebuild()
    return envelope


# Bodies from this size up are validated with the garbage collector paused (see validate_json).
LARGE_BODY = 64 * 1024


class _Promotion:
    """Whether large results go straight to the oldest generation in this process.

    Only on CPython's classic generational collector (3.10-3.13, with the GIL), where ``freeze``
    and ``unfreeze`` are constant-time list splices and ``collect(n)`` on empty generations only
    counts; on 3.14's incremental collector the body is validated with the collector paused only.
    Off for good once the program is seen to freeze objects itself (see ``_promote_young``).
    """

    on = sys.version_info < (3, 14) and getattr(sys, "_is_gil_enabled", lambda: True)()


def validate_json(model: type[ModelT], content: bytes) -> ModelT:
    """``model`` validated straight from the bytes: one pass, no Python dicts in between.

    A large body becomes tens of thousands of objects (25,000 per 1,000 pods), all alive: the
    caller holds the result. The collector would walk them all in its next young pass and again
    in the middle generation's, only to find them reachable: 11 ms and 8 ms per 1,000 pods,
    measured, a third of a list's cost, and growing faster than the list (75 ms for the young
    pass at 5,000). So a large body is validated with the collector paused, and what it made is
    then moved straight to the oldest generation (:func:`_promote_young`), where only the
    collector's rare full passes look at it; the program's own young objects are collected
    first, so none of them is promoted with it. Validation holds the GIL: no other code sees
    the pause. A collector the program disabled stays disabled.
    """
    if len(content) < LARGE_BODY or not gc.isenabled():
        return model.model_validate_json(content)
    gc.disable()
    try:
        promote = _Promotion.on and _nothing_frozen()
        if promote:
            # The program's young objects are collected now, as their turn would have come
            # (the garbage among them freed, the living counted as usual): what is moved below
            # is then only what this validation made.
            gc.collect(1)
        result = model.model_validate_json(content)
        if promote:
            _promote_young()
        return result
    finally:
        gc.enable()


def _nothing_frozen() -> bool:
    """Whether the program has frozen no objects (``unfreeze`` would release them).

    Counting them walks them all (``get_freeze_count``), so this is asked only while the
    answer is zero, which is constant time: the first frozen object seen turns promotion off.
    """
    if gc.get_freeze_count():
        _Promotion.on = False
        return False
    return True


def _promote_young() -> None:
    """Move every object of the young generations to the oldest one, without walking them.

    ``freeze`` splices the generations onto the permanent one and ``unfreeze`` splices that onto
    the oldest: two constant-time operations. They also zero the collector's counts, which say
    when the middle and oldest generations are next collected; those are put back by collecting
    the emptied generations (which only counts), so the program's collection schedule is kept.
    """
    _, young_passes, middle_passes = gc.get_count()
    gc.freeze()
    gc.unfreeze()
    for _ in range(middle_passes):
        gc.collect(1)  # empty: counts one pass of the middle generation
    for _ in range(young_passes):
        gc.collect(0)  # empty: counts one young pass


def decode_response(result: type[ResultT], content: bytes) -> GraphQLResponse[ResultT]:
    """The response body validated from its bytes as ``GraphQLResponse[result]``.

    Raises pydantic's ``ValidationError`` when the body is not such a response; a body whose
    data does not fit but that has errors returns those errors (and no data).
    """
    envelope = cast("type[GraphQLResponse[ResultT]]", _envelope(result))
    try:
        return validate_json(envelope, content)
    except ValidationError:
        try:
            errors = _ErrorsOnly.model_validate_json(content).errors
        except ValidationError:
            errors = None
        if errors:
            return envelope(errors=errors)
        raise


def _plain(value: object) -> object:
    if isinstance(value, PydanticBaseModel):
        return value.model_dump(by_alias=True, exclude_unset=True)
    if isinstance(value, list):
        return [_plain(item) for item in cast("list[object]", value)]
    return value


def plain_variables(variables: Mapping[str, object]) -> dict[str, object]:
    """The variables as JSON-ready values: input models by alias, ``UNSET`` ones left out."""
    return {key: _plain(value) for key, value in variables.items() if value is not UNSET}


@functools.lru_cache(maxsize=256)
def _encoded_query(query: str) -> bytes:
    """The query as a JSON string, indentation folded away, once per operation.

    Folding whitespace is safe only outside string literals and comments (a comment runs to
    the end of its line): a query with a quote or a '#' is sent as it is.
    """
    text = query if '"' in query or "#" in query else " ".join(query.split())
    return json.dumps(text).encode()


def encode_request(
    query: str, operation_name: str | None, variables: Mapping[str, object]
) -> bytes:
    """The request body for plain (``plain_variables``) variables."""
    return b"".join(
        (
            b'{"query":',
            _encoded_query(query),
            b',"operationName":',
            json.dumps(operation_name).encode(),
            b',"variables":',
            json.dumps(variables, default=to_jsonable_python, separators=(",", ":")).encode(),
            b"}",
        )
    )


class AsyncBaseClient:
    """Sends each operation as one POST and returns its result model.

    A ``http_client`` passed in is used and never closed (whoever made it closes it); without one,
    an ``httpx.AsyncClient`` is made on first use and closed by ``aclose`` / ``async with``.
    """

    def __init__(
        self,
        url: str,
        headers: Mapping[str, str] | None = None,
        http_client: HttpClient | None = None,
    ) -> None:
        self.url: str = url
        self.headers: dict[str, str] = {"Content-Type": "application/json", **(headers or {})}
        self._http_client = http_client
        self._owned: httpx.AsyncClient | None = None

    @property
    def http_client(self) -> HttpClient:
        if self._http_client is None:
            import httpx  # here, not at the top: a subclass that sends by itself never needs it

            self._owned = httpx.AsyncClient()
            self._http_client = self._owned
        return self._http_client

    async def aclose(self) -> None:
        """Close the client made here, if any."""
        if self._owned is not None:
            await self._owned.aclose()
            self._owned = self._http_client = None

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def execute(
        self,
        result: type[ResultT],
        query: str,
        operation_name: str,
        variables: Mapping[str, object],
    ) -> ResultT:
        """Send one operation; its result, or ``GraphQLHTTPError`` / ``GraphQLResponseError``."""
        body = encode_request(query, operation_name, plain_variables(variables))
        response = await self.http_client.post(self.url, content=body, headers=self.headers)
        if not 200 <= response.status_code < 300:
            raise GraphQLHTTPError(response.status_code, response.content)
        answer = decode_response(result, response.content)
        if answer.errors or answer.data is None:
            raise GraphQLResponseError(answer.errors or [])
        return answer.data
