# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from enum import Enum


class ClusterType(str, Enum):
    """
    Cluster type. TRAINING is the generic distributed-training cluster; SLURM provisions a managed Slurm controller/compute topology; RAY provisions a managed Ray head/worker topology; APPLICATION is a general multi-node application cluster.
    """

    APPLICATION = "APPLICATION"
    TRAINING = "TRAINING"
    SLURM = "SLURM"
    RAY = "RAY"
