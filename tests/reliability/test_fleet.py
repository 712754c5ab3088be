"""The fleet workload in a fast seeded configuration (the soak runs it longer: ``make soak``)."""

from __future__ import annotations

import pytest

from tests import support

from .fleet import FleetConfig, format_report, main, run_fleet


@pytest.mark.parametrize("seed", [11, 12])
async def test_fleet_under_faults_loses_and_duplicates_nothing(seed: int) -> None:
    report = await run_fleet(FleetConfig(operations=120, seed=seed, pods=20, api=support.TEST_API))
    table = format_report(report)
    assert report.ok, table
    assert report.pods_created == report.pods_intended == 20 * report.rounds
    assert report.duplicates == report.orphans == report.lost == 0
    assert not report.untyped, table  # every failure was a RunPodError
    assert not report.key_leaks, table
    # The faults really happened, of several kinds, and the client really retried.
    assert sum(report.faults.values()) >= 20 and len(report.faults) >= 4, table
    assert report.retries > 0 and report.operations >= 120


async def test_same_seed_same_run() -> None:
    """A failure can be replayed: the same seed makes the same requests, faults and errors."""
    config = FleetConfig(operations=40, seed=5, pods=6, fault_rate=0.3, api=support.TEST_API)
    first, second = await run_fleet(config), await run_fleet(config)
    assert (first.faults, first.errors, first.operations, first.client_requests) == (
        second.faults,
        second.errors,
        second.operations,
        second.client_requests,
    )


def test_cli_prints_the_counts_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["--operations", "10", "--pods", "3", "--seed", "3", "--api", support.TEST_API]) == 0
    )
    out = capsys.readouterr().out
    for row in (
        "HTTP requests",
        "faults injected",
        "duplicates (must be 0)",
        "orphans (must be 0)",
    ):
        assert row in out
