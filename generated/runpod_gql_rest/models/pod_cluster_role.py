# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from enum import Enum


class PodClusterRole(str, Enum):
    """
    A cluster member's role. Assigned for SLURM and RAY clusters; omitted for TRAINING/APPLICATION members.
    """

    SLURM_CONTROLLER = "SLURM_CONTROLLER"
    SLURM_COMPUTE = "SLURM_COMPUTE"
    RAY_HEAD = "RAY_HEAD"
    RAY_WORKER = "RAY_WORKER"
