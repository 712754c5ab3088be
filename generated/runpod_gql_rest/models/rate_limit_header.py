# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import Field, RootModel


class RateLimitHeader(RootModel[str]):
    root: Annotated[
        str, Field(examples=['"minute";r=0;t=12, "hour";r=2800;t=1812, "day";r=49500;t=45012'])
    ]
    """
    Live per-window quota state. Optional — omitted for rate-limit-exempt
    callers.

    A structured-field list with one member per window (`minute`, `hour`,
    `day`), each carrying the remaining request count `r` and seconds until
    the window resets `t`. Returned on responses to authenticated requests,
    not only on 429s.

    """
