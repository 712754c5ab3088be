# generated — do not edit: run `make generate` (scripts/generate_rest.py)
"""Runpod REST API 2.0.0: one typed async method per operation of openapi.json.

``RestClient(sender)`` where the sender is the transport (``runpod_gql`` gives one). Models are
imported on first use, so importing this module stays cheap.
"""

from __future__ import annotations

import datetime
from collections.abc import AsyncIterator, Sequence
from typing import TYPE_CHECKING, Literal

from ._runtime import Event, Sender, query, segment
from ._runtime import body as encode

if TYPE_CHECKING:
    from .models import (
        BillingBucketSize,
        CatalogInclude,
        Cluster,
        Compliance,
        CpuProduct,
        CpuType,
        CreateClusterRequest,
        CreateDelegationRequest,
        CreateEndpointRequest,
        CreateNetworkVolumeRequest,
        CreatePodRequest,
        CreateRegistryRequest,
        CreateTemplateRequest,
        DataCenter,
        DataCenterInclude,
        DataCenterRegion,
        EcrDelegation,
        Endpoint,
        GpuCloudFilter,
        GpuType,
        ListBillingResponse,
        ListClusterBillingResponse,
        ListEndpointBillingResponse,
        ListEndpointReleasesResponse,
        ListEndpointWorkersResponse,
        ListNetworkVolumeBillingResponse,
        ListPodBillingResponse,
        ListServerlessBillingResponse,
        LogSource,
        NetworkVolume,
        Pod,
        PodActionRequest,
        Product,
        Registry,
        SshKeys,
        Template,
        UpdateClusterRequest,
        UpdateEndpointRequest,
        UpdateNetworkVolumeRequest,
        UpdatePodRequest,
        UpdateSshKeysRequest,
        UpdateTemplateRequest,
        VolumeType,
    )

__all__ = ["OPERATIONS", "RestClient"]

# operationId -> (method, path template, RestClient method)
OPERATIONS: dict[str, tuple[str, str, str]] = {
    "getSshKeys": ("GET", "/v2/account/ssh-keys", "get_ssh_keys"),
    "updateSshKeys": ("PUT", "/v2/account/ssh-keys", "update_ssh_keys"),
    "listPods": ("GET", "/v2/pods", "list_pods"),
    "createPod": ("POST", "/v2/pods", "create_pod"),
    "getPod": ("GET", "/v2/pods/{id}", "get_pod"),
    "updatePod": ("PATCH", "/v2/pods/{id}", "update_pod"),
    "deletePod": ("DELETE", "/v2/pods/{id}", "delete_pod"),
    "getPodLogs": ("GET", "/v2/pods/{id}/logs", "get_pod_logs"),
    "podAction": ("POST", "/v2/pods/{id}/action", "pod_action"),
    "listClusters": ("GET", "/v2/clusters", "list_clusters"),
    "createCluster": ("POST", "/v2/clusters", "create_cluster"),
    "getCluster": ("GET", "/v2/clusters/{id}", "get_cluster"),
    "updateCluster": ("PATCH", "/v2/clusters/{id}", "update_cluster"),
    "deleteCluster": ("DELETE", "/v2/clusters/{id}", "delete_cluster"),
    "listClusterPods": ("GET", "/v2/clusters/{id}/pods", "list_cluster_pods"),
    "listEndpoints": ("GET", "/v2/serverless", "list_endpoints"),
    "createEndpoint": ("POST", "/v2/serverless", "create_endpoint"),
    "getEndpoint": ("GET", "/v2/serverless/{id}", "get_endpoint"),
    "updateEndpoint": ("PATCH", "/v2/serverless/{id}", "update_endpoint"),
    "deleteEndpoint": ("DELETE", "/v2/serverless/{id}", "delete_endpoint"),
    "listEndpointWorkers": ("GET", "/v2/serverless/{id}/workers", "list_endpoint_workers"),
    "listEndpointReleases": ("GET", "/v2/serverless/{id}/releases", "list_endpoint_releases"),
    "getWorkerLogs": ("GET", "/v2/serverless/{id}/workers/{workerId}/logs", "get_worker_logs"),
    "listTemplates": ("GET", "/v2/templates", "list_templates"),
    "createTemplate": ("POST", "/v2/templates", "create_template"),
    "getTemplate": ("GET", "/v2/templates/{id}", "get_template"),
    "updateTemplate": ("PATCH", "/v2/templates/{id}", "update_template"),
    "deleteTemplate": ("DELETE", "/v2/templates/{id}", "delete_template"),
    "listNetworkVolumes": ("GET", "/v2/network-volumes", "list_network_volumes"),
    "createNetworkVolume": ("POST", "/v2/network-volumes", "create_network_volume"),
    "getNetworkVolume": ("GET", "/v2/network-volumes/{id}", "get_network_volume"),
    "updateNetworkVolume": ("PATCH", "/v2/network-volumes/{id}", "update_network_volume"),
    "deleteNetworkVolume": ("DELETE", "/v2/network-volumes/{id}", "delete_network_volume"),
    "listRegistries": ("GET", "/v2/registries", "list_registries"),
    "createRegistry": ("POST", "/v2/registries", "create_registry"),
    "getRegistry": ("GET", "/v2/registries/{id}", "get_registry"),
    "deleteRegistry": ("DELETE", "/v2/registries/{id}", "delete_registry"),
    "listDelegations": ("GET", "/v2/registries/delegations", "list_delegations"),
    "createDelegation": ("POST", "/v2/registries/delegations", "create_delegation"),
    "revokeDelegation": ("DELETE", "/v2/registries/delegations/{id}", "revoke_delegation"),
    "listGpuTypes": ("GET", "/v2/catalog/gpus", "list_gpu_types"),
    "getGpuType": ("GET", "/v2/catalog/gpus/{id}", "get_gpu_type"),
    "listCpuTypes": ("GET", "/v2/catalog/cpus", "list_cpu_types"),
    "getCpuType": ("GET", "/v2/catalog/cpus/{id}", "get_cpu_type"),
    "listDataCenters": ("GET", "/v2/catalog/datacenters", "list_data_centers"),
    "getDataCenter": ("GET", "/v2/catalog/datacenters/{id}", "get_data_center"),
    "listPublicTemplates": ("GET", "/v2/catalog/templates", "list_public_templates"),
    "listBilling": ("GET", "/v2/billing", "list_billing"),
    "listPodBilling": ("GET", "/v2/billing/pods", "list_pod_billing"),
    "listServerlessBilling": ("GET", "/v2/billing/serverless", "list_serverless_billing"),
    "listEndpointBilling": ("GET", "/v2/billing/endpoints", "list_endpoint_billing"),
    "listNetworkVolumeBilling": (
        "GET",
        "/v2/billing/network-volumes",
        "list_network_volume_billing",
    ),
    "listClusterBilling": ("GET", "/v2/billing/clusters", "list_cluster_billing"),
}


class RestClient:
    """Every operation of the REST API, typed; requests go through the ``sender``."""

    def __init__(self, sender: Sender) -> None:
        self._sender = sender

    @property
    def sender(self) -> Sender:
        """The transport every operation sends through (for requests decoded another way)."""
        return self._sender

    async def get_ssh_keys(self) -> SshKeys:
        """List registered SSH public keys

        Returns the account's registered SSH public keys — the keys provisioned into pods created with `startSsh` and used to authenticate the SSH connections reported in a pod's `ssh` block.

        ``GET /v2/account/ssh-keys`` (operation ``getSshKeys``).
        Answers 200 SshKeys; documented errors: 401, 403, 429, default.
        """
        from .models.ssh_keys import SshKeys

        reply = await self._sender.send("GET", "/v2/account/ssh-keys", operation="getSshKeys")
        return self._sender.decode(reply, SshKeys, operation="getSshKeys")

    async def update_ssh_keys(self, body: UpdateSshKeysRequest) -> SshKeys:
        """Replace registered SSH public keys

        Replaces the account's full set of registered SSH public keys. Existing keys not present in the request are removed; send `[]` to remove all keys. Keys take effect for pods created afterwards with `startSsh` — running pods are not updated.

        ``PUT /v2/account/ssh-keys`` (operation ``updateSshKeys``).
        Answers 200 SshKeys; documented errors: 401, 403, 422, 429, default.
        """
        from .models.ssh_keys import SshKeys

        reply = await self._sender.send(
            "PUT", "/v2/account/ssh-keys", operation="updateSshKeys", body=encode(body)
        )
        return self._sender.decode(reply, SshKeys, operation="updateSshKeys")

    async def list_pods(self, *, include_cluster_pods: bool | None = None) -> list[Pod]:
        """List pods

        Returns pods owned by the authenticated user. Cluster member
        pods are excluded by default; set `includeClusterPods=true` to include
        them (each carries a non-null `cluster` membership block).

        ``GET /v2/pods`` (operation ``listPods``).
        Answers 200 ListPodsResponse; documented errors: 401, 403, 429, default.

        Parameters:
            include_cluster_pods (``includeClusterPods``, query): Include cluster member pods in the result. Defaults to false.
        """
        from .models.list_pods_response import ListPodsResponse

        reply = await self._sender.send(
            "GET",
            "/v2/pods",
            operation="listPods",
            params=query(includeClusterPods=include_cluster_pods),
        )
        return self._sender.decode(reply, ListPodsResponse, operation="listPods").pods

    async def create_pod(self, body: CreatePodRequest) -> Pod:
        """Create a pod

        Creates a new pod. `name` is always required; supply exactly one of
        `gpu` or `cpu` to select compute (a GPU or a CPU pod). Container
        settings come from the body, from a template referenced by
        `templateId` (body fields override the template's), or both; `image`
        is required unless `templateId` is set. See `CreatePodRequest` for
        the full body.

        Returns `201` with the created pod. Provisioning is asynchronous: the
        pod starts in `PROVISIONING`, transitions through `STARTING`, and
        reaches `RUNNING` once its container is healthy. Poll `getPod` (or
        watch the pod's `status`) to observe readiness rather than assuming
        the pod is running when this call returns.

        ## Checking what you can deploy

        This endpoint places one specific GPU type. It does not search for
        capacity, and it does not fall back to a different GPU. To find out
        what is deployable before you call it, read the catalog:

        - [List GPU types](https://docs.runpod.io/api-reference-v2/catalog/list-gpu-types)
          — GPU types with pricing, per-cloud ceilings, and, with
          `include=AVAILABILITY&product=POD`, current pod stock.
        - [List data centers](https://docs.runpod.io/api-reference-v2/catalog/list-data-centers)
          — locations, with `include=GPU_AVAILABILITY` for stock per data
          center.

        Both accept filters that combine, so you can narrow by location and by
        compute in one request — for example
        `GET /v2/catalog/datacenters?regions=EUROPE&include=GPU_AVAILABILITY`
        returns only European data centers, each carrying the GPU types
        currently available there.

        ## Deploying under region and GPU constraints

        If you need a particular GPU in a particular geography, the working
        pattern is read-then-create: narrow the catalog to an acceptable
        (data center, GPU) set, then call this endpoint once per candidate in
        your order of preference until one returns `201`. The runnable sample
        alongside this operation does exactly that.

        Availability can change between the catalog read and the create call,
        so treat the catalog as a way to order your candidates, not as a
        reservation — a create can still fail for capacity on a GPU the
        catalog just reported as available.

        Which failures are worth retrying:

        | Status | Meaning | Do |
        | --- | --- | --- |
        | `422` | The body does not match the contract. `errors` lists each violation. | Fix the request. Never retry. |
        | `400` | The body matches the contract but was rejected — either it breaks a cross-field rule, or this GPU and data center combination could not be placed. | Try your next candidate. |
        | `402` | Insufficient balance. | Stop; no candidate will succeed. |
        | `403` | Your account cannot access the requested pool. | Skip this candidate, keep going. |
        | `429` | Rate limited. | Back off using `Retry-After`, then resume. |
        | `5xx` | Transient upstream failure. | Retry the same candidate with backoff. |

        `400` covers both "your request breaks a rule" and "no capacity",
        because capacity exhaustion currently carries no machine-readable code
        of its own — only a human-readable `detail`. A rule violation is
        deterministic, so it fails identically on every candidate: if *every*
        candidate returns `400`, read the last `detail` as a problem with the
        request rather than as absent capacity.

        ``POST /v2/pods`` (operation ``createPod``).
        Answers 201 Pod; documented errors: 400, 401, 403, 404, 422, 429, default.
        """
        from .models.pod import Pod

        reply = await self._sender.send(
            "POST", "/v2/pods", operation="createPod", body=encode(body)
        )
        return self._sender.decode(reply, Pod, operation="createPod")

    async def get_pod(self, id: str) -> Pod:
        """Get a pod

        Returns a single pod by ID.

        ``GET /v2/pods/{id}`` (operation ``getPod``).
        Answers 200 Pod; documented errors: 401, 403, 404, 429, default.

        Parameters:
            id (``id``, path): Pod identifier
        """
        from .models.pod import Pod

        reply = await self._sender.send("GET", f"/v2/pods/{segment(id)}", operation="getPod")
        return self._sender.decode(reply, Pod, operation="getPod")

    async def update_pod(self, id: str, body: UpdatePodRequest) -> Pod:
        """Update a pod

        Partially updates a pod's configuration. This is a PATCH: only the
        fields present in the body are changed, and omitted fields are left
        untouched. Use empty values only when you explicitly mean to clear a
        field (for example, set `registry` to `null` or set `ports` to `[]`).
        See `UpdatePodRequest` for the full body.

        Mutable fields: `name`, `image`, `args`, `disk`, `ports`, `env`,
        `registry`, `mounts`, `locked`, and `globalNetworking`. Some changes
        apply immediately while others (e.g. `globalNetworking`) take effect
        on the pod's next start/restart, as noted on the individual fields.

        Pods that belong to a Cluster cannot be updated here — manage them
        through `/v2/clusters/{id}`.

        Returns `200` with the full updated pod.

        ``PATCH /v2/pods/{id}`` (operation ``updatePod``).
        Answers 200 Pod; documented errors: 400, 401, 403, 404, 409, 422, 429, default.

        Parameters:
            id (``id``, path): Pod identifier
        """
        from .models.pod import Pod

        reply = await self._sender.send(
            "PATCH", f"/v2/pods/{segment(id)}", operation="updatePod", body=encode(body)
        )
        return self._sender.decode(reply, Pod, operation="updatePod")

    async def delete_pod(self, id: str) -> None:
        """Terminate a pod

        Permanently terminates and deletes a pod. This is irreversible:
        compute is released, any `mounts.persistent` host-local storage is
        destroyed with it (a `mounts.network` volume is only detached — the
        volume itself is not deleted), and the pod no longer appears in
        `listPods`.

        Pods that belong to a Cluster cannot be terminated here — delete the
        cluster via `DELETE /v2/clusters/{id}`.

        ``DELETE /v2/pods/{id}`` (operation ``deletePod``).
        Answers 204 no body; documented errors: 401, 403, 404, 409, 429, default.

        Parameters:
            id (``id``, path): Pod identifier
        """
        reply = await self._sender.send("DELETE", f"/v2/pods/{segment(id)}", operation="deletePod")

    def get_pod_logs(
        self,
        id: str,
        *,
        source: LogSource | Literal["container", "system"] | None = None,
        tail: int | None = None,
        since: datetime.datetime | str | None = None,
        last_event_id: str | None = None,
    ) -> AsyncIterator[Event]:
        """Stream pod logs

        Streams pod logs as Server-Sent Events. The `source` query parameter
        selects which log source to include.

        The SSE `data` payload shape is:
        `{ "source": "container", "line": "...", "ts": "..." }`.
        Log-event `id` values are the event `ts` timestamp so
        browser/EventSource reconnects can resume with `Last-Event-ID`.

        ``GET /v2/pods/{id}/logs`` (operation ``getPodLogs``).
        Answers 200 event stream; documented errors: 401, 403, 404, 429, default.

        Parameters:
            id (``id``, path): Pod identifier
            source (``source``, query): Log source to stream. Omit to include both container and system logs.
            tail (``tail``, query): Number of historical lines to backfill before streaming. Defaults to 100 when omitted; set `0` to stream live with no backfill. Maximum 5000. Ignored when `since` or `Last-Event-ID` is provided — the resume cursor drives the backfill instead.
            since (``since``, query): RFC3339 timestamp to resume from. Ignored when `Last-Event-ID` is provided. When set, the stream resumes from this point and `tail` is ignored.
            last_event_id (``Last-Event-ID``, header): SSE reconnect cursor — a timestamp emitted by this endpoint. Takes precedence over `since` and `tail`: when present, the stream resumes from this point. Sent automatically by EventSource on reconnect.
        """
        return self._sender.events(
            f"/v2/pods/{segment(id)}/logs",
            operation="getPodLogs",
            params=query(source=source, tail=tail, since=since),
            last_event_id=last_event_id,
        )

    async def pod_action(self, id: str, body: PodActionRequest) -> Pod | None:
        """Trigger a pod state transition

        Triggers a state transition on a pod. Send a JSON body with a single
        `action` field, e.g. `{ "action": "stop" }`.

        Valid actions:
        - `start`     — boot a stopped pod (`EXITED` or `ERROR`) back toward
          `RUNNING`.
        - `stop`      — stop a running or provisioning pod, releasing GPU/CPU
          compute while keeping its disk. The pod moves to `EXITED`.
        - `restart`   — restart a `RUNNING` pod's container in place.
        - `terminate` — permanently delete the pod and release its resources
          (equivalent to `deletePod`).

        Which actions are valid depends on the pod's current status, and the
        currently permitted set is published in the pod's `actions` field:
        `RUNNING` allows `stop`/`restart`/`terminate`; `EXITED` and `ERROR`
        allow `start`/`terminate`; `PROVISIONING` and `STARTING` allow
        `stop`/`terminate`.

        `start`, `stop`, and `restart` return `200` with the updated pod.
        `terminate` returns `204` with no body. Requesting an action that is
        not valid for the pod's current status returns `409`.

        ``POST /v2/pods/{id}/action`` (operation ``podAction``).
        Answers 200 Pod, 204 no body; documented errors: 400, 401, 403, 404, 409, 422, 429, default.
        """
        from .models.pod import Pod

        reply = await self._sender.send(
            "POST", f"/v2/pods/{segment(id)}/action", operation="podAction", body=encode(body)
        )
        if reply.status_code == 204:
            return None
        return self._sender.decode(reply, Pod, operation="podAction")

    async def list_clusters(self) -> list[Cluster]:
        """List clusters

        Returns all clusters owned by the authenticated user.

        ``GET /v2/clusters`` (operation ``listClusters``).
        Answers 200 ListClustersResponse; documented errors: 401, 403, 429, default.
        """
        from .models.list_clusters_response import ListClustersResponse

        reply = await self._sender.send("GET", "/v2/clusters", operation="listClusters")
        return self._sender.decode(reply, ListClustersResponse, operation="listClusters").clusters

    async def create_cluster(self, body: CreateClusterRequest) -> Cluster:
        """Create a cluster

        Creates a multi-node cluster. `compute` sets the homogeneous
        pod shape; the container configuration applies to every pod and can be spread
        from a template response.

        ``POST /v2/clusters`` (operation ``createCluster``).
        Answers 201 Cluster; documented errors: 400, 401, 403, 422, 429, default.
        """
        from .models.cluster import Cluster

        reply = await self._sender.send(
            "POST", "/v2/clusters", operation="createCluster", body=encode(body)
        )
        return self._sender.decode(reply, Cluster, operation="createCluster")

    async def get_cluster(self, id: str) -> Cluster:
        """Get a cluster

        Returns a single cluster by ID. The pods field is an aggregate summary (total + count by status); fetch the member pods themselves from /v2/clusters/{id}/pods.

        ``GET /v2/clusters/{id}`` (operation ``getCluster``).
        Answers 200 Cluster; documented errors: 401, 403, 404, 429, default.

        Parameters:
            id (``id``, path): Cluster identifier
        """
        from .models.cluster import Cluster

        reply = await self._sender.send(
            "GET", f"/v2/clusters/{segment(id)}", operation="getCluster"
        )
        return self._sender.decode(reply, Cluster, operation="getCluster")

    async def update_cluster(self, id: str, body: UpdateClusterRequest) -> Cluster:
        """Rename a cluster

        Renames a cluster. This endpoint only changes the cluster
        name — compute shape, type, and container configuration are fixed at
        creation and cannot be updated.

        ``PATCH /v2/clusters/{id}`` (operation ``updateCluster``).
        Answers 200 Cluster; documented errors: 400, 401, 403, 404, 422, 429, default.

        Parameters:
            id (``id``, path): Cluster identifier
        """
        from .models.cluster import Cluster

        reply = await self._sender.send(
            "PATCH", f"/v2/clusters/{segment(id)}", operation="updateCluster", body=encode(body)
        )
        return self._sender.decode(reply, Cluster, operation="updateCluster")

    async def delete_cluster(self, id: str) -> None:
        """Delete a cluster

        Permanently deletes a cluster and terminates all of its member pods.

        ``DELETE /v2/clusters/{id}`` (operation ``deleteCluster``).
        Answers 204 no body; documented errors: 401, 403, 404, 429, default.

        Parameters:
            id (``id``, path): Cluster identifier
        """
        reply = await self._sender.send(
            "DELETE", f"/v2/clusters/{segment(id)}", operation="deleteCluster"
        )

    async def list_cluster_pods(self, id: str) -> list[Pod]:
        """List a cluster's pods

        Returns the full member pods of a cluster. The cluster summary (`GET /v2/clusters/{id}`) carries only aggregate pod counts; this endpoint returns each member as a complete Pod object.

        ``GET /v2/clusters/{id}/pods`` (operation ``listClusterPods``).
        Answers 200 ListPodsResponse; documented errors: 401, 403, 404, 429, default.

        Parameters:
            id (``id``, path): Cluster identifier
        """
        from .models.list_pods_response import ListPodsResponse

        reply = await self._sender.send(
            "GET", f"/v2/clusters/{segment(id)}/pods", operation="listClusterPods"
        )
        return self._sender.decode(reply, ListPodsResponse, operation="listClusterPods").pods

    async def list_endpoints(self) -> list[Endpoint]:
        """List serverless endpoints

        Returns all serverless endpoints owned by the authenticated user.

        ``GET /v2/serverless`` (operation ``listEndpoints``).
        Answers 200 ListEndpointsResponse; documented errors: 401, 403, 429, default.
        """
        from .models.list_endpoints_response import ListEndpointsResponse

        reply = await self._sender.send("GET", "/v2/serverless", operation="listEndpoints")
        return self._sender.decode(
            reply, ListEndpointsResponse, operation="listEndpoints"
        ).endpoints

    async def create_endpoint(self, body: CreateEndpointRequest) -> Endpoint:
        """Create a serverless endpoint

        Creates a serverless endpoint. Callers specify exactly one of `gpu` or
        `cpu`; neither or both returns 400. Container settings come from the
        body, from a serverless template referenced by `templateId` (body
        fields override the template's), or both; `image` is required unless
        `templateId` is set. See `CreateEndpointRequest` for the full body.

        The CUDA constraints live on `gpu` — `gpu.allowedCudaVersions` and
        `gpu.minCudaVersion` — so a CPU create cannot express them and the
        schema rejects the attempt with a 422. A non-empty set and a floor are
        mutually exclusive (400 if both are sent); an explicit empty set states
        no constraint and may accompany a floor.

        Returns `201` with the created endpoint. The endpoint can accept jobs
        immediately, but starts with no active workers unless `workers.min`
        is greater than 0. Workers are provisioned on demand and autoscaled
        between `workers.min` and `workers.max` according to the `scaling`
        policy, so the first request to an idle endpoint may incur cold-start
        latency while a worker pulls its image and boots.

        ## Checking what you can deploy

        `gpu.pools` takes serverless GPU **pool** IDs, not the GPU type IDs
        used for pods. `gpu.excludedTypes` takes the type IDs — it subtracts
        specific cards from the pools you picked. Read both from the catalog
        before you create:

        - [List GPU types](https://docs.runpod.io/api-reference-v2/catalog/list-gpu-types)
          — the `pool` field carries the pool ID for each GPU type (`null`
          means that type is not in a serverless pool). Add
          `include=AVAILABILITY&product=SERVERLESS` for current serverless
          stock.
        - [List data centers](https://docs.runpod.io/api-reference-v2/catalog/list-data-centers)
          — locations to constrain with `dataCenterIds`, with
          `include=GPU_AVAILABILITY` for stock per data center.

        Unlike pod creation, you do not need to retry across GPUs yourself:
        list every pool you are willing to run on and workers are placed on
        whichever one has capacity. Listing more pools — and leaving
        `dataCenterIds` unset — gives the scheduler more room and reduces the
        chance of workers failing to start when a single pool is exhausted.

        If your workload needs a specific card, pick the pool that holds it and
        exclude the rest of that pool with `gpu.excludedTypes`. Keep at least
        one type in the selection — upstream rejects a selection that leaves
        none.

        ``POST /v2/serverless`` (operation ``createEndpoint``).
        Answers 201 Endpoint; documented errors: 400, 401, 403, 404, 422, 429, default.
        """
        from .models.endpoint import Endpoint

        reply = await self._sender.send(
            "POST", "/v2/serverless", operation="createEndpoint", body=encode(body)
        )
        return self._sender.decode(reply, Endpoint, operation="createEndpoint")

    async def get_endpoint(self, id: str) -> Endpoint:
        """Get a serverless endpoint

        Returns a single serverless endpoint by ID.

        ``GET /v2/serverless/{id}`` (operation ``getEndpoint``).
        Answers 200 Endpoint; documented errors: 401, 403, 404, 429, default.

        Parameters:
            id (``id``, path): Serverless endpoint identifier
        """
        from .models.endpoint import Endpoint

        reply = await self._sender.send(
            "GET", f"/v2/serverless/{segment(id)}", operation="getEndpoint"
        )
        return self._sender.decode(reply, Endpoint, operation="getEndpoint")

    async def update_endpoint(self, id: str, body: UpdateEndpointRequest) -> Endpoint:
        """Update a serverless endpoint

        Partially updates a serverless endpoint. This is a PATCH: only the
        fields present in the body are changed; omitted fields are left
        untouched. See `UpdateEndpointRequest` for the full body.

        Mutable fields: `name`, `gpu`, `cpu`, `workers` (`min`/`max`),
        `scaling` (`type`/`value`/`idleTimeout`), `dataCenterIds`,
        `networkVolumes`, `timeout`, `flashboot`, and the container settings
        (`image`, `args`, `disk`, `ports`, `env`, `registry`).

        Omitted compute preserves the current selection. `cpu` completely
        replaces a CPU endpoint's selection; compute family is immutable.
        `gpu` on CPU, `cpu` on GPU, or both fields returns 400.

        Returns `200` with the full updated endpoint. Effect timing differs
        by field: scaling and worker-bound settings (`workers`, `scaling`,
        `timeout`) are applied to the autoscaler promptly, while
        container-affecting changes (e.g. `image`, `env`) create a new
        endpoint release that rolls out as workers cycle — in-flight workers
        keep the previous version until they are replaced. Track rollout via
        `listEndpointReleases`.

        ``PATCH /v2/serverless/{id}`` (operation ``updateEndpoint``).
        Answers 200 Endpoint; documented errors: 400, 401, 403, 404, 422, 429, default.

        Parameters:
            id (``id``, path): Serverless endpoint identifier
        """
        from .models.endpoint import Endpoint

        reply = await self._sender.send(
            "PATCH", f"/v2/serverless/{segment(id)}", operation="updateEndpoint", body=encode(body)
        )
        return self._sender.decode(reply, Endpoint, operation="updateEndpoint")

    async def delete_endpoint(self, id: str) -> None:
        """Delete a serverless endpoint

        Permanently deletes a serverless endpoint and its bound template.
        This is irreversible: all workers are terminated and any queued or
        in-progress jobs are cancelled.

        ``DELETE /v2/serverless/{id}`` (operation ``deleteEndpoint``).
        Answers 204 no body; documented errors: 401, 403, 404, 429, default.

        Parameters:
            id (``id``, path): Serverless endpoint identifier
        """
        reply = await self._sender.send(
            "DELETE", f"/v2/serverless/{segment(id)}", operation="deleteEndpoint"
        )

    async def list_endpoint_workers(self, id: str) -> ListEndpointWorkersResponse:
        """List serverless endpoint workers

        Lists the active workers for a serverless endpoint.

        **Returns.** A `200` with a `ListEndpointWorkersResponse`: a
        `workers` array (one entry per active worker, each carrying its `id`,
        `status`, and runtime details) plus a `summary` of worker counts
        grouped by status. Only currently active workers are included;
        scaled-down workers are not returned.

        **How `status` is determined.** Each worker's `status` is derived by
        reconciling the worker pod's lifecycle status with the endpoint's
        live job-queue view (which workers are actively serving requests).
        When the job-queue view is unavailable, the response degrades
        gracefully: the shape is unchanged, but each `status` and the summary
        counts fall back to pod lifecycle alone.

        ``GET /v2/serverless/{id}/workers`` (operation ``listEndpointWorkers``).
        Answers 200 ListEndpointWorkersResponse; documented errors: 401, 403, 404, 429, default.

        Parameters:
            id (``id``, path): Serverless endpoint identifier
        """
        from .models.list_endpoint_workers_response import ListEndpointWorkersResponse

        reply = await self._sender.send(
            "GET", f"/v2/serverless/{segment(id)}/workers", operation="listEndpointWorkers"
        )
        return self._sender.decode(
            reply, ListEndpointWorkersResponse, operation="listEndpointWorkers"
        )

    async def list_endpoint_releases(self, id: str) -> ListEndpointReleasesResponse:
        """List serverless endpoint releases

        Returns the endpoint's release history (newest first) plus a rollout
        summary of how many workers are running the current version. Each
        release is a versioned configuration snapshot with a `diff` of what
        changed; build-driven releases carry a `buildId` (fetch build detail via
        the builds sub-routes).

        ``GET /v2/serverless/{id}/releases`` (operation ``listEndpointReleases``).
        Answers 200 ListEndpointReleasesResponse; documented errors: 401, 403, 404, 429, default.

        Parameters:
            id (``id``, path): Serverless endpoint identifier
        """
        from .models.list_endpoint_releases_response import ListEndpointReleasesResponse

        reply = await self._sender.send(
            "GET", f"/v2/serverless/{segment(id)}/releases", operation="listEndpointReleases"
        )
        return self._sender.decode(
            reply, ListEndpointReleasesResponse, operation="listEndpointReleases"
        )

    def get_worker_logs(
        self,
        id: str,
        worker_id: str,
        *,
        source: LogSource | Literal["container", "system"] | None = None,
        tail: int | None = None,
        since: datetime.datetime | str | None = None,
        last_event_id: str | None = None,
    ) -> AsyncIterator[Event]:
        """Stream serverless worker logs

        Streams a serverless worker's logs as Server-Sent Events. The `source`
        query parameter selects which log source to include.

        The SSE `data` payload shape is:
        `{ "source": "container", "line": "...", "ts": "..." }`.
        Log-event `id` values are the event `ts` timestamp so browser/EventSource
        reconnects can resume with `Last-Event-ID`.

        ``GET /v2/serverless/{id}/workers/{workerId}/logs`` (operation ``getWorkerLogs``).
        Answers 200 event stream; documented errors: 401, 403, 404, 429, default.

        Parameters:
            id (``id``, path): Serverless endpoint identifier
            worker_id (``workerId``, path): Worker identifier (from GET /v2/serverless/{id}/workers)
            source (``source``, query): Log source to stream. Omit to include both container and system logs.
            tail (``tail``, query): Number of historical lines to backfill before streaming. Defaults to 100 when omitted; set `0` to stream live with no backfill. Maximum 5000. Ignored when `since` or `Last-Event-ID` is provided — the resume cursor drives the backfill instead.
            since (``since``, query): RFC3339 timestamp to resume from. Ignored when `Last-Event-ID` is provided. When set, the stream resumes from this point and `tail` is ignored.
            last_event_id (``Last-Event-ID``, header): SSE reconnect cursor — a timestamp emitted by this endpoint. Takes precedence over `since` and `tail`: when present, the stream resumes from this point. Sent automatically by EventSource on reconnect.
        """
        return self._sender.events(
            f"/v2/serverless/{segment(id)}/workers/{segment(worker_id)}/logs",
            operation="getWorkerLogs",
            params=query(source=source, tail=tail, since=since),
            last_event_id=last_event_id,
        )

    async def list_templates(self) -> list[Template]:
        """List templates

        Returns all templates owned by the authenticated user.

        ``GET /v2/templates`` (operation ``listTemplates``).
        Answers 200 ListTemplatesResponse; documented errors: 401, 403, 429, default.
        """
        from .models.list_templates_response import ListTemplatesResponse

        reply = await self._sender.send("GET", "/v2/templates", operation="listTemplates")
        return self._sender.decode(
            reply, ListTemplatesResponse, operation="listTemplates"
        ).templates

    async def create_template(self, body: CreateTemplateRequest) -> Template:
        """Create a template

        Creates a reusable container-configuration preset — image, disk,
        ports, env, registry, and mount settings — for pods and serverless
        endpoints. Pass its ID as `templateId` to `createPod` or
        `createEndpoint`, or spread its fields into the request body
        directly. Returns the created template.

        ``POST /v2/templates`` (operation ``createTemplate``).
        Answers 201 Template; documented errors: 400, 401, 403, 422, 429, default.
        """
        from .models.template import Template

        reply = await self._sender.send(
            "POST", "/v2/templates", operation="createTemplate", body=encode(body)
        )
        return self._sender.decode(reply, Template, operation="createTemplate")

    async def get_template(self, id: str) -> Template:
        """Get a template

        Returns the full configuration of a single template by ID. Serves
        both templates you own and public catalog templates — everything you
        can read. Updates and deletes remain restricted to templates you own.

        ``GET /v2/templates/{id}`` (operation ``getTemplate``).
        Answers 200 Template; documented errors: 401, 403, 404, 429, default.
        """
        from .models.template import Template

        reply = await self._sender.send(
            "GET", f"/v2/templates/{segment(id)}", operation="getTemplate"
        )
        return self._sender.decode(reply, Template, operation="getTemplate")

    async def update_template(self, id: str, body: UpdateTemplateRequest) -> Template:
        """Update a template

        Partially updates a template. This is a PATCH: only the fields
        present in the body are changed; omitted fields are left untouched.
        See `UpdateTemplateRequest` for the full body.

        Mutable fields: `name`, `image`, `args`, `disk`, `ports`, `env`,
        `registry`, `mounts`, `serverless`, `public`, and `category`.

        Only the template's owner can update it (authenticated via the
        request's API key); public catalog templates are readable via GET
        but return `404` here. Returns `200` with the full updated template. Pods and
        endpoints already created from this template are not changed
        retroactively — the template is a snapshot applied at creation time.

        ``PATCH /v2/templates/{id}`` (operation ``updateTemplate``).
        Answers 200 Template; documented errors: 400, 401, 403, 404, 422, 429, default.
        """
        from .models.template import Template

        reply = await self._sender.send(
            "PATCH", f"/v2/templates/{segment(id)}", operation="updateTemplate", body=encode(body)
        )
        return self._sender.decode(reply, Template, operation="updateTemplate")

    async def delete_template(self, id: str) -> None:
        """Delete a template

        Permanently deletes a template by ID. Only the template's owner can
        delete it — public catalog templates return `404` here. Rejected if
        the template is currently referenced by a pod (see that pod's
        `template` field) or bound to a serverless endpoint.

        ``DELETE /v2/templates/{id}`` (operation ``deleteTemplate``).
        Answers 204 no body; documented errors: 400, 401, 403, 404, 429, default.
        """
        reply = await self._sender.send(
            "DELETE", f"/v2/templates/{segment(id)}", operation="deleteTemplate"
        )

    async def list_network_volumes(self) -> list[NetworkVolume]:
        """List network volumes

        Returns all network volumes owned by the authenticated user.

        ``GET /v2/network-volumes`` (operation ``listNetworkVolumes``).
        Answers 200 ListNetworkVolumesResponse; documented errors: 401, 403, 429, default.
        """
        from .models.list_network_volumes_response import ListNetworkVolumesResponse

        reply = await self._sender.send(
            "GET", "/v2/network-volumes", operation="listNetworkVolumes"
        )
        return self._sender.decode(
            reply, ListNetworkVolumesResponse, operation="listNetworkVolumes"
        ).network_volumes

    async def create_network_volume(self, body: CreateNetworkVolumeRequest) -> NetworkVolume:
        """Create a network volume

        Provisions a new network volume — persistent, network-attached
        storage that can be mounted into pods and serverless workers.
        Required inputs are `name`, `size` (in GB), and `dataCenter`; an
        optional `type` selects the storage tier and is immutable after
        creation. See `CreateNetworkVolumeRequest` for the size bounds and
        tier options.

        This creates a billable persistent resource that keeps incurring
        storage charges until it is deleted. Returns `201` with the created
        network volume, including its assigned `id`.

        ``POST /v2/network-volumes`` (operation ``createNetworkVolume``).
        Answers 201 NetworkVolume; documented errors: 400, 401, 403, 422, 429, default.
        """
        from .models.network_volume import NetworkVolume

        reply = await self._sender.send(
            "POST", "/v2/network-volumes", operation="createNetworkVolume", body=encode(body)
        )
        return self._sender.decode(reply, NetworkVolume, operation="createNetworkVolume")

    async def get_network_volume(self, id: str) -> NetworkVolume:
        """Get a network volume

        Returns a single network volume by ID.

        ``GET /v2/network-volumes/{id}`` (operation ``getNetworkVolume``).
        Answers 200 NetworkVolume; documented errors: 401, 403, 404, 429, default.

        Parameters:
            id (``id``, path): Network volume identifier
        """
        from .models.network_volume import NetworkVolume

        reply = await self._sender.send(
            "GET", f"/v2/network-volumes/{segment(id)}", operation="getNetworkVolume"
        )
        return self._sender.decode(reply, NetworkVolume, operation="getNetworkVolume")

    async def update_network_volume(
        self, id: str, body: UpdateNetworkVolumeRequest
    ) -> NetworkVolume:
        """Update a network volume

        Updates mutable fields on a network volume. Only provided fields are changed.
        Note: `size` may only increase; attempts to reduce size will be rejected.

        ``PATCH /v2/network-volumes/{id}`` (operation ``updateNetworkVolume``).
        Answers 200 NetworkVolume; documented errors: 400, 401, 403, 404, 422, 429, default.

        Parameters:
            id (``id``, path): Network volume identifier
        """
        from .models.network_volume import NetworkVolume

        reply = await self._sender.send(
            "PATCH",
            f"/v2/network-volumes/{segment(id)}",
            operation="updateNetworkVolume",
            body=encode(body),
        )
        return self._sender.decode(reply, NetworkVolume, operation="updateNetworkVolume")

    async def delete_network_volume(self, id: str) -> None:
        """Delete a network volume

        Permanently deletes a network volume and releases its storage.

        ``DELETE /v2/network-volumes/{id}`` (operation ``deleteNetworkVolume``).
        Answers 204 no body; documented errors: 401, 403, 404, 429, default.

        Parameters:
            id (``id``, path): Network volume identifier
        """
        reply = await self._sender.send(
            "DELETE", f"/v2/network-volumes/{segment(id)}", operation="deleteNetworkVolume"
        )

    async def list_registries(self) -> list[Registry]:
        """List container registries

        Returns all container registry credentials owned by the authenticated user.

        ``GET /v2/registries`` (operation ``listRegistries``).
        Answers 200 ListRegistriesResponse; documented errors: 401, 403, 429, default.
        """
        from .models.list_registries_response import ListRegistriesResponse

        reply = await self._sender.send("GET", "/v2/registries", operation="listRegistries")
        return self._sender.decode(
            reply, ListRegistriesResponse, operation="listRegistries"
        ).registries

    async def create_registry(self, body: CreateRegistryRequest) -> Registry:
        """Create a container registry credential

        Stores credentials for a private container registry. Credentials are write-only.

        ``POST /v2/registries`` (operation ``createRegistry``).
        Answers 201 Registry; documented errors: 400, 401, 403, 422, 429, default.
        """
        from .models.registry import Registry

        reply = await self._sender.send(
            "POST", "/v2/registries", operation="createRegistry", body=encode(body)
        )
        return self._sender.decode(reply, Registry, operation="createRegistry")

    async def get_registry(self, id: str) -> Registry:
        """Get a container registry credential

        Returns a single container registry credential by ID. `username` and
        `password` are never included in the response — credentials are
        write-only, matching `createRegistry`.

        ``GET /v2/registries/{id}`` (operation ``getRegistry``).
        Answers 200 Registry; documented errors: 401, 403, 404, 429, default.
        """
        from .models.registry import Registry

        reply = await self._sender.send(
            "GET", f"/v2/registries/{segment(id)}", operation="getRegistry"
        )
        return self._sender.decode(reply, Registry, operation="getRegistry")

    async def delete_registry(self, id: str) -> None:
        """Delete a container registry credential

        Permanently deletes a container registry credential by ID. Rejected
        if any pod currently uses this credential to pull its image.
        Templates that reference it are not part of that check — they
        silently lose the reference (`registry` becomes null) instead of
        blocking the delete.

        ``DELETE /v2/registries/{id}`` (operation ``deleteRegistry``).
        Answers 204 no body; documented errors: 400, 401, 403, 404, 429, default.
        """
        reply = await self._sender.send(
            "DELETE", f"/v2/registries/{segment(id)}", operation="deleteRegistry"
        )

    async def list_delegations(self) -> list[EcrDelegation]:
        """List all ECR delegations

        ``GET /v2/registries/delegations`` (operation ``listDelegations``).
        Answers 200 ListDelegationsResponse; documented errors: 429, default.
        """
        from .models.list_delegations_response import ListDelegationsResponse

        reply = await self._sender.send(
            "GET", "/v2/registries/delegations", operation="listDelegations"
        )
        return self._sender.decode(
            reply, ListDelegationsResponse, operation="listDelegations"
        ).delegations

    async def create_delegation(self, body: CreateDelegationRequest) -> EcrDelegation:
        """Register an ECR delegation

        ``POST /v2/registries/delegations`` (operation ``createDelegation``).
        Answers 201 EcrDelegation; documented errors: 429, default.
        """
        from .models.ecr_delegation import EcrDelegation

        reply = await self._sender.send(
            "POST", "/v2/registries/delegations", operation="createDelegation", body=encode(body)
        )
        return self._sender.decode(reply, EcrDelegation, operation="createDelegation")

    async def revoke_delegation(self, id: str) -> None:
        """Revoke an ECR delegation

        ``DELETE /v2/registries/delegations/{id}`` (operation ``revokeDelegation``).
        Answers 204 no body; documented errors: 404, 429, default.
        """
        reply = await self._sender.send(
            "DELETE", f"/v2/registries/delegations/{segment(id)}", operation="revokeDelegation"
        )

    async def list_gpu_types(
        self,
        *,
        include: Sequence[CatalogInclude | Literal["AVAILABILITY"]] | None = None,
        product: Sequence[Product | Literal["POD", "CLUSTER", "SERVERLESS"]] | None = None,
        count: int | None = None,
        cloud: GpuCloudFilter | Literal["SECURE", "COMMUNITY"] | None = None,
        country_codes: Sequence[str] | None = None,
        cuda_versions: Sequence[str] | None = None,
        min_cuda_version: str | None = None,
    ) -> list[GpuType]:
        """List GPU types

        Returns available GPU types with pricing. Availability is included only when requested with include=AVAILABILITY, which requires `product` — stock differs by product context. With countryCodes, the list is narrowed to GPU types deployable in those countries, so "this geography + this chip" resolves in one read.

        ``GET /v2/catalog/gpus`` (operation ``listGpuTypes``).
        Answers 200 ListGpuTypesResponse; documented errors: 401, 403, 429, default.

        Parameters:
            include (``include``, query): Comma-separated optional expansions. Supported value today: AVAILABILITY. This may expand with more include values in the future.
            product (``product``, query): Comma-separated availability product contexts. Supported values: POD, CLUSTER, SERVERLESS. Required with include=AVAILABILITY, and valid only with it (400 either way). There is no default: the same GPU type can be scarce for pods and plentiful for serverless, so the context has to be stated rather than assumed.
            count (``count``, query): GPU count for availability and lowest-price calculations. Valid only with include=AVAILABILITY. Defaults to 1.
            cloud (``cloud``, query): Cloud type for availability and lowest-price calculations. Valid only with include=AVAILABILITY. Supported values: SECURE, COMMUNITY. Upstream default when omitted: SECURE.
            country_codes (``countryCodes``, query): Comma-separated ISO 3166-1 alpha-2 country codes, uppercase, to constrain availability to — e.g. FR or FR,DE. Values within this filter use OR semantics. Valid only with include=AVAILABILITY (400 otherwise); a malformed entry is a 422. Scopes availability, lowest-price calculations and the dataCenters array to those countries, so a listed data center outside them is omitted rather than returned with availability NONE. On the list endpoint a GPU type with no data center in those countries drops out entirely; the single-GPU endpoint still returns the requested type, with availability NONE and dataCenters omitted, so a 404 keeps meaning the GPU type does not exist. Read the NONE on availability rather than the absence of dataCenters, which is also absent when availability was not requested.
            cuda_versions (``cudaVersions``, query): Comma-separated CUDA versions to scope availability and lowest-price calculations to, matched exactly. Format: major.minor, e.g. 12.8 — a bare major is rejected here because it identifies no version. Valid only with include=AVAILABILITY (400 otherwise) and mutually exclusive with minCudaVersion (400 if both are sent); a malformed entry is a 422. Also narrows the returned cudaVersions array; omit it to enumerate every version offered.
            min_cuda_version (``minCudaVersion``, query): Lowest acceptable CUDA version to scope availability and lowest-price calculations to, compared numerically. Format: integer major or major.minor, e.g. 12 or 12.1 — unlike the `gpu.minCudaVersion` body field on pod and endpoint create, a bare major is accepted here and means any release of that major, because this filter only widens a read. Valid only with include=AVAILABILITY (400 otherwise) and mutually exclusive with cudaVersions (400 if both are sent); a malformed value is a 422. Use this for an open-ended floor and cudaVersions for an exact set.
        """
        from .models.list_gpu_types_response import ListGpuTypesResponse

        reply = await self._sender.send(
            "GET",
            "/v2/catalog/gpus",
            operation="listGpuTypes",
            params=query(
                include=include,
                product=product,
                count=count,
                cloud=cloud,
                countryCodes=country_codes,
                cudaVersions=cuda_versions,
                minCudaVersion=min_cuda_version,
            ),
        )
        return self._sender.decode(reply, ListGpuTypesResponse, operation="listGpuTypes").gpus

    async def get_gpu_type(
        self,
        id: str,
        *,
        include: Sequence[CatalogInclude | Literal["AVAILABILITY"]] | None = None,
        product: Sequence[Product | Literal["POD", "CLUSTER", "SERVERLESS"]] | None = None,
        count: int | None = None,
        cloud: GpuCloudFilter | Literal["SECURE", "COMMUNITY"] | None = None,
        country_codes: Sequence[str] | None = None,
        cuda_versions: Sequence[str] | None = None,
        min_cuda_version: str | None = None,
    ) -> GpuType:
        """Get a GPU type

        Returns a single GPU type with pricing. Availability details are included only when requested with include=AVAILABILITY, which requires `product` — stock differs by product context.

        ``GET /v2/catalog/gpus/{id}`` (operation ``getGpuType``).
        Answers 200 GpuType; documented errors: 401, 403, 404, 429, default.

        Parameters:
            include (``include``, query): Comma-separated optional expansions. Supported value today: AVAILABILITY. This may expand with more include values in the future.
            product (``product``, query): Comma-separated availability product contexts. Supported values: POD, CLUSTER, SERVERLESS. Required with include=AVAILABILITY, and valid only with it (400 either way). There is no default: the same GPU type can be scarce for pods and plentiful for serverless, so the context has to be stated rather than assumed.
            count (``count``, query): GPU count for availability and lowest-price calculations. Valid only with include=AVAILABILITY. Defaults to 1.
            cloud (``cloud``, query): Cloud type for availability and lowest-price calculations. Valid only with include=AVAILABILITY. Supported values: SECURE, COMMUNITY. Upstream default when omitted: SECURE.
            country_codes (``countryCodes``, query): Comma-separated ISO 3166-1 alpha-2 country codes, uppercase, to constrain availability to — e.g. FR or FR,DE. Values within this filter use OR semantics. Valid only with include=AVAILABILITY (400 otherwise); a malformed entry is a 422. Scopes availability, lowest-price calculations and the dataCenters array to those countries, so a listed data center outside them is omitted rather than returned with availability NONE. On the list endpoint a GPU type with no data center in those countries drops out entirely; the single-GPU endpoint still returns the requested type, with availability NONE and dataCenters omitted, so a 404 keeps meaning the GPU type does not exist. Read the NONE on availability rather than the absence of dataCenters, which is also absent when availability was not requested.
            cuda_versions (``cudaVersions``, query): Comma-separated CUDA versions to scope availability and lowest-price calculations to, matched exactly. Format: major.minor, e.g. 12.8 — a bare major is rejected here because it identifies no version. Valid only with include=AVAILABILITY (400 otherwise) and mutually exclusive with minCudaVersion (400 if both are sent); a malformed entry is a 422. Also narrows the returned cudaVersions array; omit it to enumerate every version offered.
            min_cuda_version (``minCudaVersion``, query): Lowest acceptable CUDA version to scope availability and lowest-price calculations to, compared numerically. Format: integer major or major.minor, e.g. 12 or 12.1 — unlike the `gpu.minCudaVersion` body field on pod and endpoint create, a bare major is accepted here and means any release of that major, because this filter only widens a read. Valid only with include=AVAILABILITY (400 otherwise) and mutually exclusive with cudaVersions (400 if both are sent); a malformed value is a 422. Use this for an open-ended floor and cudaVersions for an exact set.
        """
        from .models.gpu_type import GpuType

        reply = await self._sender.send(
            "GET",
            f"/v2/catalog/gpus/{segment(id)}",
            operation="getGpuType",
            params=query(
                include=include,
                product=product,
                count=count,
                cloud=cloud,
                countryCodes=country_codes,
                cudaVersions=cuda_versions,
                minCudaVersion=min_cuda_version,
            ),
        )
        return self._sender.decode(reply, GpuType, operation="getGpuType")

    async def list_cpu_types(
        self,
        *,
        include: Sequence[CatalogInclude | Literal["AVAILABILITY"]] | None = None,
        product: Sequence[CpuProduct | Literal["POD", "SERVERLESS"]] | None = None,
        vcpu_count: int | None = None,
    ) -> list[CpuType]:
        """List CPU types

        Returns available CPU flavors. Availability is included only when requested with include=AVAILABILITY, which requires `product` — stock differs by product context.

        ``GET /v2/catalog/cpus`` (operation ``listCpuTypes``).
        Answers 200 ListCpuTypesResponse; documented errors: 401, 403, 429, default.

        Parameters:
            include (``include``, query): Comma-separated optional expansions. Supported value today: AVAILABILITY. This may expand with more include values in the future.
            product (``product``, query): Comma-separated availability product contexts. Supported values for CPUs: POD, SERVERLESS. Required with include=AVAILABILITY, and valid only with it (400 either way). There is no default: availability differs by product.
            vcpu_count (``vcpuCount``, query): Availability vCPU count. Valid only with include=AVAILABILITY. Must be a power of two.
        """
        from .models.list_cpu_types_response import ListCpuTypesResponse

        reply = await self._sender.send(
            "GET",
            "/v2/catalog/cpus",
            operation="listCpuTypes",
            params=query(include=include, product=product, vcpuCount=vcpu_count),
        )
        return self._sender.decode(reply, ListCpuTypesResponse, operation="listCpuTypes").cpus

    async def get_cpu_type(
        self,
        id: str,
        *,
        include: Sequence[CatalogInclude | Literal["AVAILABILITY"]] | None = None,
        product: Sequence[CpuProduct | Literal["POD", "SERVERLESS"]] | None = None,
        vcpu_count: int | None = None,
    ) -> CpuType:
        """Get a CPU type

        Returns a single CPU type with pricing. Availability details are included only when requested with include=AVAILABILITY, which requires `product` — stock differs by product context.

        ``GET /v2/catalog/cpus/{id}`` (operation ``getCpuType``).
        Answers 200 CpuType; documented errors: 401, 403, 404, 429, default.

        Parameters:
            include (``include``, query): Comma-separated optional expansions. Supported value today: AVAILABILITY. This may expand with more include values in the future.
            product (``product``, query): Comma-separated availability product contexts. Supported values for CPUs: POD, SERVERLESS. Required with include=AVAILABILITY, and valid only with it (400 either way). There is no default: availability differs by product.
            vcpu_count (``vcpuCount``, query): Availability vCPU count. Valid only with include=AVAILABILITY. Must be a power of two.
        """
        from .models.cpu_type import CpuType

        reply = await self._sender.send(
            "GET",
            f"/v2/catalog/cpus/{segment(id)}",
            operation="getCpuType",
            params=query(include=include, product=product, vcpuCount=vcpu_count),
        )
        return self._sender.decode(reply, CpuType, operation="getCpuType")

    async def list_data_centers(
        self,
        *,
        include: Sequence[DataCenterInclude | Literal["GPU_AVAILABILITY", "CPU_AVAILABILITY"]]
        | None = None,
        regions: Sequence[
            DataCenterRegion
            | Literal[
                "NORTH_AMERICA",
                "SOUTH_AMERICA",
                "EUROPE",
                "ASIA",
                "MIDDLE_EAST",
                "AFRICA",
                "OCEANIA",
                "ANTARCTICA",
                "UNKNOWN",
            ]
        ]
        | None = None,
        network_volume_types: Sequence[VolumeType | Literal["STANDARD", "HIGH_PERFORMANCE"]]
        | None = None,
        compliance: Sequence[
            Compliance
            | Literal[
                "GDPR",
                "ISO_IEC_27001",
                "ISO_14001",
                "PCI_DSS",
                "HITRUST",
                "SOC_1_TYPE_2",
                "SOC_2_TYPE_2",
                "SOC_3_TYPE_2",
                "ITAR",
                "FISMA_HIGH",
                "HIPAA",
                "RENEWABLE",
            ]
        ]
        | None = None,
        global_network: bool | None = None,
    ) -> list[DataCenter]:
        """List data centers

        Returns available data center locations with region, compliance, supported network volume tiers, and global networking support. Use include=GPU_AVAILABILITY or include=CPU_AVAILABILITY to add per-resource availability arrays to each data center. The regions, networkVolumeTypes, compliance, and globalNetwork query parameters filter the list before it is returned.

        ``GET /v2/catalog/datacenters`` (operation ``listDataCenters``).
        Answers 200 ListDataCentersResponse; documented errors: 401, 403, 429, default.

        Parameters:
            include (``include``, query): Comma-separated optional expansions. Supported value: GPU_AVAILABILITY, CPU_AVAILABILITY.
            regions (``regions``, query): Comma-separated DataCenterRegion enum values. Values within this filter use OR semantics. Different filter families combine with AND.
            network_volume_types (``networkVolumeTypes``, query): Comma-separated volume types. Supported values: STANDARD, HIGH_PERFORMANCE. Values within this filter use AND semantics; volumes=STANDARD,HIGH_PERFORMANCE requires both storage types. Different filter families combine with AND.
            compliance (``compliance``, query): Comma-separated Compliance enum values. Values within this filter use AND semantics; compliance=GDPR,SOC_2_TYPE_2 requires both certifications. Different filter families combine with AND.
            global_network (``globalNetwork``, query): Filter by global networking support. true returns only data centers that support global networking; false only those that do not. Different filter families combine with AND.
        """
        from .models.list_data_centers_response import ListDataCentersResponse

        reply = await self._sender.send(
            "GET",
            "/v2/catalog/datacenters",
            operation="listDataCenters",
            params=query(
                include=include,
                regions=regions,
                networkVolumeTypes=network_volume_types,
                compliance=compliance,
                globalNetwork=global_network,
            ),
        )
        return self._sender.decode(
            reply, ListDataCentersResponse, operation="listDataCenters"
        ).data_centers

    async def get_data_center(
        self,
        id: str,
        *,
        include: Sequence[DataCenterInclude | Literal["GPU_AVAILABILITY", "CPU_AVAILABILITY"]]
        | None = None,
    ) -> DataCenter:
        """Get a data center

        Returns a single data center. Availability is included only when requested with include=GPU_AVAILABILITY or include=CPU_AVAILABILITY.

        ``GET /v2/catalog/datacenters/{id}`` (operation ``getDataCenter``).
        Answers 200 DataCenter; documented errors: 401, 403, 404, 429, default.

        Parameters:
            include (``include``, query): Comma-separated optional expansions. Supported value: GPU_AVAILABILITY, CPU_AVAILABILITY.
        """
        from .models.data_center import DataCenter

        reply = await self._sender.send(
            "GET",
            f"/v2/catalog/datacenters/{segment(id)}",
            operation="getDataCenter",
            params=query(include=include),
        )
        return self._sender.decode(reply, DataCenter, operation="getDataCenter")

    async def list_public_templates(
        self, *, source: Literal["official", "verified", "community"] | None = None
    ) -> list[Template]:
        """List public templates

        Returns the public template catalog. `source` selects which slice:
        `official` (the default) is Runpod-curated templates, `verified` is
        community templates Runpod has verified, and `community` is everything
        else other users have shared publicly. Both pod and serverless
        templates appear — use each entry's `serverless` flag to tell them
        apart. `registry` is always null for templates you don't own. Your own
        templates (public or private) are managed under `/v2/templates`; fetch
        any individual template — catalog or owned — via `/v2/templates/{id}`.

        At most 100 templates are returned. Pagination is not yet supported.

        ``GET /v2/catalog/templates`` (operation ``listPublicTemplates``).
        Answers 200 ListTemplatesResponse; documented errors: 401, 403, 429, default.

        Parameters:
            source (``source``, query): Which slice of the catalog to return: `official` for Runpod-curated templates (default), `verified` for Runpod-verified community templates, or `community` for all other publicly shared templates.
        """
        from .models.list_templates_response import ListTemplatesResponse

        reply = await self._sender.send(
            "GET",
            "/v2/catalog/templates",
            operation="listPublicTemplates",
            params=query(source=source),
        )
        return self._sender.decode(
            reply, ListTemplatesResponse, operation="listPublicTemplates"
        ).templates

    async def list_billing(
        self,
        *,
        start_time: datetime.datetime | str | None = None,
        end_time: datetime.datetime | str | None = None,
        bucket_size: BillingBucketSize
        | Literal["hour", "day", "week", "month", "year"]
        | None = None,
        last_n: int | None = None,
    ) -> ListBillingResponse:
        """Get aggregated billing history

        Returns time-bucketed total spend across all billable Runpod resources for the authenticated user. Use startTime/endTime with bucketSize for an explicit range, or lastN with bucketSize for the most recent buckets. Each record reports one bucket's total plus pod, serverless, storage, public endpoint, and Instant Cluster cost components. The metadata block echoes the resolved query window, record count, and totals across all returned buckets.

        ``GET /v2/billing`` (operation ``listBilling``).
        Answers 200 ListBillingResponse; documented errors: 401, 403, 429, default.

        Parameters:
            start_time (``startTime``, query): Start of the billing period (RFC 3339). Defaults to 30 days ago. Snapped down to the start of its bucketSize bucket so the window aligns with the returned records; provide a boundary-aligned value (e.g. midnight for bucketSize=day) to avoid widening.
            end_time (``endTime``, query): End of the billing period (RFC 3339), exclusive. Defaults to now. Snapped up to the end of the bucketSize bucket it lands in (unless already on a boundary) so the window aligns with the returned records.
            bucket_size (``bucketSize``, query): Length of each billing time bucket. Defaults to day.
            last_n (``lastN``, query): Return the last N buckets of bucketSize, ending with the current (in-progress) bucket — e.g. lastN=100 with bucketSize=day is "last 100 days". The resolved window is aligned to bucket boundaries: startTime is the start of the earliest bucket (e.g. midnight of the earliest day) and endTime is the end of the current bucket. Mutually exclusive with startTime/endTime; provide one or the other, not both.
        """
        from .models.list_billing_response import ListBillingResponse

        reply = await self._sender.send(
            "GET",
            "/v2/billing",
            operation="listBilling",
            params=query(
                startTime=start_time, endTime=end_time, bucketSize=bucket_size, lastN=last_n
            ),
        )
        return self._sender.decode(reply, ListBillingResponse, operation="listBilling")

    async def list_pod_billing(
        self,
        *,
        start_time: datetime.datetime | str | None = None,
        end_time: datetime.datetime | str | None = None,
        bucket_size: BillingBucketSize
        | Literal["hour", "day", "week", "month", "year"]
        | None = None,
        last_n: int | None = None,
        pod_id: str | None = None,
    ) -> ListPodBillingResponse:
        """Get pod billing history

        Returns pod-only billing detail for the authenticated user, split into time buckets by startTime/endTime with bucketSize or by lastN recent buckets. Use podId to narrow the response to one GPU or CPU pod; without it, records are emitted per pod per bucket. Each record includes podId, GPU, CPU, disk, and total amounts, while metadata echoes the resolved query and totals across the pod records. Use listBilling when you need aggregate spend across every billable resource family.

        ``GET /v2/billing/pods`` (operation ``listPodBilling``).
        Answers 200 ListPodBillingResponse; documented errors: 401, 403, 429, default.

        Parameters:
            start_time (``startTime``, query): Start of the billing period (RFC 3339). Defaults to 30 days ago. Snapped down to the start of its bucketSize bucket so the window aligns with the returned records; provide a boundary-aligned value (e.g. midnight for bucketSize=day) to avoid widening.
            end_time (``endTime``, query): End of the billing period (RFC 3339), exclusive. Defaults to now. Snapped up to the end of the bucketSize bucket it lands in (unless already on a boundary) so the window aligns with the returned records.
            bucket_size (``bucketSize``, query): Length of each billing time bucket. Defaults to day.
            last_n (``lastN``, query): Return the last N buckets of bucketSize, ending with the current (in-progress) bucket — e.g. lastN=100 with bucketSize=day is "last 100 days". The resolved window is aligned to bucket boundaries: startTime is the start of the earliest bucket (e.g. midnight of the earliest day) and endTime is the end of the current bucket. Mutually exclusive with startTime/endTime; provide one or the other, not both.
            pod_id (``podId``, query): Filter to a specific pod (GPU or CPU).
        """
        from .models.list_pod_billing_response import ListPodBillingResponse

        reply = await self._sender.send(
            "GET",
            "/v2/billing/pods",
            operation="listPodBilling",
            params=query(
                startTime=start_time,
                endTime=end_time,
                bucketSize=bucket_size,
                lastN=last_n,
                podId=pod_id,
            ),
        )
        return self._sender.decode(reply, ListPodBillingResponse, operation="listPodBilling")

    async def list_serverless_billing(
        self,
        *,
        start_time: datetime.datetime | str | None = None,
        end_time: datetime.datetime | str | None = None,
        bucket_size: BillingBucketSize
        | Literal["hour", "day", "week", "month", "year"]
        | None = None,
        last_n: int | None = None,
        serverless_id: str | None = None,
    ) -> ListServerlessBillingResponse:
        """Get serverless billing history

        Returns serverless endpoint billing detail for the authenticated user, split into time buckets by startTime/endTime with bucketSize or by lastN recent buckets. Use serverlessId to filter to one endpoint; without it, records are emitted per serverless endpoint per bucket. Each record reports endpoint-level GPU, CPU, disk, platform fee, and total amounts. This is distinct from pod billing, which covers standalone GPU and CPU pod costs rather than serverless endpoint workloads.

        ``GET /v2/billing/serverless`` (operation ``listServerlessBilling``).
        Answers 200 ListServerlessBillingResponse; documented errors: 401, 403, 429, default.

        Parameters:
            start_time (``startTime``, query): Start of the billing period (RFC 3339). Defaults to 30 days ago. Snapped down to the start of its bucketSize bucket so the window aligns with the returned records; provide a boundary-aligned value (e.g. midnight for bucketSize=day) to avoid widening.
            end_time (``endTime``, query): End of the billing period (RFC 3339), exclusive. Defaults to now. Snapped up to the end of the bucketSize bucket it lands in (unless already on a boundary) so the window aligns with the returned records.
            bucket_size (``bucketSize``, query): Length of each billing time bucket. Defaults to day.
            last_n (``lastN``, query): Return the last N buckets of bucketSize, ending with the current (in-progress) bucket — e.g. lastN=100 with bucketSize=day is "last 100 days". The resolved window is aligned to bucket boundaries: startTime is the start of the earliest bucket (e.g. midnight of the earliest day) and endTime is the end of the current bucket. Mutually exclusive with startTime/endTime; provide one or the other, not both.
            serverless_id (``serverlessId``, query): Filter to a specific serverless endpoint.
        """
        from .models.list_serverless_billing_response import ListServerlessBillingResponse

        reply = await self._sender.send(
            "GET",
            "/v2/billing/serverless",
            operation="listServerlessBilling",
            params=query(
                startTime=start_time,
                endTime=end_time,
                bucketSize=bucket_size,
                lastN=last_n,
                serverlessId=serverless_id,
            ),
        )
        return self._sender.decode(
            reply, ListServerlessBillingResponse, operation="listServerlessBilling"
        )

    async def list_endpoint_billing(
        self,
        *,
        start_time: datetime.datetime | str | None = None,
        end_time: datetime.datetime | str | None = None,
        bucket_size: BillingBucketSize
        | Literal["hour", "day", "week", "month", "year"]
        | None = None,
        last_n: int | None = None,
    ) -> ListEndpointBillingResponse:
        """Get public endpoint billing history

        Returns Runpod public endpoint billing history for the authenticated user, split into time buckets by startTime/endTime with bucketSize or by lastN recent buckets. Each record reports the endpoint total for one bucket, and metadata echoes the resolved query window, record count, and total endpoint amount across all returned records.

        ``GET /v2/billing/endpoints`` (operation ``listEndpointBilling``).
        Answers 200 ListEndpointBillingResponse; documented errors: 401, 403, 429, default.

        Parameters:
            start_time (``startTime``, query): Start of the billing period (RFC 3339). Defaults to 30 days ago. Snapped down to the start of its bucketSize bucket so the window aligns with the returned records; provide a boundary-aligned value (e.g. midnight for bucketSize=day) to avoid widening.
            end_time (``endTime``, query): End of the billing period (RFC 3339), exclusive. Defaults to now. Snapped up to the end of the bucketSize bucket it lands in (unless already on a boundary) so the window aligns with the returned records.
            bucket_size (``bucketSize``, query): Length of each billing time bucket. Defaults to day.
            last_n (``lastN``, query): Return the last N buckets of bucketSize, ending with the current (in-progress) bucket — e.g. lastN=100 with bucketSize=day is "last 100 days". The resolved window is aligned to bucket boundaries: startTime is the start of the earliest bucket (e.g. midnight of the earliest day) and endTime is the end of the current bucket. Mutually exclusive with startTime/endTime; provide one or the other, not both.
        """
        from .models.list_endpoint_billing_response import ListEndpointBillingResponse

        reply = await self._sender.send(
            "GET",
            "/v2/billing/endpoints",
            operation="listEndpointBilling",
            params=query(
                startTime=start_time, endTime=end_time, bucketSize=bucket_size, lastN=last_n
            ),
        )
        return self._sender.decode(
            reply, ListEndpointBillingResponse, operation="listEndpointBilling"
        )

    async def list_network_volume_billing(
        self,
        *,
        start_time: datetime.datetime | str | None = None,
        end_time: datetime.datetime | str | None = None,
        bucket_size: BillingBucketSize
        | Literal["hour", "day", "week", "month", "year"]
        | None = None,
        last_n: int | None = None,
        network_volume_id: str | None = None,
    ) -> ListNetworkVolumeBillingResponse:
        """Get network volume billing history

        Returns network volume billing history for the authenticated user, split into time buckets by startTime/endTime with bucketSize or by lastN recent buckets. Use networkVolumeId to filter to one volume; without it, records are emitted per volume per bucket. Each record includes standard storage, high-performance storage, and total amounts, while metadata reports the resolved query, distinct volume count, and totals across the returned records.

        ``GET /v2/billing/network-volumes`` (operation ``listNetworkVolumeBilling``).
        Answers 200 ListNetworkVolumeBillingResponse; documented errors: 401, 403, 429, default.

        Parameters:
            start_time (``startTime``, query): Start of the billing period (RFC 3339). Defaults to 30 days ago. Snapped down to the start of its bucketSize bucket so the window aligns with the returned records; provide a boundary-aligned value (e.g. midnight for bucketSize=day) to avoid widening.
            end_time (``endTime``, query): End of the billing period (RFC 3339), exclusive. Defaults to now. Snapped up to the end of the bucketSize bucket it lands in (unless already on a boundary) so the window aligns with the returned records.
            bucket_size (``bucketSize``, query): Length of each billing time bucket. Defaults to day.
            last_n (``lastN``, query): Return the last N buckets of bucketSize, ending with the current (in-progress) bucket — e.g. lastN=100 with bucketSize=day is "last 100 days". The resolved window is aligned to bucket boundaries: startTime is the start of the earliest bucket (e.g. midnight of the earliest day) and endTime is the end of the current bucket. Mutually exclusive with startTime/endTime; provide one or the other, not both.
            network_volume_id (``networkVolumeId``, query): Filter to a specific network volume.
        """
        from .models.list_network_volume_billing_response import ListNetworkVolumeBillingResponse

        reply = await self._sender.send(
            "GET",
            "/v2/billing/network-volumes",
            operation="listNetworkVolumeBilling",
            params=query(
                startTime=start_time,
                endTime=end_time,
                bucketSize=bucket_size,
                lastN=last_n,
                networkVolumeId=network_volume_id,
            ),
        )
        return self._sender.decode(
            reply, ListNetworkVolumeBillingResponse, operation="listNetworkVolumeBilling"
        )

    async def list_cluster_billing(
        self,
        *,
        start_time: datetime.datetime | str | None = None,
        end_time: datetime.datetime | str | None = None,
        bucket_size: BillingBucketSize
        | Literal["hour", "day", "week", "month", "year"]
        | None = None,
        last_n: int | None = None,
        cluster_id: str | None = None,
    ) -> ListClusterBillingResponse:
        """Get cluster billing history

        Returns Cluster billing history for the authenticated user, split into time buckets by startTime/endTime with bucketSize or by lastN recent buckets. Use clusterId to filter to one cluster; without it, records are emitted per cluster per bucket. Each record includes GPU compute, disk, inter-node networking, and total amounts. Clusters are GPU-only, so no CPU cost component is returned.

        ``GET /v2/billing/clusters`` (operation ``listClusterBilling``).
        Answers 200 ListClusterBillingResponse; documented errors: 401, 403, 429, default.

        Parameters:
            start_time (``startTime``, query): Start of the billing period (RFC 3339). Defaults to 30 days ago. Snapped down to the start of its bucketSize bucket so the window aligns with the returned records; provide a boundary-aligned value (e.g. midnight for bucketSize=day) to avoid widening.
            end_time (``endTime``, query): End of the billing period (RFC 3339), exclusive. Defaults to now. Snapped up to the end of the bucketSize bucket it lands in (unless already on a boundary) so the window aligns with the returned records.
            bucket_size (``bucketSize``, query): Length of each billing time bucket. Defaults to day.
            last_n (``lastN``, query): Return the last N buckets of bucketSize, ending with the current (in-progress) bucket — e.g. lastN=100 with bucketSize=day is "last 100 days". The resolved window is aligned to bucket boundaries: startTime is the start of the earliest bucket (e.g. midnight of the earliest day) and endTime is the end of the current bucket. Mutually exclusive with startTime/endTime; provide one or the other, not both.
            cluster_id (``clusterId``, query): Filter to a specific cluster.
        """
        from .models.list_cluster_billing_response import ListClusterBillingResponse

        reply = await self._sender.send(
            "GET",
            "/v2/billing/clusters",
            operation="listClusterBilling",
            params=query(
                startTime=start_time,
                endTime=end_time,
                bucketSize=bucket_size,
                lastN=last_n,
                clusterId=cluster_id,
            ),
        )
        return self._sender.decode(
            reply, ListClusterBillingResponse, operation="listClusterBilling"
        )
