# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from runpod_gql_rest._base import RestModel


class BillingAmounts(RestModel):
    """
    Total spend across all billable Runpod resources with each cost component broken out, fully prefixed by resource. Backs the aggregate record's amounts and the metadata totals.

    """

    model_config = ConfigDict(
        populate_by_name=True,
    )
    total_amount: Annotated[float, Field(alias="totalAmount", examples=[42.34])]
    """
    Total cost in USD for the bucket across all resources.
    """
    pod_gpu_amount: Annotated[float, Field(alias="podGpuAmount")]
    """
    GPU pod compute cost in USD for the bucket.
    """
    pod_cpu_amount: Annotated[float, Field(alias="podCpuAmount")]
    """
    CPU pod compute cost in USD for the bucket.
    """
    pod_disk_amount: Annotated[float, Field(alias="podDiskAmount")]
    """
    Pod disk cost in USD for the bucket.
    """
    serverless_gpu_amount: Annotated[float, Field(alias="serverlessGpuAmount")]
    """
    Serverless GPU compute cost in USD for the bucket.
    """
    serverless_cpu_amount: Annotated[float, Field(alias="serverlessCpuAmount")]
    """
    Serverless CPU compute cost in USD for the bucket.
    """
    serverless_disk_amount: Annotated[float, Field(alias="serverlessDiskAmount")]
    """
    Serverless disk cost in USD for the bucket.
    """
    serverless_fee_amount: Annotated[float, Field(alias="serverlessFeeAmount")]
    """
    Serverless platform fee in USD for the bucket.
    """
    storage_standard_amount: Annotated[float, Field(alias="storageStandardAmount")]
    """
    Standard network volume storage cost in USD for the bucket.
    """
    storage_high_performance_amount: Annotated[float, Field(alias="storageHighPerformanceAmount")]
    """
    High-performance network volume storage cost in USD for the bucket.
    """
    endpoint_amount: Annotated[float, Field(alias="endpointAmount")]
    """
    Runpod public endpoint cost in USD for the bucket.
    """
    cluster_gpu_amount: Annotated[float, Field(alias="clusterGpuAmount")]
    """
    Cluster GPU compute cost in USD for the bucket.
    """
    cluster_disk_amount: Annotated[float, Field(alias="clusterDiskAmount")]
    """
    Cluster disk cost in USD for the bucket.
    """
    cluster_networking_amount: Annotated[float, Field(alias="clusterNetworkingAmount")]
    """
    Cluster inter-node networking cost in USD for the bucket.
    """
