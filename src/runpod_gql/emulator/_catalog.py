"""The emulator's starting catalogue: GPU types, data centres, CPU flavours, public templates.

Prices are illustrative (shaped like RunPod's public price list, not a copy of it); tests should read
them from the emulator rather than hard-code them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ._records import TemplateRecord

__all__ = [
    "CPU_FLAVORS",
    "CPU_TYPES",
    "CUDA_VERSIONS",
    "DATA_CENTERS",
    "GPU_TYPES",
    "PUBLIC_TEMPLATES",
    "CpuFlavorSpec",
    "DataCenterSpec",
    "GpuTypeSpec",
]


@dataclass(frozen=True)
class GpuTypeSpec:
    id: str
    display_name: str
    memory_in_gb: int
    secure_price: float | None  # None: not offered in secure cloud
    community_price: float | None  # None: not offered in community cloud
    secure_spot_price: float | None
    community_spot_price: float | None
    max_gpu_count: int = 8
    cuda_cores: int = 0
    manufacturer: str = "Nvidia"
    pool: str | None = None  # serverless GPU pool id


@dataclass(frozen=True)
class DataCenterSpec:
    id: str
    name: str
    location: str
    secure: bool  # secure-cloud data centre; otherwise community hosts
    country_code: str
    region: str = "NORTH_AMERICA"  # REST v2 DataCenterRegion
    volumes: bool = True  # offers network volumes


@dataclass(frozen=True)
class CpuFlavorSpec:
    id: str
    group_name: str
    display_name: str
    min_vcpu: int
    max_vcpu: int
    ram_multiplier: float
    price_per_vcpu: float


GPU_TYPES: tuple[GpuTypeSpec, ...] = (
    GpuTypeSpec("NVIDIA GeForce RTX 3070", "RTX 3070", 8, None, 0.13, None, 0.07, cuda_cores=5888),
    GpuTypeSpec(
        "NVIDIA GeForce RTX 4090",
        "RTX 4090",
        24,
        0.69,
        0.34,
        0.5,
        0.2,
        cuda_cores=16384,
        pool="ADA_24",
    ),
    GpuTypeSpec("NVIDIA L4", "L4", 24, 0.43, 0.28, 0.22, 0.14, cuda_cores=7424, pool="ADA_24"),
    GpuTypeSpec(
        "NVIDIA RTX A6000",
        "RTX A6000",
        48,
        0.49,
        0.33,
        0.25,
        0.18,
        cuda_cores=10752,
        pool="AMPERE_48",
    ),
    GpuTypeSpec("NVIDIA A40", "A40", 48, 0.4, 0.35, 0.2, 0.17, cuda_cores=10752, pool="AMPERE_48"),
    GpuTypeSpec(
        "NVIDIA A100 80GB PCIe",
        "A100 PCIe",
        80,
        1.64,
        1.19,
        0.82,
        0.6,
        cuda_cores=6912,
        pool="AMPERE_80",
    ),
    GpuTypeSpec(
        "NVIDIA H100 80GB HBM3",
        "H100 SXM",
        80,
        2.99,
        None,
        1.75,
        None,
        cuda_cores=16896,
        pool="ADA_80_PRO",
    ),
)

DATA_CENTERS: tuple[DataCenterSpec, ...] = (
    DataCenterSpec("US-TX-3", "US-TX-3", "United States", True, "US"),
    DataCenterSpec("US-KS-2", "US-KS-2", "United States", True, "US"),
    DataCenterSpec("EU-RO-1", "EU-RO-1", "Romania", True, "RO", "EUROPE"),
    DataCenterSpec("CA-MTL-1", "CA-MTL-1", "Canada", True, "CA"),
    DataCenterSpec("EU-CZ-1", "EU-CZ-1", "Czech Republic", False, "CZ", "EUROPE", volumes=False),
    DataCenterSpec("US-GA-1", "US-GA-1", "United States", False, "US", volumes=False),
)

# CUDA versions the machines of each data centre run, newest first (community hosts lag behind).
CUDA_VERSIONS: dict[str, tuple[str, ...]] = {
    "US-TX-3": ("12.8", "12.6", "12.4"),
    "US-KS-2": ("12.8", "12.6"),
    "EU-RO-1": ("12.8", "12.6", "12.4"),
    "CA-MTL-1": ("12.6", "12.4", "12.2"),
    "EU-CZ-1": ("12.4", "12.2"),
    "US-GA-1": ("12.6", "12.4", "12.2", "11.8"),
}

CPU_FLAVORS: tuple[CpuFlavorSpec, ...] = (
    CpuFlavorSpec("cpu3c", "Compute-Optimized", "Compute-Optimized", 2, 32, 2.0, 0.03),
    CpuFlavorSpec("cpu3g", "General Purpose", "General Purpose", 2, 32, 4.0, 0.04),
    CpuFlavorSpec("cpu3m", "Memory-Optimized", "Memory-Optimized", 2, 16, 8.0, 0.06),
    CpuFlavorSpec("cpu5c", "Compute-Optimized", "Compute-Optimized 5th gen", 2, 32, 2.0, 0.04),
)

CPU_TYPES: tuple[dict[str, object], ...] = (
    {
        "id": "AMD EPYC 7742 64-Core Processor",
        "displayName": "AMD EPYC 7742",
        "manufacturer": "AMD",
        "cores": 64,
        "threadsPerCore": 2,
        "groupId": "AMD EPYC 7742",
    },
    {
        "id": "Intel Xeon Gold 6342",
        "displayName": "Xeon Gold 6342",
        "manufacturer": "Intel",
        "cores": 24,
        "threadsPerCore": 2,
        "groupId": "Intel Xeon Gold 6342",
    },
)

# Official templates every account can use (``isRunpod``); runpod-python deploys CPU pods with
# "runpod-ubuntu" when no template is given.
PUBLIC_TEMPLATES: tuple[TemplateRecord, ...] = (
    TemplateRecord(
        id="runpod-ubuntu",
        name="Runpod Ubuntu",
        image="runpod/base:0.6.2-cpu",
        ports="22/tcp,8888/http",
        container_disk_gb=10,
        volume_gb=0,
        public=True,
        is_runpod=True,
        category="CPU",
    ),
    TemplateRecord(
        id="runpod-torch-v240",
        name="Runpod Pytorch 2.4.0",
        image="runpod/pytorch:2.4.0-py3.11-cuda12.4.1-devel-ubuntu22.04",
        ports="8888/http,22/tcp",
        container_disk_gb=20,
        volume_gb=20,
        public=True,
        is_runpod=True,
    ),
)
