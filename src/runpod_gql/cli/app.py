"""The ``runpod-gql`` command tree: global options, catalogue and account commands, ``config``,
``emulator``; the ``pods`` group lives in :mod:`.pods`. Heavy imports happen inside commands."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from . import render
from ._context import Globals, globals_of, run

if TYPE_CHECKING:
    from ..client import RunPod

JsonOpt = Annotated[
    bool, typer.Option("--json", help="Print JSON (the models' fields) instead of a table.")
]


class Cloud(str, enum.Enum):
    ALL = "ALL"
    SECURE = "SECURE"
    COMMUNITY = "COMMUNITY"


HELP = """A typed client for RunPod's GPU cloud, on the command line.

The API key comes from --api-key, RUNPOD_API_KEY, ~/.runpod/config.toml or ~/.cursor/mcp.json; `runpod-gql config show` says which. Every command takes --json.

Exit codes: 0 ok, 2 usage, 3 auth/config, 4 not found, 5 no capacity, 6 time-out, 7 remote command failed, 1 other.
"""


def _root(
    ctx: typer.Context,
    api_key: Annotated[
        Optional[str],  # noqa: UP045 - typer reads the annotation at runtime (Python 3.10)
        typer.Option(
            "--api-key",
            help="RunPod API key (prefer RUNPOD_API_KEY: a command line is visible in `ps`).",
            show_default=False,
        ),
    ] = None,
    base_url: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--base-url",
            help="API server, e.g. http://127.0.0.1:8765 (/graphql is added) or a full GraphQL URL.",
            show_default=False,
        ),
    ] = None,
    profile: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--profile", help="Profile in ~/.runpod/config.toml.", show_default=False),
    ] = None,
    max_retries: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--max-retries",
            help="Retries of a failed request (default: the library's policy).",
            min=0,
        ),
    ] = None,
    request_timeout: Annotated[
        Optional[float],  # noqa: UP045
        typer.Option("--request-timeout", help="Seconds one API request may take.", min=0.1),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on failure.")] = False,
) -> None:
    ctx.obj = Globals(
        api_key=api_key,
        base_url=base_url,
        profile=profile,
        debug=debug,
        max_retries=max_retries,
        request_timeout=request_timeout,
    )


def _gpu_rows() -> list[render.Column]:
    def bid(g: Any) -> float | None:
        return g.lowest_price.minimum_bid_price if g.lowest_price else None

    def stock(g: Any) -> object:
        return g.lowest_price.stock_status if g.lowest_price else None

    return [
        ("id", lambda g: g.id),
        ("name", lambda g: g.display_name),
        ("GB", lambda g: g.memory_in_gb),
        ("secure $/h", lambda g: render.money(g.secure_price) if g.secure_price else None),
        ("community $/h", lambda g: render.money(g.community_price) if g.community_price else None),
        ("spot bid from", lambda g: render.money(bid(g)) if bid(g) else None),
        ("stock", stock),
    ]


def build_app() -> typer.Typer:
    """The whole command tree (built on each call; cheap)."""
    app = typer.Typer(
        name="runpod-gql",
        help=HELP,
        no_args_is_help=True,
        pretty_exceptions_enable=False,  # errors are reported by .errors, never with locals
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback()(_root)

    from .pods import pods_app

    app.add_typer(pods_app(), name="pods", help="Create, watch, reach and remove pods.")

    gpus = typer.Typer(no_args_is_help=True, help="GPU types, prices and stock.")
    app.add_typer(gpus, name="gpus")

    @gpus.command("list")
    def gpus_list(
        ctx: typer.Context,
        gpu_count: Annotated[int, typer.Option(help="Price and stock for this many GPUs.")] = 1,
        cloud: Annotated[Cloud, typer.Option(help="Which cloud's stock to report.")] = Cloud.ALL,
        as_json: JsonOpt = False,
    ) -> None:
        """Every GPU type with on-demand prices, the minimum spot bid and stock."""

        async def body(rp: RunPod) -> Any:
            return await rp.gpus.list(gpu_count=gpu_count, cloud=cloud.value)

        offers = sorted(run(ctx, body), key=lambda g: (g.memory_in_gb or 0, g.id or ""))
        render.emit(offers, as_json, lambda: render.table(offers, _gpu_rows(), title="GPU types"))

    @gpus.command("cheapest")
    def gpus_cheapest(
        ctx: typer.Context,
        min_memory: Annotated[int, typer.Option("--min-memory", help="GB of GPU memory.")] = 0,
        gpu_count: Annotated[int, typer.Option()] = 1,
        cloud: Annotated[Cloud, typer.Option()] = Cloud.ALL,
        spot: Annotated[bool, typer.Option("--spot", help="Price as spot (bid) pods.")] = False,
        max_price: Annotated[
            Optional[float],  # noqa: UP045
            typer.Option("--max-price", help="Ceiling in $/h for all GPUs together."),
        ] = None,
        as_json: JsonOpt = False,
    ) -> None:
        """The cheapest GPU type in stock that meets the requirement."""

        async def body(rp: RunPod) -> Any:
            return await rp.gpus.cheapest(
                min_memory_gb=min_memory,
                gpu_count=gpu_count,
                cloud=cloud.value,
                spot=spot,
                max_price_per_hr=max_price,
            )

        choice = run(ctx, body)

        def human() -> None:
            o = choice.offer
            kind = "spot" if choice.spot else "on demand"
            render.out().print(
                f"{o.id} ({o.display_name}, {o.memory_in_gb} GB) x{choice.gpu_count}, {kind} on "
                f"{choice.cloud_type}: {render.money(choice.price_per_hr)}/h",
                markup=False,
            )

        render.emit(choice, as_json, human)

    @app.command("templates")
    def templates(ctx: typer.Context, as_json: JsonOpt = False) -> None:
        """Your pod templates."""

        async def body(rp: RunPod) -> Any:
            return await rp.templates.list()

        items = run(ctx, body)
        cols: list[render.Column] = [
            ("id", lambda t: t.id),
            ("name", lambda t: t.name),
            ("image", lambda t: t.image_name),
            ("disk GB", lambda t: t.container_disk_in_gb),
            ("ports", lambda t: t.ports),
            ("serverless", lambda t: t.is_serverless),
        ]
        render.emit(items, as_json, lambda: render.table(items, cols, title="templates"))

    @app.command("volumes")
    def volumes(ctx: typer.Context, as_json: JsonOpt = False) -> None:
        """Your network volumes."""

        async def body(rp: RunPod) -> Any:
            return await rp.volumes.list()

        items = run(ctx, body)
        cols: list[render.Column] = [
            ("id", lambda x: x.id),
            ("name", lambda x: x.name),
            ("GB", lambda x: x.size),
            ("data centre", lambda x: x.data_center_id),
        ]
        render.emit(items, as_json, lambda: render.table(items, cols, title="network volumes"))

    @app.command("endpoints")
    def endpoints(ctx: typer.Context, as_json: JsonOpt = False) -> None:
        """Your serverless endpoints."""

        async def body(rp: RunPod) -> Any:
            return await rp.endpoints.list()

        items = run(ctx, body)
        cols: list[render.Column] = [
            ("id", lambda x: x.id),
            ("name", lambda x: x.name),
            ("gpus", lambda x: x.gpu_ids),
            ("workers", lambda x: f"{x.workers_min}-{x.workers_max}"),
            ("template", lambda x: x.template_id),
        ]
        render.emit(items, as_json, lambda: render.table(items, cols, title="endpoints"))

    @app.command("account")
    def account(ctx: typer.Context, as_json: JsonOpt = False) -> None:
        """Balance, current spend and the SSH keys on your account."""

        async def body(rp: RunPod) -> Any:
            return await rp.account.get()

        acct = run(ctx, body)
        render.emit(acct, as_json, lambda: render.fields(acct, title="account"))

    config = typer.Typer(no_args_is_help=True, help="Where settings come from.")
    app.add_typer(config, name="config")

    @config.command("show")
    def config_show(ctx: typer.Context, as_json: JsonOpt = False) -> None:
        """Where the API key and the endpoint come from (never the key itself)."""
        cfg = globals_of(ctx).config()
        data = {
            "api_key_source": cfg.api_key_source,
            "url": cfg.url,
            "url_source": cfg.url_source,
            "profile": cfg.profile,
        }
        render.emit(data, as_json, lambda: render.fields(data, title="configuration"))

    @app.command(
        "emulator",
        add_help_option=False,
        context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    )
    def emulator(ctx: typer.Context) -> None:
        """Serve a local RunPod API emulator (`runpod-gql emulator --help` for its options)."""
        try:
            from ..emulator.__main__ import main as emulator_main
        except ModuleNotFoundError as exc:
            render.note(f"error: the emulator needs {exc.name}: pip install 'runpod-gql[emulator]'")
            raise typer.Exit(1) from exc
        raise typer.Exit(emulator_main(list(ctx.args)))

    return app
