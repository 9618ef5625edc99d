package dev.datacenter.operator.sandbox;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binds the pending PersistentVolumeClaims of a pod being placed on a node, as a
 * {@code WaitForFirstConsumer} storage class with a local-volume provisioner would: the claim gets
 * {@code volume.kubernetes.io/selected-node}, a local PersistentVolume pinned to that node's hostname is
 * created with the claim's size, and the claim is bound to it. A claim already bound to a volume on another
 * node makes the pod unschedulable there, as the real scheduler's volume binding does.
 */
final class VolumeBinder {

    static final String SELECTED_NODE = "volume.kubernetes.io/selected-node";
    static final String HOSTNAME = "kubernetes.io/hostname";
    static final String PROVISIONER = "sandbox.datacenter.dev/local";

    private final KubernetesClient client;

    VolumeBinder(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Binds each of the pod's claims on the node.
     *
     * @return why the pod cannot run on the node (a missing claim, a volume on another node), or empty
     */
    Optional<String> bindClaims(Pod pod, Node node) {
        String namespace = pod.getMetadata().getNamespace();
        for (String claimName : claimNames(pod)) {
            PersistentVolumeClaim claim = client.persistentVolumeClaims()
                    .inNamespace(namespace)
                    .withName(claimName)
                    .get();
            if (claim == null) {
                return Optional.of("persistentvolumeclaim \"" + claimName + "\" not found");
            }
            if (claim.getMetadata().getDeletionTimestamp() != null) {
                return Optional.of("persistentvolumeclaim \"" + claimName + "\" is being deleted");
            }
            String volumeName = claim.getSpec().getVolumeName();
            if (volumeName == null || volumeName.isEmpty()) {
                bind(claim, node);
                continue;
            }
            PersistentVolume volume =
                    client.persistentVolumes().withName(volumeName).get();
            if (volume != null
                    && !hostnames(volume).isEmpty()
                    && !hostnames(volume).contains(NodePin.hostname(node))) {
                return Optional.of("node(s) had volume node affinity conflict: persistentvolumeclaim \"" + claimName
                        + "\" is bound to a volume on " + String.join(",", hostnames(volume)));
            }
        }
        return Optional.empty();
    }

    static List<String> claimNames(Pod pod) {
        return Optional.ofNullable(pod.getSpec().getVolumes()).orElse(List.of()).stream()
                .map(Volume::getPersistentVolumeClaim)
                .filter(source -> source != null && source.getClaimName() != null)
                .map(source -> source.getClaimName())
                .toList();
    }

    private void bind(PersistentVolumeClaim claim, Node node) {
        String namespace = claim.getMetadata().getNamespace();
        String name = claim.getMetadata().getName();
        var claimResource =
                client.persistentVolumeClaims().inNamespace(namespace).withName(name);
        claimResource.edit(c -> {
            c.getMetadata()
                    .getAnnotations()
                    .put(SELECTED_NODE, node.getMetadata().getName());
            return c;
        });
        PersistentVolume volume =
                client.persistentVolumes().resource(volumeFor(claim, node)).createOr(op -> op.update());
        client.persistentVolumes()
                .withName(volume.getMetadata().getName())
                .editStatus(v -> new PersistentVolumeBuilder(v)
                        .withNewStatus()
                        .withPhase("Bound")
                        .endStatus()
                        .build());
        PersistentVolumeClaim bound = claimResource.edit(c -> {
            c.getSpec().setVolumeName(volume.getMetadata().getName());
            c.getMetadata().getAnnotations().put("pv.kubernetes.io/bind-completed", "yes");
            c.getMetadata().getAnnotations().put("pv.kubernetes.io/bound-by-controller", "yes");
            c.getMetadata().getAnnotations().put("volume.kubernetes.io/storage-provisioner", PROVISIONER);
            return c;
        });
        claimResource.editStatus(c -> {
            c.setStatus(new io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatusBuilder()
                    .withPhase("Bound")
                    .withAccessModes(bound.getSpec().getAccessModes())
                    .withCapacity(volume.getSpec().getCapacity())
                    .build());
            return c;
        });
    }

    private static PersistentVolume volumeFor(PersistentVolumeClaim claim, Node node) {
        String name = "pvc-"
                + Optional.ofNullable(claim.getMetadata().getUid())
                        .orElse(claim.getMetadata().getNamespace() + "-"
                                + claim.getMetadata().getName());
        Map<String, Quantity> requests = claim.getSpec().getResources() == null
                ? null
                : claim.getSpec().getResources().getRequests();
        Quantity size =
                requests == null || requests.get("storage") == null ? new Quantity("1Gi") : requests.get("storage");
        return new PersistentVolumeBuilder()
                .withNewMetadata()
                .withName(name)
                .addToAnnotations("pv.kubernetes.io/provisioned-by", PROVISIONER)
                .addToLabels("datacenter.dev/sandbox-node", node.getMetadata().getName())
                .endMetadata()
                .withNewSpec()
                .addToCapacity("storage", size)
                .withAccessModes(claim.getSpec().getAccessModes())
                .withStorageClassName(claim.getSpec().getStorageClassName())
                .withVolumeMode(claim.getSpec().getVolumeMode())
                .withPersistentVolumeReclaimPolicy("Delete")
                .withNewLocal()
                .withPath("/var/lib/datacenter-sandbox/volumes/" + name)
                .endLocal()
                .withNewClaimRef()
                .withApiVersion("v1")
                .withKind("PersistentVolumeClaim")
                .withNamespace(claim.getMetadata().getNamespace())
                .withName(claim.getMetadata().getName())
                .withUid(claim.getMetadata().getUid())
                .endClaimRef()
                .withNewNodeAffinity()
                .withNewRequired()
                .addNewNodeSelectorTerm()
                .addNewMatchExpression()
                .withKey(HOSTNAME)
                .withOperator("In")
                .withValues(NodePin.hostname(node))
                .endMatchExpression()
                .endNodeSelectorTerm()
                .endRequired()
                .endNodeAffinity()
                .endSpec()
                .build();
    }

    private static List<String> hostnames(PersistentVolume volume) {
        if (volume.getSpec().getNodeAffinity() == null
                || volume.getSpec().getNodeAffinity().getRequired() == null) {
            return List.of();
        }
        return volume.getSpec().getNodeAffinity().getRequired().getNodeSelectorTerms().stream()
                .map(NodeSelectorTerm::getMatchExpressions)
                .filter(e -> e != null)
                .flatMap(List::stream)
                .filter(r -> HOSTNAME.equals(r.getKey()) && "In".equals(r.getOperator()))
                .map(NodeSelectorRequirement::getValues)
                .flatMap(List::stream)
                .toList();
    }
}
