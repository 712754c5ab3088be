# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import Field, RootModel


class RateLimitPolicyHeader(RootModel[str]):
    root: Annotated[
        str, Field(examples=['"minute";q=60;w=60, "hour";q=3000;w=3600, "day";q=50000;w=86400'])
    ]
    """
    Static per-window quota policy. Optional — omitted for rate-limit-exempt
    callers.

    A structured-field list with one member per window (`minute`, `hour`,
    `day`), each carrying the quota `q` and the window length in seconds `w`.
    Returned on responses to authenticated requests, not only on 429s.

    """
