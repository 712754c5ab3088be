# generated — do not edit: run `make generate` (scripts/generate_rest.py)
"""Every model of openapi.json; ``from runpod_gql_rest.models import Pod`` loads only Pod's modules."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .allowed_cuda_version import AllowedCudaVersion as AllowedCudaVersion
    from .availability_level import AvailabilityLevel as AvailabilityLevel
    from .base_container_config import BaseContainerConfig as BaseContainerConfig
    from .base_cpu_config import BaseCpuConfig as BaseCpuConfig
    from .base_endpoint_gpu_config import BaseEndpointGpuConfig as BaseEndpointGpuConfig
    from .base_endpoint_gpu_config_excluded_type import (
        BaseEndpointGpuConfigExcludedType as BaseEndpointGpuConfigExcludedType,
    )
    from .billing_amounts import BillingAmounts as BillingAmounts
    from .billing_bucket_size import BillingBucketSize as BillingBucketSize
    from .billing_metadata import BillingMetadata as BillingMetadata
    from .billing_query import BillingQuery as BillingQuery
    from .billing_record import BillingRecord as BillingRecord
    from .billing_time_range import BillingTimeRange as BillingTimeRange
    from .catalog_include import CatalogInclude as CatalogInclude
    from .catalog_resource_availability import (
        CatalogResourceAvailability as CatalogResourceAvailability,
    )
    from .cloud import Cloud as Cloud
    from .cluster import Cluster as Cluster
    from .cluster_billing_amounts import ClusterBillingAmounts as ClusterBillingAmounts
    from .cluster_billing_metadata import ClusterBillingMetadata as ClusterBillingMetadata
    from .cluster_billing_query import ClusterBillingQuery as ClusterBillingQuery
    from .cluster_billing_record import ClusterBillingRecord as ClusterBillingRecord
    from .cluster_compute import ClusterCompute as ClusterCompute
    from .cluster_network import ClusterNetwork as ClusterNetwork
    from .cluster_pods_summary import ClusterPodsSummary as ClusterPodsSummary
    from .cluster_primary import ClusterPrimary as ClusterPrimary
    from .cluster_type import ClusterType as ClusterType
    from .compliance import Compliance as Compliance
    from .container_config import ContainerConfig as ContainerConfig
    from .cpu_config import CpuConfig as CpuConfig
    from .cpu_product import CpuProduct as CpuProduct
    from .cpu_type import CpuType as CpuType
    from .cpu_type_price import CpuTypePrice as CpuTypePrice
    from .cpu_type_vcpu import CpuTypeVcpu as CpuTypeVcpu
    from .create_cluster_request import CreateClusterRequest as CreateClusterRequest
    from .create_cpu_config import CreateCpuConfig as CreateCpuConfig
    from .create_delegation_request import CreateDelegationRequest as CreateDelegationRequest
    from .create_endpoint_gpu_config import CreateEndpointGpuConfig as CreateEndpointGpuConfig
    from .create_endpoint_request import CreateEndpointRequest as CreateEndpointRequest
    from .create_gpu_config import CreateGpuConfig as CreateGpuConfig
    from .create_network_volume_request import (
        CreateNetworkVolumeRequest as CreateNetworkVolumeRequest,
    )
    from .create_pod_request import CreatePodRequest as CreatePodRequest
    from .create_registry_request import CreateRegistryRequest as CreateRegistryRequest
    from .create_template_request import CreateTemplateRequest as CreateTemplateRequest
    from .cuda_version_availability import CudaVersionAvailability as CudaVersionAvailability
    from .data_center import DataCenter as DataCenter
    from .data_center_availability import DataCenterAvailability as DataCenterAvailability
    from .data_center_include import DataCenterInclude as DataCenterInclude
    from .data_center_region import DataCenterRegion as DataCenterRegion
    from .ecr_delegation import EcrDelegation as EcrDelegation
    from .endpoint import Endpoint as Endpoint
    from .endpoint_billing_amounts import EndpointBillingAmounts as EndpointBillingAmounts
    from .endpoint_billing_metadata import EndpointBillingMetadata as EndpointBillingMetadata
    from .endpoint_billing_record import EndpointBillingRecord as EndpointBillingRecord
    from .endpoint_gpu_config import EndpointGpuConfig as EndpointGpuConfig
    from .endpoint_type import EndpointType as EndpointType
    from .endpoint_workers import EndpointWorkers as EndpointWorkers
    from .error_response import ErrorResponse as ErrorResponse
    from .flash_boot import FlashBoot as FlashBoot
    from .gpu_cloud_filter import GpuCloudFilter as GpuCloudFilter
    from .gpu_config import GpuConfig as GpuConfig
    from .gpu_manufacturer import GpuManufacturer as GpuManufacturer
    from .gpu_type import GpuType as GpuType
    from .gpu_type_max_count import GpuTypeMaxCount as GpuTypeMaxCount
    from .gpu_type_price import GpuTypePrice as GpuTypePrice
    from .list_billing_response import ListBillingResponse as ListBillingResponse
    from .list_cluster_billing_response import (
        ListClusterBillingResponse as ListClusterBillingResponse,
    )
    from .list_clusters_response import ListClustersResponse as ListClustersResponse
    from .list_cpu_types_response import ListCpuTypesResponse as ListCpuTypesResponse
    from .list_data_centers_response import ListDataCentersResponse as ListDataCentersResponse
    from .list_delegations_response import ListDelegationsResponse as ListDelegationsResponse
    from .list_endpoint_billing_response import (
        ListEndpointBillingResponse as ListEndpointBillingResponse,
    )
    from .list_endpoint_releases_response import (
        ListEndpointReleasesResponse as ListEndpointReleasesResponse,
    )
    from .list_endpoint_workers_response import (
        ListEndpointWorkersResponse as ListEndpointWorkersResponse,
    )
    from .list_endpoints_response import ListEndpointsResponse as ListEndpointsResponse
    from .list_gpu_types_response import ListGpuTypesResponse as ListGpuTypesResponse
    from .list_network_volume_billing_response import (
        ListNetworkVolumeBillingResponse as ListNetworkVolumeBillingResponse,
    )
    from .list_network_volumes_response import (
        ListNetworkVolumesResponse as ListNetworkVolumesResponse,
    )
    from .list_pod_billing_response import ListPodBillingResponse as ListPodBillingResponse
    from .list_pods_response import ListPodsResponse as ListPodsResponse
    from .list_registries_response import ListRegistriesResponse as ListRegistriesResponse
    from .list_serverless_billing_response import (
        ListServerlessBillingResponse as ListServerlessBillingResponse,
    )
    from .list_templates_response import ListTemplatesResponse as ListTemplatesResponse
    from .load_balancing_request_urls import LoadBalancingRequestUrls as LoadBalancingRequestUrls
    from .log_source import LogSource as LogSource
    from .mounts import Mounts as Mounts
    from .network_mount import NetworkMount as NetworkMount
    from .network_volume import NetworkVolume as NetworkVolume
    from .network_volume_billing_amounts import (
        NetworkVolumeBillingAmounts as NetworkVolumeBillingAmounts,
    )
    from .network_volume_billing_metadata import (
        NetworkVolumeBillingMetadata as NetworkVolumeBillingMetadata,
    )
    from .network_volume_billing_query import NetworkVolumeBillingQuery as NetworkVolumeBillingQuery
    from .network_volume_billing_record import (
        NetworkVolumeBillingRecord as NetworkVolumeBillingRecord,
    )
    from .persistent_mount import PersistentMount as PersistentMount
    from .pod import Pod as Pod
    from .pod_action import PodAction as PodAction
    from .pod_action_request import PodActionRequest as PodActionRequest
    from .pod_billing_amounts import PodBillingAmounts as PodBillingAmounts
    from .pod_billing_metadata import PodBillingMetadata as PodBillingMetadata
    from .pod_billing_query import PodBillingQuery as PodBillingQuery
    from .pod_billing_record import PodBillingRecord as PodBillingRecord
    from .pod_cluster import PodCluster as PodCluster
    from .pod_cluster_role import PodClusterRole as PodClusterRole
    from .pod_global_networking import PodGlobalNetworking as PodGlobalNetworking
    from .pod_gpu_utilization import PodGpuUtilization as PodGpuUtilization
    from .pod_runtime import PodRuntime as PodRuntime
    from .pod_runtime_port import PodRuntimePort as PodRuntimePort
    from .pod_ssh import PodSsh as PodSsh
    from .pod_ssh_endpoint import PodSshEndpoint as PodSshEndpoint
    from .pod_status import PodStatus as PodStatus
    from .product import Product as Product
    from .queue_based_request_urls import QueueBasedRequestUrls as QueueBasedRequestUrls
    from .queue_delay_scaling import QueueDelayScaling as QueueDelayScaling
    from .queue_delay_scaling_type import QueueDelayScalingType as QueueDelayScalingType
    from .rate_limit_header import RateLimitHeader as RateLimitHeader
    from .rate_limit_policy_header import RateLimitPolicyHeader as RateLimitPolicyHeader
    from .registry import Registry as Registry
    from .release import Release as Release
    from .release_diff_entry import ReleaseDiffEntry as ReleaseDiffEntry
    from .release_source import ReleaseSource as ReleaseSource
    from .request_count_scaling import RequestCountScaling as RequestCountScaling
    from .request_count_scaling_type import RequestCountScalingType as RequestCountScalingType
    from .rollout_summary import RolloutSummary as RolloutSummary
    from .serverless_billing_amounts import ServerlessBillingAmounts as ServerlessBillingAmounts
    from .serverless_billing_metadata import ServerlessBillingMetadata as ServerlessBillingMetadata
    from .serverless_billing_query import ServerlessBillingQuery as ServerlessBillingQuery
    from .serverless_billing_record import ServerlessBillingRecord as ServerlessBillingRecord
    from .ssh_keys import SshKeys as SshKeys
    from .template import Template as Template
    from .template_category import TemplateCategory as TemplateCategory
    from .template_mounts import TemplateMounts as TemplateMounts
    from .update_cluster_request import UpdateClusterRequest as UpdateClusterRequest
    from .update_endpoint_gpu_config import UpdateEndpointGpuConfig as UpdateEndpointGpuConfig
    from .update_endpoint_request import UpdateEndpointRequest as UpdateEndpointRequest
    from .update_network_volume_request import (
        UpdateNetworkVolumeRequest as UpdateNetworkVolumeRequest,
    )
    from .update_pod_request import UpdatePodRequest as UpdatePodRequest
    from .update_ssh_keys_request import UpdateSshKeysRequest as UpdateSshKeysRequest
    from .update_ssh_keys_request_key import UpdateSshKeysRequestKey as UpdateSshKeysRequestKey
    from .update_template_request import UpdateTemplateRequest as UpdateTemplateRequest
    from .utilization import Utilization as Utilization
    from .volume_type import VolumeType as VolumeType
    from .worker import Worker as Worker
    from .worker_status import WorkerStatus as WorkerStatus
    from .worker_summary import WorkerSummary as WorkerSummary
    from .workers import Workers as Workers

_MODULES = {
    "AllowedCudaVersion": "allowed_cuda_version",
    "AvailabilityLevel": "availability_level",
    "BaseContainerConfig": "base_container_config",
    "BaseCpuConfig": "base_cpu_config",
    "BaseEndpointGpuConfig": "base_endpoint_gpu_config",
    "BaseEndpointGpuConfigExcludedType": "base_endpoint_gpu_config_excluded_type",
    "BillingAmounts": "billing_amounts",
    "BillingBucketSize": "billing_bucket_size",
    "BillingMetadata": "billing_metadata",
    "BillingQuery": "billing_query",
    "BillingRecord": "billing_record",
    "BillingTimeRange": "billing_time_range",
    "CatalogInclude": "catalog_include",
    "CatalogResourceAvailability": "catalog_resource_availability",
    "Cloud": "cloud",
    "Cluster": "cluster",
    "ClusterBillingAmounts": "cluster_billing_amounts",
    "ClusterBillingMetadata": "cluster_billing_metadata",
    "ClusterBillingQuery": "cluster_billing_query",
    "ClusterBillingRecord": "cluster_billing_record",
    "ClusterCompute": "cluster_compute",
    "ClusterNetwork": "cluster_network",
    "ClusterPodsSummary": "cluster_pods_summary",
    "ClusterPrimary": "cluster_primary",
    "ClusterType": "cluster_type",
    "Compliance": "compliance",
    "ContainerConfig": "container_config",
    "CpuConfig": "cpu_config",
    "CpuProduct": "cpu_product",
    "CpuType": "cpu_type",
    "CpuTypePrice": "cpu_type_price",
    "CpuTypeVcpu": "cpu_type_vcpu",
    "CreateClusterRequest": "create_cluster_request",
    "CreateCpuConfig": "create_cpu_config",
    "CreateDelegationRequest": "create_delegation_request",
    "CreateEndpointGpuConfig": "create_endpoint_gpu_config",
    "CreateEndpointRequest": "create_endpoint_request",
    "CreateGpuConfig": "create_gpu_config",
    "CreateNetworkVolumeRequest": "create_network_volume_request",
    "CreatePodRequest": "create_pod_request",
    "CreateRegistryRequest": "create_registry_request",
    "CreateTemplateRequest": "create_template_request",
    "CudaVersionAvailability": "cuda_version_availability",
    "DataCenter": "data_center",
    "DataCenterAvailability": "data_center_availability",
    "DataCenterInclude": "data_center_include",
    "DataCenterRegion": "data_center_region",
    "EcrDelegation": "ecr_delegation",
    "Endpoint": "endpoint",
    "EndpointBillingAmounts": "endpoint_billing_amounts",
    "EndpointBillingMetadata": "endpoint_billing_metadata",
    "EndpointBillingRecord": "endpoint_billing_record",
    "EndpointGpuConfig": "endpoint_gpu_config",
    "EndpointType": "endpoint_type",
    "EndpointWorkers": "endpoint_workers",
    "ErrorResponse": "error_response",
    "FlashBoot": "flash_boot",
    "GpuCloudFilter": "gpu_cloud_filter",
    "GpuConfig": "gpu_config",
    "GpuManufacturer": "gpu_manufacturer",
    "GpuType": "gpu_type",
    "GpuTypeMaxCount": "gpu_type_max_count",
    "GpuTypePrice": "gpu_type_price",
    "ListBillingResponse": "list_billing_response",
    "ListClusterBillingResponse": "list_cluster_billing_response",
    "ListClustersResponse": "list_clusters_response",
    "ListCpuTypesResponse": "list_cpu_types_response",
    "ListDataCentersResponse": "list_data_centers_response",
    "ListDelegationsResponse": "list_delegations_response",
    "ListEndpointBillingResponse": "list_endpoint_billing_response",
    "ListEndpointReleasesResponse": "list_endpoint_releases_response",
    "ListEndpointWorkersResponse": "list_endpoint_workers_response",
    "ListEndpointsResponse": "list_endpoints_response",
    "ListGpuTypesResponse": "list_gpu_types_response",
    "ListNetworkVolumeBillingResponse": "list_network_volume_billing_response",
    "ListNetworkVolumesResponse": "list_network_volumes_response",
    "ListPodBillingResponse": "list_pod_billing_response",
    "ListPodsResponse": "list_pods_response",
    "ListRegistriesResponse": "list_registries_response",
    "ListServerlessBillingResponse": "list_serverless_billing_response",
    "ListTemplatesResponse": "list_templates_response",
    "LoadBalancingRequestUrls": "load_balancing_request_urls",
    "LogSource": "log_source",
    "Mounts": "mounts",
    "NetworkMount": "network_mount",
    "NetworkVolume": "network_volume",
    "NetworkVolumeBillingAmounts": "network_volume_billing_amounts",
    "NetworkVolumeBillingMetadata": "network_volume_billing_metadata",
    "NetworkVolumeBillingQuery": "network_volume_billing_query",
    "NetworkVolumeBillingRecord": "network_volume_billing_record",
    "PersistentMount": "persistent_mount",
    "Pod": "pod",
    "PodAction": "pod_action",
    "PodActionRequest": "pod_action_request",
    "PodBillingAmounts": "pod_billing_amounts",
    "PodBillingMetadata": "pod_billing_metadata",
    "PodBillingQuery": "pod_billing_query",
    "PodBillingRecord": "pod_billing_record",
    "PodCluster": "pod_cluster",
    "PodClusterRole": "pod_cluster_role",
    "PodGlobalNetworking": "pod_global_networking",
    "PodGpuUtilization": "pod_gpu_utilization",
    "PodRuntime": "pod_runtime",
    "PodRuntimePort": "pod_runtime_port",
    "PodSsh": "pod_ssh",
    "PodSshEndpoint": "pod_ssh_endpoint",
    "PodStatus": "pod_status",
    "Product": "product",
    "QueueBasedRequestUrls": "queue_based_request_urls",
    "QueueDelayScaling": "queue_delay_scaling",
    "QueueDelayScalingType": "queue_delay_scaling_type",
    "RateLimitHeader": "rate_limit_header",
    "RateLimitPolicyHeader": "rate_limit_policy_header",
    "Registry": "registry",
    "Release": "release",
    "ReleaseDiffEntry": "release_diff_entry",
    "ReleaseSource": "release_source",
    "RequestCountScaling": "request_count_scaling",
    "RequestCountScalingType": "request_count_scaling_type",
    "RolloutSummary": "rollout_summary",
    "ServerlessBillingAmounts": "serverless_billing_amounts",
    "ServerlessBillingMetadata": "serverless_billing_metadata",
    "ServerlessBillingQuery": "serverless_billing_query",
    "ServerlessBillingRecord": "serverless_billing_record",
    "SshKeys": "ssh_keys",
    "Template": "template",
    "TemplateCategory": "template_category",
    "TemplateMounts": "template_mounts",
    "UpdateClusterRequest": "update_cluster_request",
    "UpdateEndpointGpuConfig": "update_endpoint_gpu_config",
    "UpdateEndpointRequest": "update_endpoint_request",
    "UpdateNetworkVolumeRequest": "update_network_volume_request",
    "UpdatePodRequest": "update_pod_request",
    "UpdateSshKeysRequest": "update_ssh_keys_request",
    "UpdateSshKeysRequestKey": "update_ssh_keys_request_key",
    "UpdateTemplateRequest": "update_template_request",
    "Utilization": "utilization",
    "VolumeType": "volume_type",
    "Worker": "worker",
    "WorkerStatus": "worker_status",
    "WorkerSummary": "worker_summary",
    "Workers": "workers",
}

__all__ = sorted(_MODULES)


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
