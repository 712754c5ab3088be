"""Options that several commands share, declared once and gathered into one parameter of each.

Typer has no option groups: it reads a command's options from its signature.
``@gathered(spec=Group(options, build), ...)`` puts the group's options in place of the command's
parameter ``spec`` (typer lists them there, in order) and calls the command with ``build`` of
their values. ``pods create``, ``create-spot`` and ``create-cpu`` take a pod's spec this way
(:mod:`.pods.spec`), and what to do once the pod is asked for (:mod:`.pods.create`).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any


def _same(value: Any) -> Any:
    return value


@dataclass(frozen=True)
class GroupOption:
    """One option of a group: its parameter name, typer annotation and default; ``convert`` is
    applied to a value that is not None."""

    name: str
    annotation: Any
    default: Any = inspect.Parameter.empty
    convert: Callable[[Any], Any] = _same


@dataclass(frozen=True)
class Group:
    """Options gathered into one parameter: ``build`` makes its value from theirs."""

    options: Sequence[GroupOption]
    build: Callable[[dict[str, Any]], Any]

    def value(self, kwargs: dict[str, Any]) -> Any:
        """Pop this group's options from ``kwargs``; convert and build."""
        given: dict[str, Any] = {}
        for o in self.options:
            value = kwargs.pop(o.name)
            given[o.name] = value if value is None else o.convert(value)
        return self.build(given)


Command = Callable[..., None]


def gathered(**groups: Group) -> Callable[[Command], Command]:
    """Replace each parameter named in ``groups`` by the group's options; call the command with
    each group's value in that parameter."""

    def decorate(command: Command) -> Command:
        unevaluated = inspect.signature(command).parameters
        # A gathered parameter's own type is for type checkers only (often imported under
        # TYPE_CHECKING, so that --help stays cheap): here its name stands for a plain dict.
        stand_ins: dict[str, Any] = {}
        for name in groups:
            own = unevaluated[name].annotation
            if not (isinstance(own, str) and own.isidentifier()):
                raise TypeError(f"{command.__name__}: annotate {name!r} with one type name")
            stand_ins[own] = dict
        signature = inspect.signature(command, eval_str=True, locals=stand_ins)
        params: list[inspect.Parameter] = []
        for p in signature.parameters.values():
            if p.name in groups:
                params += [
                    inspect.Parameter(
                        o.name,
                        inspect.Parameter.KEYWORD_ONLY,
                        annotation=o.annotation,
                        default=o.default,
                    )
                    for o in groups[p.name].options
                ]
            else:  # keyword-only: the options' defaults may come before a required parameter
                params.append(p.replace(kind=inspect.Parameter.KEYWORD_ONLY))

        @functools.wraps(command)
        def wrapper(**kwargs: Any) -> None:
            values = {name: group.value(kwargs) for name, group in groups.items()}
            command(**kwargs, **values)

        wrapper.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
        wrapper.__annotations__ = {p.name: p.annotation for p in params}
        del wrapper.__wrapped__  # typer must see the new signature, not the command's
        return wrapper

    return decorate


def without_none(values: Mapping[str, Any]) -> dict[str, Any]:
    """A ``build`` that leaves out the options not given (so the library's defaults apply)."""
    return {key: value for key, value in values.items() if value is not None}
