"""The public surface: what public methods take and return is importable from ``runpod_gql``."""

from __future__ import annotations

import functools
import importlib
import inspect
import sys
import types
import typing
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from runpod_gql_rest.client import RestClient

import runpod_gql
from runpod_gql import RunPod


def test_every_exported_name_imports() -> None:
    assert len(set(runpod_gql.__all__)) == len(runpod_gql.__all__)
    for name in runpod_gql.__all__:
        assert getattr(runpod_gql, name) is not None, name


def _classes(hint: Any) -> Iterator[type]:
    """The classes a type hint names, through unions, generics, Unpack and callables."""
    if isinstance(hint, type) and not isinstance(hint, types.GenericAlias):
        yield hint
    for arg in typing.get_args(hint):
        yield from (
            _classes(arg) if not isinstance(arg, list) else (c for a in arg for c in _classes(a))
        )
    origin = typing.get_origin(hint)
    if isinstance(origin, type):
        yield origin


def _public_methods() -> Iterator[tuple[str, Any]]:
    """RunPod's public methods and those of every resource it hands out (``rp.pods``, ...)."""
    namespace = _exported_namespace(RunPod)
    owners: list[type] = [RunPod]
    for name, member in vars(RunPod).items():
        if isinstance(member, functools.cached_property) and not name.startswith("_"):
            returned = typing.get_type_hints(member.func, globalns=namespace)["return"]
            # rp.rest is the generated REST client: its models live in runpod_gql_rest.
            if returned.__module__.startswith("runpod_gql."):
                owners.append(returned)
    for owner in owners:
        for name, member in vars(owner).items():
            if not name.startswith("_") and inspect.isfunction(member):
                yield f"{owner.__name__}.{name}", member


def _exported_namespace(obj: Any) -> dict[str, Any]:
    module = sys.modules[obj.__module__]
    exported = {n: getattr(runpod_gql, n) for n in runpod_gql.__all__}
    # Third-party types users pass in (httpx clients) are theirs to import; the generated REST
    # client is runpod_gql_rest's.
    return {**vars(module), **exported, "httpx": httpx, "RestClient": RestClient}


def test_what_public_methods_take_and_return_is_exported() -> None:
    exported = {id(getattr(runpod_gql, n)) for n in runpod_gql.__all__}
    missing: set[str] = set()
    checked = 0
    for where, method in _public_methods():
        hints = typing.get_type_hints(method, globalns=_exported_namespace(method))
        for hint in hints.values():
            for cls in _classes(hint):
                if cls.__module__.split(".")[0] in ("runpod_gql", "runpod_gql_generated"):
                    checked += 1
                    if id(cls) not in exported:
                        missing.add(f"{where}: {cls.__module__}.{cls.__qualname__}")
    assert checked > 30  # the walk saw the pods' models, specs, results, errors...
    assert not missing, "not importable from runpod_gql:\n" + "\n".join(sorted(missing))


def test_one_name_means_one_thing() -> None:
    # The model is Account; the resource behind rp.account is AccountResource.
    assert runpod_gql.Account.__module__ == "runpod_gql.models.account"
    assert runpod_gql.AccountResource.__name__ == "AccountResource"
    from runpod_gql import emulator, remote

    assert runpod_gql.ProgressCallback is not remote.TransferCallback
    assert "Clock" not in emulator.__all__ and "ProgressCallback" not in remote.__all__


@pytest.mark.parametrize(
    ("module", "name", "now"),
    [
        ("runpod_gql", "RateLimiter", None),
        ("runpod_gql", "SystemClock", None),
        ("runpod_gql", "PollSchedule", None),
        ("runpod_gql.remote", "ProgressCallback", "TransferCallback"),
        ("runpod_gql.emulator", "Clock", "EmulatedClock"),
        ("runpod_gql.resources.account", "Account", "AccountResource"),
    ],
)
def test_old_names_still_work_with_a_deprecation_warning(
    module: str, name: str, now: str | None
) -> None:
    mod = importlib.import_module(module)
    with pytest.deprecated_call():
        old = getattr(mod, name)
    if now is not None:
        assert old is getattr(mod, now)
    assert name not in getattr(mod, "__all__", ())
