"""The base every public model shares."""

from __future__ import annotations

from enum import Enum
from typing import ClassVar

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    """A snapshot of something RunPod reported, the same whichever API answered.

    Frozen: a model is what the server said at one moment; ask again for a fresher one.
    A field one API does not report is ``None`` (each such field says which API has it).
    Models read from one answer share their ``model_fields_set`` (it is the same for nearly
    all of them, and a set each was over half of a pod list's memory): read it, never add to it.
    """

    # ClassVar, as pydantic declares it: unannotated, type checkers see every model as partly unknown.
    model_config: ClassVar[ConfigDict] = ConfigDict(frozen=True, extra="forbid")


class Availability(str, Enum):
    """How much of something RunPod has free (v2's levels; GraphQL's ``stockStatus`` upper-cased)."""

    NONE = "NONE"
    LOW = "LOW"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"
