package dev.datacenter.operator.claims;

import static dev.datacenter.operator.testsupport.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.datacenter.operator.api.ApiGroup;
import dev.datacenter.operator.api.Backoff;
import dev.datacenter.operator.api.ClaimPhase;
import dev.datacenter.operator.api.ClaimStatus;
import dev.datacenter.operator.api.ConditionReasons;
import dev.datacenter.operator.api.Constraint;
import dev.datacenter.operator.api.ConstraintOperator;
import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.DataCenterAppSpec;
import dev.datacenter.operator.api.NodeLossAction;
import dev.datacenter.operator.api.NodeLossPolicy;
import dev.datacenter.operator.api.PendingReason;
import dev.datacenter.operator.api.PersistentVolumeClaimSet;
import dev.datacenter.operator.api.PersistentVolumeClaimSetSpec;
import dev.datacenter.operator.api.ResourceAmounts;
import dev.datacenter.operator.api.ResourcePool;
import dev.datacenter.operator.api.ResourcePoolStatus;
import dev.datacenter.operator.api.RetentionAction;
import dev.datacenter.operator.api.RetentionPolicy;
import dev.datacenter.operator.sandbox.SimulatedKubelet;
import dev.datacenter.operator.status.ClaimSetStatusAggregator;
import dev.datacenter.operator.status.Conditions;
import dev.datacenter.operator.testsupport.TestObjects;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ResourcePools and PersistentVolumeClaimSets end to end on the in-process API server with the simulated
 * kubelet binding claims on the node of the pod that first uses them. Every test has its own nodes
 * ({@code suite=<test>}), pool and namespace.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = PoolsAndClaimsCluster.class)
class PoolsAndClaimsMockTest {
    private static final Duration LONG = Duration.ofSeconds(60);

    @Inject
    KubernetesClient client;

    private static SimulatedKubelet kubelet;

    @BeforeEach
    void startKubelet() {
        synchronized (PoolsAndClaimsMockTest.class) {
            if (kubelet == null) {
                kubelet = new SimulatedKubelet(client).start();
            }
        }
    }

    @AfterAll
    static void stopKubelet() {
        if (kubelet != null) {
            kubelet.close();
            kubelet = null;
        }
    }

    // ------------------------------------------------------------------ pools

    @Test
    void twoPoolsOfWeights1And3FillAFullCluster1To3AndNothingIsKilledForAPool() {
        pool("light", "fair", 1.0);
        pool("heavy", "fair", 3.0);
        app("fair", "batch", "light", 16, "1", spec -> {});
        app("fair", "analytics", "heavy", 16, "1", spec -> {});
        for (int i = 1; i <= 4; i++) {
            nodes(i == 1 ? "fair-1" : "fair-" + i, "fair");
        }

        await(
                "16 cpus handed out",
                LONG,
                () -> running("fair", "batch") + running("fair", "analytics") == 16
                        && poolStatus("light")
                                .map(s -> s.getPendingInstances() != null && s.getPendingInstances() > 0)
                                .orElse(false));
        int light = running("fair", "batch");
        int heavy = running("fair", "analytics");
        assertThat(Math.abs(heavy - 3 * light))
                .as("light %d, heavy %d: 1:3 within one instance", light, heavy)
                .isLessThanOrEqualTo(3);

        await(
                "pool figures follow the cycle",
                LONG,
                () -> poolStatus("heavy")
                                .map(s -> ("" + heavy + "/16").equals(s.getCpu()))
                                .orElse(false)
                        && poolStatus("light")
                                .map(s -> ("" + light + "/16").equals(s.getCpu()))
                                .orElse(false));
        ResourcePoolStatus h = poolStatus("heavy").orElseThrow();
        ResourcePoolStatus l = poolStatus("light").orElseThrow();
        assertThat(h.getNodes()).isEqualTo(4);
        assertThat(h.getCapacity().getCpus()).isEqualTo(new Quantity("16"));
        assertThat(h.getCapacity().getMem()).isEqualTo(new Quantity("32Gi"));
        assertThat(h.getAllocated().getCpus()).isEqualTo(new Quantity(String.valueOf(heavy)));
        assertThat(h.getMem()).isEqualTo(heavy + "Gi/32Gi");
        assertThat(h.getApps()).isEqualTo(1);
        assertThat(h.getPendingInstances()).isEqualTo(16 - heavy);
        assertThat(h.getDominantShare() / l.getDominantShare())
                .isCloseTo((double) heavy / light, org.assertj.core.data.Offset.offset(0.01));
        assertThat(h.getWeightedShare())
                .isCloseTo(h.getDominantShare() / 3, org.assertj.core.data.Offset.offset(0.001));
        Condition ready = condition(h.getConditions(), ConditionReasons.READY);
        assertThat(ready.getReason()).isEqualTo(ConditionReasons.POOL_READY);
        assertThat(h.getObservedGeneration())
                .isEqualTo(getPool("heavy").getMetadata().getGeneration());

        // a limit lowered below what runs is reported, nothing is killed
        editPool("heavy", spec -> spec.setLimit(new ResourceAmounts(new Quantity("8"), null, null, null)));
        await(
                "heavy reports OverLimit",
                () -> poolStatus("heavy")
                        .map(s ->
                                ConditionReasons.OVER_LIMIT.equals(condition(s.getConditions(), ConditionReasons.READY)
                                        .getReason()))
                        .orElse(false));
        assertThat(condition(poolStatus("heavy").get().getConditions(), ConditionReasons.READY)
                        .getMessage())
                .contains("cpus " + heavy + " > 8");
        assertThat(running("fair", "analytics")).isEqualTo(heavy);

        // deleting a pool: its app says PoolNotFound, its instances keep running, nothing new is placed
        client.resource(getPool("light")).delete();
        await("batch reports PoolNotFound", () -> ConditionReasons.POOL_NOT_FOUND.equals(readyReason("fair", "batch")));
        assertThat(running("fair", "batch")).isEqualTo(light);
        assertThat(pods("fair", "batch"))
                .allSatisfy(
                        p -> assertThat(p.getMetadata().getDeletionTimestamp()).isNull());
        pool("light", "fair", 1.0);
        await(
                "batch no longer reports PoolNotFound",
                () -> !ConditionReasons.POOL_NOT_FOUND.equals(readyReason("fair", "batch")));
        assertThat(running("fair", "analytics")).isEqualTo(heavy);
    }

    @Test
    void aPoolSaysNoNodesThenReadyAndInvalidForARuleTheSchemaMissed() {
        pool("nowhere", "far", 1.0);
        await(
                "NoNodes",
                () -> poolStatus("nowhere")
                        .map(s -> ConditionReasons.NO_NODES.equals(condition(s.getConditions(), ConditionReasons.READY)
                                .getReason()))
                        .orElse(false));
        assertThat(condition(poolStatus("nowhere").get().getConditions(), ConditionReasons.READY)
                        .getStatus())
                .isEqualTo("False");

        nodes("far-1", "far");
        await(
                "Ready with one node",
                () -> poolStatus("nowhere")
                        .map(s -> Conditions.isTrue(s.getConditions(), ConditionReasons.READY)
                                && Objects.equals(s.getNodes(), 1)
                                && "0/4".equals(s.getCpu())
                                && "0/8Gi".equals(s.getMem()))
                        .orElse(false));

        ResourcePool broken = TestObjects.pool(
                "broken",
                new LabelSelectorBuilder()
                        .addNewMatchExpression()
                        .withKey("suite")
                        .withOperator("Sometimes")
                        .withValues("far")
                        .endMatchExpression()
                        .build());
        client.resource(broken).create();
        await(
                "Invalid",
                () -> poolStatus("broken")
                        .map(s -> ConditionReasons.INVALID.equals(condition(s.getConditions(), ConditionReasons.READY)
                                .getReason()))
                        .orElse(false));
        assertThat(condition(poolStatus("broken").get().getConditions(), ConditionReasons.READY)
                        .getMessage())
                .contains("spec.nodeSelector", "Sometimes");
    }

    @Test
    void aPoolNamedDefaultReplacesTheImpliedOneAndDeletingItBringsTheImpliedOneBack() {
        pool("default", "dflt", 1.0);
        nodes("dflt-1", "dflt");
        app("dflt", "plain", null, 1, "500m", spec -> {});
        await("placed on the default pool's only node", LONG, () -> "Running".equals(phaseOf("dflt", "plain", 0)));
        assertThat(nodeOf("dflt", "plain", 0)).isEqualTo("dflt-1");
        await(
                "the default pool's status counts the app",
                () -> poolStatus("default")
                        .map(s -> Objects.equals(s.getApps(), 1)
                                && Objects.equals(s.getNodes(), 1)
                                && "0.5/4".equals(s.getCpu()))
                        .orElse(false));

        client.resource(getPool("default")).delete();
        await("the app stays placed in the implied default pool", () -> readyReason("dflt", "plain") != null);
        assertThat(readyReason("dflt", "plain")).isNotEqualTo(ConditionReasons.POOL_NOT_FOUND);
        assertThat(running("dflt", "plain")).isEqualTo(1);
        client.resource(getApp("dflt", "plain")).delete();
    }

    // ------------------------------------------------------------------ claim sets

    @Test
    void instancesStayOnTheirClaimsNodeThroughARelaunchAndScale3To1To3() {
        pool("pin", "pin", 1.0);
        nodes("pin-1", "pin");
        nodes("pin-2", "pin");
        nodes("pin-3", "pin");
        nodes("pin-4", "pin");
        claimSet("pin", "data", spec -> {});
        app("pin", "db", "pin", 3, "500m", spec -> {
            spec.setConstraints(List.of(new Constraint("@hostname", ConstraintOperator.UNIQUE, null)));
            spec.setVolumes(List.of(TestObjects.volume("data", "data")));
        });

        Map<Integer, String> nodes = awaitPinned("pin", "data", 3);
        Map<Integer, String> uids = claimUids("pin", "data");
        for (Pod pod : pods("pin", "db")) {
            int ordinal = ordinal(pod);
            assertThat(pod.getSpec().getNodeName()).isEqualTo(nodes.get(ordinal));
            assertThat(pod.getSpec().getVolumes())
                    .anySatisfy(v -> assertThat(v.getPersistentVolumeClaim().getClaimName())
                            .isEqualTo(dev.datacenter.operator.model.Names.claimName("data", "db", ordinal)));
        }
        for (PersistentVolumeClaim claim : claims("pin", "data")) {
            assertThat(claim.getMetadata().getOwnerReferences())
                    .singleElement()
                    .satisfies(o -> assertThat(o.getKind()).isEqualTo("PersistentVolumeClaimSet"));
            assertThat(claim.getMetadata().getLabels())
                    .containsEntry(ApiGroup.LABEL_CLAIM_SET, "data")
                    .containsEntry(ApiGroup.LABEL_APP, "db")
                    .containsKey(ApiGroup.LABEL_ORDINAL);
        }
        PersistentVolumeClaimSet set = getSet("pin", "data");
        assertThat(set.getStatus().getPinnedCount()).isEqualTo(3);
        assertThat(set.getStatus().getClaims())
                .allSatisfy(c -> assertThat(c.getInstance()).isNotNull());
        assertThat(condition(set.getStatus().getConditions(), ConditionReasons.READY)
                        .getReason())
                .isEqualTo(ConditionReasons.CLAIMS_BOUND);

        // the free node gets fuller than the others: best fit would take it for any instance not pinned
        String free = List.of("pin-1", "pin-2", "pin-3", "pin-4").stream()
                .filter(n -> !nodes.containsValue(n))
                .findFirst()
                .orElseThrow();
        client.pods()
                .inNamespace("pin")
                .resource(new io.fabric8.kubernetes.api.model.PodBuilder()
                        .withNewMetadata()
                        .withName("someone-else")
                        .endMetadata()
                        .withNewSpec()
                        .withNodeName(free)
                        .addNewContainer()
                        .withName("c")
                        .withImage("example/other:1")
                        .withNewResources()
                        .addToRequests("cpu", new Quantity("1"))
                        .addToRequests("memory", new Quantity("1Gi"))
                        .endResources()
                        .endContainer()
                        .endSpec()
                        .build())
                .create();
        await(
                "the other pod runs",
                () -> "Running"
                        .equals(phase(client.pods()
                                .inNamespace("pin")
                                .withName("someone-else")
                                .get())));

        Pod victim = pods("pin", "db").stream()
                .filter(p -> ordinal(p) == 1)
                .findFirst()
                .orElseThrow();
        client.resource(victim).withGracePeriod(0).delete();
        await(
                "instance 1 relaunched",
                LONG,
                () -> pods("pin", "db").stream()
                        .anyMatch(p -> ordinal(p) == 1
                                && !p.getMetadata()
                                        .getUid()
                                        .equals(victim.getMetadata().getUid())
                                && "Running".equals(phase(p))));
        assertThat(nodeOf("pin", "db", 1)).isEqualTo(nodes.get(1));

        editApp("pin", "db", spec -> spec.setInstances(1));
        await("scaled to 1", LONG, () -> pods("pin", "db").size() == 1);
        assertThat(claimUids("pin", "data"))
                .as("claims are kept when scaling down")
                .isEqualTo(uids);

        editApp("pin", "db", spec -> spec.setInstances(3));
        await(
                "scaled back to 3",
                LONG,
                () -> pods("pin", "db").stream()
                                .filter(p -> "Running".equals(phase(p)))
                                .count()
                        == 3);
        for (int i = 0; i < 3; i++) {
            assertThat(nodeOf("pin", "db", i))
                    .as("instance %d on its claim's node", i)
                    .isEqualTo(nodes.get(i));
        }
        assertThat(claimUids("pin", "data")).isEqualTo(uids);

        // an upgrade (a new revision) replaces every instance on its claim's node
        editApp("pin", "db", spec -> spec.getContainer().setImage("example/db:2.0"));
        await("upgraded", LONG, () -> {
            List<Pod> now = pods("pin", "db");
            return now.size() == 3
                    && now.stream()
                            .allMatch(p -> "Running".equals(phase(p))
                                    && "example/db:2.0"
                                            .equals(p.getSpec()
                                                    .getContainers()
                                                    .get(0)
                                                    .getImage()));
        });
        for (int i = 0; i < 3; i++) {
            assertThat(nodeOf("pin", "db", i))
                    .as("upgraded instance %d on its claim's node", i)
                    .isEqualTo(nodes.get(i));
        }
        assertThat(claimUids("pin", "data")).isEqualTo(uids);
    }

    @Test
    void waitKeepsTheClaimWhileRelocateGivesItUpAndAWipeGivesAFreshVolume() {
        pool("wait", "wait", 1.0);
        pool("reloc", "reloc", 1.0);
        for (int i = 1; i <= 3; i++) {
            nodes("wait-" + i, "wait");
            nodes("reloc-" + i, "reloc");
        }
        claimSet("loss", "waiting", spec -> {});
        claimSet("loss", "moving", spec -> {
            NodeLossPolicy relocate = new NodeLossPolicy();
            relocate.setAction(NodeLossAction.Relocate);
            relocate.setAfterSeconds(1);
            spec.setNodeLossPolicy(relocate);
        });
        Consumer<DataCenterAppSpec> unique =
                spec -> spec.setConstraints(List.of(new Constraint("@hostname", ConstraintOperator.UNIQUE, null)));
        app(
                "loss",
                "patient",
                "wait",
                2,
                "500m",
                unique.andThen(spec -> spec.setVolumes(List.of(TestObjects.volume("data", "waiting")))));
        app(
                "loss",
                "mover",
                "reloc",
                2,
                "500m",
                unique.andThen(spec -> spec.setVolumes(List.of(TestObjects.volume("data", "moving")))));
        Map<Integer, String> waitNodes = awaitPinned("loss", "waiting", 2);
        Map<Integer, String> moveNodes = awaitPinned("loss", "moving", 2);
        Map<Integer, String> waitUids = claimUids("loss", "waiting");
        Map<Integer, String> moveUids = claimUids("loss", "moving");

        var lostWait = client.nodes().withName(waitNodes.get(0)).get();
        client.nodes().withName(waitNodes.get(0)).delete();
        client.nodes().withName(moveNodes.get(0)).delete();

        // Wait: the instance waits for its node, the claim is Lost but kept
        await(
                "patient instance 0 waits for its node",
                LONG,
                () -> pendingReasons("loss", "patient").contains(PendingReason.PinnedNodeUnavailable));
        await(
                "the claim is Lost",
                () -> claimStatus("loss", "waiting", 0)
                        .map(c -> c.getPhase() == ClaimPhase.Lost)
                        .orElse(false));
        assertThat(condition(getSet("loss", "waiting").getStatus().getConditions(), ConditionReasons.READY)
                        .getReason())
                .isEqualTo(ConditionReasons.CLAIMS_LOST);

        // Relocate: after afterSeconds the claim is given up and the instance runs elsewhere with a fresh one
        await("mover instance 0 relocated", LONG, () -> {
            Map<Integer, String> now = pinnedNodes("loss", "moving");
            return now.get(0) != null
                    && !now.get(0).equals(moveNodes.get(0))
                    && "Running".equals(phaseOf("loss", "mover", 0));
        });
        assertThat(claimUids("loss", "moving").get(0)).isNotEqualTo(moveUids.get(0));
        assertThat(claimUids("loss", "moving").get(1)).isEqualTo(moveUids.get(1));
        assertThat(nodeOf("loss", "mover", 0))
                .isEqualTo(pinnedNodes("loss", "moving").get(0));
        Condition abandoned = condition(
                getSet("loss", "moving").getStatus().getConditions(), ClaimSetStatusAggregator.DATA_ABANDONED);
        assertThat(abandoned.getReason()).isEqualTo("Relocated");
        assertThat(abandoned.getMessage())
                .contains(dev.datacenter.operator.model.Names.claimName("moving", "mover", 0), "abandoned");
        await(
                "an event says the data was abandoned",
                () -> client.v1().events().inNamespace("loss").list().getItems().stream()
                        .anyMatch(e -> "DataAbandoned".equals(e.getReason())));

        assertThat(claimUids("loss", "waiting"))
                .as("Wait never gives a claim up")
                .isEqualTo(waitUids);
        lostWait.getMetadata().setResourceVersion(null);
        client.resource(lostWait).create();
        await("patient instance 0 back on its node", LONG, () -> "Running".equals(phaseOf("loss", "patient", 0)));
        assertThat(nodeOf("loss", "patient", 0)).isEqualTo(waitNodes.get(0));
        assertThat(claimUids("loss", "waiting")).isEqualTo(waitUids);

        // wipe: ordinal 1 of the moving set gets a fresh claim, the annotation is removed
        retryOnConflict(() -> client.resources(PersistentVolumeClaimSet.class)
                .inNamespace("loss")
                .withName("moving")
                .edit(s -> {
                    s.getMetadata().getAnnotations().put(ApiGroup.ANNOTATION_WIPE, "1");
                    return s;
                }));
        awaitOrDump("ordinal 1 wiped", "loss", () -> {
            PersistentVolumeClaimSet s = getSet("loss", "moving");
            String uid = claimUids("loss", "moving").get(1);
            return !s.getMetadata().getAnnotations().containsKey(ApiGroup.ANNOTATION_WIPE)
                    && uid != null
                    && !uid.equals(moveUids.get(1))
                    && "Running".equals(phaseOf("loss", "mover", 1));
        });
        await(
                "status says it was wiped",
                () -> "Wiped"
                        .equals(condition(
                                        getSet("loss", "moving").getStatus().getConditions(),
                                        ClaimSetStatusAggregator.DATA_ABANDONED)
                                .getReason()));
    }

    @Test
    void relocateStopsTheInstanceOnANodeNotReadyForAfterSecondsAndStartsItOverElsewhere() {
        pool("sick", "sick", 1.0);
        nodes("sick-1", "sick");
        nodes("sick-2", "sick");
        claimSet("sick", "logs", spec -> {
            NodeLossPolicy relocate = new NodeLossPolicy();
            relocate.setAction(NodeLossAction.Relocate);
            relocate.setAfterSeconds(2);
            spec.setNodeLossPolicy(relocate);
        });
        app("sick", "indexer", "sick", 1, "500m", spec -> spec.setVolumes(List.of(TestObjects.volume("data", "logs"))));
        String first = awaitPinned("sick", "logs", 1).get(0);
        String uid = claimUids("sick", "logs").get(0);
        String podUid = podOf("sick", "indexer", 0).orElseThrow().getMetadata().getUid();

        client.nodes().withName(first).editStatus(n -> {
            n.getStatus().getConditions().forEach(c -> {
                if ("Ready".equals(c.getType())) {
                    c.setStatus("False");
                    c.setReason("KubeletStopped");
                    c.setLastTransitionTime(Conditions.timestamp(java.time.Instant.now()));
                }
            });
            return n;
        });
        await(
                "the claim is Lost",
                () -> claimStatus("sick", "logs", 0)
                        .map(c -> c.getPhase() == ClaimPhase.Lost)
                        .orElse(false));
        await("instance 0 started over on the other node with a fresh claim", LONG, () -> {
            Map<Integer, String> pinned = pinnedNodes("sick", "logs");
            return pinned.get(0) != null
                    && !pinned.get(0).equals(first)
                    && "Running".equals(phaseOf("sick", "indexer", 0));
        });
        assertThat(claimUids("sick", "logs").get(0)).isNotEqualTo(uid);
        assertThat(podOf("sick", "indexer", 0).orElseThrow().getMetadata().getUid())
                .isNotEqualTo(podUid);
        assertThat(pods("sick", "indexer"))
                .as("the pod on the NotReady node was deleted")
                .hasSize(1);
    }

    @Test
    void retentionDeleteRemovesClaimsOfScaledDownAndDeletedApps() {
        pool("ret", "ret", 1.0);
        nodes("ret-1", "ret");
        nodes("ret-2", "ret");
        claimSet("ret", "scratch", spec -> {
            RetentionPolicy delete = new RetentionPolicy();
            delete.setWhenScaled(RetentionAction.Delete);
            delete.setWhenDeleted(RetentionAction.Delete);
            spec.setRetentionPolicy(delete);
        });
        app("ret", "cache", "ret", 1, "500m", spec -> spec.setVolumes(List.of(TestObjects.volume("data", "scratch"))));
        awaitPinned("ret", "scratch", 1);
        // creation times have whole seconds: instance 1 must be the younger for YoungestFirst to stop it
        dev.datacenter.operator.testsupport.Eventually.sleep(1100);
        editApp("ret", "cache", spec -> spec.setInstances(2));
        awaitPinned("ret", "scratch", 2);

        editApp("ret", "cache", spec -> spec.setInstances(1));
        await(
                "claim 1 deleted once instance 1 is gone",
                LONG,
                () -> claimUids("ret", "scratch").keySet().equals(java.util.Set.of(0)));
        await(
                "instance 0 alone keeps running",
                LONG,
                () -> pods("ret", "cache").size() == 1 && "Running".equals(phaseOf("ret", "cache", 0)));
        assertThat(claimUids("ret", "scratch").keySet()).containsExactly(0);

        client.resource(getApp("ret", "cache")).delete();
        await(
                "claim 0 deleted with the app",
                LONG,
                () -> claimUids("ret", "scratch").isEmpty());
    }

    @Test
    void deletingASetThatRetainsItsClaimsTakesItsOwnerReferenceOffThemFirst() {
        pool("keep", "keep", 1.0);
        nodes("keep-1", "keep");
        claimSet("keep", "data", spec -> {});
        app("keep", "db", "keep", 1, "500m", spec -> spec.setVolumes(List.of(TestObjects.volume("data", "data"))));
        awaitPinned("keep", "data", 1);
        await(
                "the set carries the operator's finalizer",
                LONG,
                () -> getSet("keep", "data").getMetadata().getFinalizers().contains(ClaimSetFinalizer.FINALIZER));
        String setUid = getSet("keep", "data").getMetadata().getUid();

        client.resource(getSet("keep", "data")).delete();

        await("the set is gone once its claims are released", LONG, () -> getSet("keep", "data") == null);
        var claims = client.persistentVolumeClaims()
                .inNamespace("keep")
                .withLabel(ApiGroup.LABEL_CLAIM_SET, "data")
                .list()
                .getItems();
        assertThat(claims).hasSize(1);
        // without an owner reference to the deleted set, a real cluster's garbage collector leaves the claim alone
        assertThat(claims.get(0).getMetadata().getOwnerReferences()).noneMatch(o -> setUid.equals(o.getUid()));
    }

    @Test
    void heldResourcesAreNotGivenToAnotherAppWhileThePinnedInstanceIsDown() {
        pool("hold", "hold", 1.0);
        nodes("hold-1", "hold");
        claimSet("hold", "disk", spec -> spec.setReserveResources(true));
        app("hold", "owner", "hold", 1, "3", spec -> {
            spec.setVolumes(List.of(TestObjects.volume("data", "disk")));
            Backoff slow = new Backoff();
            slow.setSeconds(600.0);
            spec.setBackoff(slow);
        });
        awaitPinned("hold", "disk", 1);
        await("owner running", LONG, () -> "Running".equals(phaseOf("hold", "owner", 0)));

        Pod pod = pods("hold", "owner").get(0);
        client.pods().inNamespace("hold").withName(pod.getMetadata().getName()).editStatus(p -> {
            p.getStatus().setPhase("Failed");
            return p;
        });
        await(
                "owner is down and backing off",
                LONG,
                () -> pods("hold", "owner").stream().noneMatch(p -> "Running".equals(phase(p))));
        app("hold", "intruder", "hold", 1, "2", spec -> {});
        await(
                "intruder waits: the owner's 3 cpus are held",
                LONG,
                () -> pendingReasons("hold", "intruder").contains(PendingReason.InsufficientCpus));
        assertThat(running("hold", "intruder")).isZero();

        retryOnConflict(() -> client.resources(PersistentVolumeClaimSet.class)
                .inNamespace("hold")
                .withName("disk")
                .edit(s -> {
                    s.getSpec().setReserveResources(false);
                    return s;
                }));
        await("without the hold the intruder is placed", LONG, () -> running("hold", "intruder") == 1);
    }

    // ------------------------------------------------------------------ claim identity

    @Test
    void setAWithAppBcAndSetAbWithAppCGetDistinctClaimsOnTheirOwnNodes() {
        pool("ids", "ids", 1.0);
        nodes("ids-1", "ids");
        nodes("ids-2", "ids");
        claimSet("ids", "a", spec -> {});
        claimSet("ids", "a-b", spec -> {});
        app("ids", "b-c", "ids", 1, "500m", spec -> spec.setVolumes(List.of(TestObjects.volume("data", "a"))));
        app("ids", "c", "ids", 1, "500m", spec -> spec.setVolumes(List.of(TestObjects.volume("data", "a-b"))));

        Map<Integer, String> first = awaitPinned("ids", "a", 1);
        Map<Integer, String> second = awaitPinned("ids", "a-b", 1);
        PersistentVolumeClaim claimA = claims("ids", "a").get(0);
        PersistentVolumeClaim claimAb = claims("ids", "a-b").get(0);
        assertThat(claimA.getMetadata().getName())
                .isNotEqualTo(claimAb.getMetadata().getName());
        assertThat(claimA.getMetadata().getLabels()).containsEntry(ApiGroup.LABEL_APP, "b-c");
        assertThat(claimAb.getMetadata().getLabels()).containsEntry(ApiGroup.LABEL_APP, "c");
        await(
                "both instances run",
                LONG,
                () -> "Running".equals(phaseOf("ids", "b-c", 0)) && "Running".equals(phaseOf("ids", "c", 0)));
        assertThat(mountedClaim("ids", "b-c", 0)).isEqualTo(claimA.getMetadata().getName());
        assertThat(mountedClaim("ids", "c", 0)).isEqualTo(claimAb.getMetadata().getName());
        assertThat(nodeOf("ids", "b-c", 0)).isEqualTo(first.get(0));
        assertThat(nodeOf("ids", "c", 0)).isEqualTo(second.get(0));
        assertThat(getSet("ids", "a-b").getStatus().getClaimCount()).isEqualTo(1);
        assertThat(getSet("ids", "a").getStatus().getClaimCount()).isEqualTo(1);
        assertThat(readyReason("ids", "c")).isNotEqualTo(ConditionReasons.CLAIM_CONFLICT);
    }

    @Test
    void aClaimOfAnotherSetUnderTheExpectedNameIsAConflictNeverMountedPinnedOrDeleted() {
        pool("clash", "clash", 1.0);
        nodes("clash-1", "clash");
        claimSet("clash", "x", spec -> {});
        String name = dev.datacenter.operator.model.Names.claimName("x", "web", 0);
        client.persistentVolumeClaims()
                .inNamespace("clash")
                .resource(new io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withLabels(Map.of(
                                ApiGroup.LABEL_CLAIM_SET, "other",
                                ApiGroup.LABEL_APP, "someone",
                                ApiGroup.LABEL_ORDINAL, "0",
                                ApiGroup.LABEL_MANAGED_BY, ApiGroup.MANAGED_BY))
                        .endMetadata()
                        .withNewSpec()
                        .withStorageClassName("local-path")
                        .withAccessModes("ReadWriteOnce")
                        .withNewResources()
                        .addToRequests("storage", new Quantity("1Gi"))
                        .endResources()
                        .endSpec()
                        .build())
                .create();
        String uid = client.persistentVolumeClaims()
                .inNamespace("clash")
                .withName(name)
                .get()
                .getMetadata()
                .getUid();
        app("clash", "web", "clash", 1, "500m", spec -> spec.setVolumes(List.of(TestObjects.volume("data", "x"))));

        awaitOrDump(
                "the app and the set say ClaimConflict",
                "clash",
                () -> ConditionReasons.CLAIM_CONFLICT.equals(readyReason("clash", "web"))
                        && Optional.ofNullable(getSet("clash", "x").getStatus())
                                .flatMap(st -> Conditions.find(st.getConditions(), ConditionReasons.READY))
                                .map(c -> ConditionReasons.CLAIM_CONFLICT.equals(c.getReason())
                                        && "False".equals(c.getStatus()))
                                .orElse(false));
        assertThat(Conditions.find(getApp("clash", "web").getStatus().getConditions(), ConditionReasons.READY)
                        .orElseThrow()
                        .getMessage())
                .contains(name, "set other");
        await(
                "a ClaimConflict event",
                () -> !events("clash", ConditionReasons.CLAIM_CONFLICT).isEmpty());
        assertThat(pods("clash", "web"))
                .as("nothing mounts the other set's claim")
                .isEmpty();
        PersistentVolumeClaim theirs = client.persistentVolumeClaims()
                .inNamespace("clash")
                .withName(name)
                .get();
        assertThat(theirs.getMetadata().getUid()).as("never deleted").isEqualTo(uid);
        assertThat(theirs.getMetadata().getAnnotations() == null
                        || !theirs.getMetadata().getAnnotations().containsKey(ApiGroup.ANNOTATION_PINNED_NODE))
                .as("never pinned")
                .isTrue();
        assertThat(theirs.getMetadata().getLabels()).containsEntry(ApiGroup.LABEL_CLAIM_SET, "other");

        // the claim in the way removed: the app gets its own
        client.persistentVolumeClaims().inNamespace("clash").withName(name).delete();
        awaitOrDump("the instance runs on its own claim", "clash", () -> "Running".equals(phaseOf("clash", "web", 0)));
        PersistentVolumeClaim own = client.persistentVolumeClaims()
                .inNamespace("clash")
                .withName(name)
                .get();
        assertThat(own.getMetadata().getLabels()).containsEntry(ApiGroup.LABEL_CLAIM_SET, "x");
        assertThat(mountedClaim("clash", "web", 0)).isEqualTo(name);
        await("the conflict is over", LONG, () -> !ConditionReasons.CLAIM_CONFLICT.equals(readyReason("clash", "web")));
    }

    @Test
    void aClaimOfTheOldNameIsFoundByItsLabelsAndKeptAndWipeTakesOnlyAnOrdinalThatExists() {
        pool("legacy", "legacy", 1.0);
        nodes("legacy-1", "legacy");
        nodes("legacy-2", "legacy");
        claimSet("legacy", "data", spec -> {});
        PersistentVolumeClaimSet set = getSet("legacy", "data");
        client.persistentVolumeClaims()
                .inNamespace("legacy")
                .resource(new io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder(
                                dev.datacenter.operator.model.ClaimBuilder.build(set, "db", 0))
                        .editMetadata()
                        .withName("data-db-0")
                        .endMetadata()
                        .build())
                .create();
        String legacyUid = claimUids("legacy", "data").get(0);
        app("legacy", "db", "legacy", 1, "500m", spec -> spec.setVolumes(List.of(TestObjects.volume("data", "data"))));

        Map<Integer, String> pinned = awaitPinned("legacy", "data", 1);
        await("the instance runs", LONG, () -> "Running".equals(phaseOf("legacy", "db", 0)));
        assertThat(mountedClaim("legacy", "db", 0)).isEqualTo("data-db-0");
        assertThat(nodeOf("legacy", "db", 0)).isEqualTo(pinned.get(0));
        assertThat(claims("legacy", "data"))
                .as("nothing renamed, no second claim")
                .singleElement()
                .satisfies(c -> assertThat(c.getMetadata().getUid()).isEqualTo(legacyUid));
        assertThat(getSet("legacy", "data").getStatus().getClaims())
                .singleElement()
                .satisfies(c -> assertThat(c.getName()).isEqualTo("data-db-0"));

        // a wipe of an ordinal that has no claim changes nothing and says so until fixed
        annotateSet("legacy", "data", ApiGroup.ANNOTATION_WIPE, "999");
        awaitOrDump("the wipe refused", "legacy", () -> {
            PersistentVolumeClaimSet s = getSet("legacy", "data");
            return !s.getMetadata().getAnnotations().containsKey(ApiGroup.ANNOTATION_WIPE)
                    && s.getStatus() != null
                    && Conditions.find(s.getStatus().getConditions(), "ActionFailed")
                            .map(c -> "InvalidWipe".equals(c.getReason()))
                            .orElse(false);
        });
        await("an InvalidWipe event", () -> !events("legacy", "InvalidWipe").isEmpty());
        assertThat(events("legacy", "InvalidWipe").get(0).getMessage()).contains("999", "ordinals: 0");
        annotateSet("legacy", "data", ApiGroup.ANNOTATION_WIPE, "-1");
        await(
                "a second InvalidWipe event",
                () -> events("legacy", "InvalidWipe").size() == 2);
        assertThat(claimUids("legacy", "data").get(0)).as("nothing wiped").isEqualTo(legacyUid);
        assertThat(events("legacy", "Wiped")).isEmpty();

        // " 0 " is ordinal 0: the old claim is wiped and a fresh one, named the new way, replaces it
        annotateSet("legacy", "data", ApiGroup.ANNOTATION_WIPE, " 0 ");
        awaitOrDump("ordinal 0 wiped", "legacy", () -> {
            String uid = claimUids("legacy", "data").get(0);
            return uid != null && !uid.equals(legacyUid) && "Running".equals(phaseOf("legacy", "db", 0));
        });
        assertThat(mountedClaim("legacy", "db", 0))
                .isEqualTo(dev.datacenter.operator.model.Names.claimName("data", "db", 0));
        await(
                "the refusal is cleared by the wipe",
                LONG,
                () -> Conditions.find(getSet("legacy", "data").getStatus().getConditions(), "ActionFailed")
                        .isEmpty());
    }

    // ------------------------------------------------------------------ helpers

    private void nodes(String name, String suite) {
        client.nodes().resource(PoolsAndClaimsCluster.node(name, suite)).create();
    }

    private void pool(String name, String suite, double weight) {
        ResourcePool pool = TestObjects.pool(
                name,
                new LabelSelectorBuilder().addToMatchLabels("suite", suite).build());
        pool.getSpec().setWeight(weight);
        client.resource(pool).create();
    }

    private void editPool(String name, Consumer<dev.datacenter.operator.api.ResourcePoolSpec> edit) {
        retryOnConflict(
                () -> client.resources(ResourcePool.class).withName(name).edit(p -> {
                    edit.accept(p.getSpec());
                    return p;
                }));
    }

    private ResourcePool getPool(String name) {
        return client.resources(ResourcePool.class).withName(name).get();
    }

    private Optional<ResourcePoolStatus> poolStatus(String name) {
        return Optional.ofNullable(getPool(name)).map(ResourcePool::getStatus);
    }

    private void claimSet(String namespace, String name, Consumer<PersistentVolumeClaimSetSpec> customize) {
        PersistentVolumeClaimSet set = TestObjects.claimSet(namespace, name);
        set.getSpec().getTemplate().setStorageClassName("local-path");
        set.getSpec()
                .getTemplate()
                .setResources(new io.fabric8.kubernetes.api.model.VolumeResourceRequirementsBuilder()
                        .addToRequests("storage", new Quantity("1Gi"))
                        .build());
        customize.accept(set.getSpec());
        client.resource(set).create();
    }

    private void annotateSet(String namespace, String name, String key, String value) {
        retryOnConflict(() -> client.resources(PersistentVolumeClaimSet.class)
                .inNamespace(namespace)
                .withName(name)
                .edit(s -> {
                    if (s.getMetadata().getAnnotations() == null) {
                        s.getMetadata().setAnnotations(new HashMap<>());
                    }
                    s.getMetadata().getAnnotations().put(key, value);
                    return s;
                }));
    }

    private List<io.fabric8.kubernetes.api.model.Event> events(String namespace, String reason) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> reason.equals(e.getReason()))
                .toList();
    }

    /** The claim the running pod of the ordinal mounts as its {@code data} volume. */
    private String mountedClaim(String namespace, String app, int ordinal) {
        return podOf(namespace, app, ordinal).orElseThrow().getSpec().getVolumes().stream()
                .filter(v -> "data".equals(v.getName()))
                .findFirst()
                .orElseThrow()
                .getPersistentVolumeClaim()
                .getClaimName();
    }

    private PersistentVolumeClaimSet getSet(String namespace, String name) {
        return client.resources(PersistentVolumeClaimSet.class)
                .inNamespace(namespace)
                .withName(name)
                .get();
    }

    private void app(
            String namespace,
            String name,
            String pool,
            int instances,
            String cpus,
            Consumer<DataCenterAppSpec> customize) {
        client.resource(TestObjects.app(namespace, name, spec -> {
                    spec.setPool(pool);
                    spec.setInstances(instances);
                    spec.getResources().setCpus(new Quantity(cpus));
                    spec.getResources().setMem(new Quantity(cpus.endsWith("m") ? "256Mi" : cpus + "Gi"));
                    customize.accept(spec);
                }))
                .create();
    }

    private DataCenterApp getApp(String namespace, String name) {
        return client.resources(DataCenterApp.class)
                .inNamespace(namespace)
                .withName(name)
                .get();
    }

    private void editApp(String namespace, String name, Consumer<DataCenterAppSpec> edit) {
        retryOnConflict(() -> client.resources(DataCenterApp.class)
                .inNamespace(namespace)
                .withName(name)
                .edit(a -> {
                    edit.accept(a.getSpec());
                    return a;
                }));
    }

    /** An edit races the operator's status writes: a 409 is retried, as kubectl edit would be. */
    private static void retryOnConflict(Runnable edit) {
        for (int attempt = 1; ; attempt++) {
            try {
                edit.run();
                return;
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409 || attempt >= 20) {
                    throw e;
                }
                dev.datacenter.operator.testsupport.Eventually.sleep(20);
            }
        }
    }

    private String readyReason(String namespace, String name) {
        DataCenterApp app = getApp(namespace, name);
        return app == null || app.getStatus() == null
                ? null
                : Conditions.find(app.getStatus().getConditions(), ConditionReasons.READY)
                        .map(Condition::getReason)
                        .orElse(null);
    }

    private List<PendingReason> pendingReasons(String namespace, String name) {
        DataCenterApp app = getApp(namespace, name);
        if (app == null
                || app.getStatus() == null
                || app.getStatus().getPending() == null
                || app.getStatus().getPending().getReasons() == null) {
            return List.of();
        }
        return app.getStatus().getPending().getReasons().stream()
                .map(r -> r.getReason())
                .toList();
    }

    private List<Pod> pods(String namespace, String app) {
        return client.pods()
                .inNamespace(namespace)
                .withLabel(ApiGroup.LABEL_APP, app)
                .list()
                .getItems();
    }

    private int running(String namespace, String app) {
        return (int) pods(namespace, app).stream()
                .filter(p -> "Running".equals(phase(p)))
                .count();
    }

    private static String phase(Pod pod) {
        return pod.getStatus() == null ? null : pod.getStatus().getPhase();
    }

    private static int ordinal(Pod pod) {
        return Integer.parseInt(pod.getMetadata().getLabels().get(ApiGroup.LABEL_ORDINAL));
    }

    private Optional<Pod> podOf(String namespace, String app, int ordinal) {
        return pods(namespace, app).stream()
                .filter(p -> ordinal(p) == ordinal && p.getMetadata().getDeletionTimestamp() == null)
                .findFirst();
    }

    private String nodeOf(String namespace, String app, int ordinal) {
        return podOf(namespace, app, ordinal)
                .map(p -> p.getSpec().getNodeName())
                .orElse(null);
    }

    private String phaseOf(String namespace, String app, int ordinal) {
        return podOf(namespace, app, ordinal).map(PoolsAndClaimsMockTest::phase).orElse(null);
    }

    private List<PersistentVolumeClaim> claims(String namespace, String set) {
        return client.persistentVolumeClaims()
                .inNamespace(namespace)
                .withLabel(ApiGroup.LABEL_CLAIM_SET, set)
                .list()
                .getItems();
    }

    private Map<Integer, String> claimUids(String namespace, String set) {
        Map<Integer, String> out = new HashMap<>();
        claims(namespace, set)
                .forEach(c -> out.put(
                        Integer.valueOf(c.getMetadata().getLabels().get(ApiGroup.LABEL_ORDINAL)),
                        c.getMetadata().getUid()));
        return out;
    }

    private Map<Integer, String> pinnedNodes(String namespace, String set) {
        return claims(namespace, set).stream()
                .filter(c -> c.getMetadata().getAnnotations() != null
                        && c.getMetadata().getAnnotations().get(ApiGroup.ANNOTATION_PINNED_NODE) != null)
                .collect(Collectors.toMap(
                        c -> Integer.valueOf(c.getMetadata().getLabels().get(ApiGroup.LABEL_ORDINAL)),
                        c -> c.getMetadata().getAnnotations().get(ApiGroup.ANNOTATION_PINNED_NODE)));
    }

    private Optional<ClaimStatus> claimStatus(String namespace, String set, int ordinal) {
        PersistentVolumeClaimSet s = getSet(namespace, set);
        return s == null || s.getStatus() == null
                ? Optional.empty()
                : s.getStatus().getClaims().stream()
                        .filter(c -> c.getOrdinal() == ordinal)
                        .findFirst();
    }

    /** Waits until {@code count} claims are pinned in status and annotation alike; returns ordinal to node. */
    private Map<Integer, String> awaitPinned(String namespace, String set, int count) {
        await(count + " claims of " + set + " pinned", LONG, () -> {
            PersistentVolumeClaimSet s = getSet(namespace, set);
            Map<Integer, String> pinned = pinnedNodes(namespace, set);
            return pinned.size() == count
                    && s.getStatus() != null
                    && s.getStatus().getClaims().size() == count
                    && s.getStatus().getClaims().stream()
                            .allMatch(c -> c.getPhase() == ClaimPhase.Pinned
                                    && Objects.equals(c.getNode(), pinned.get(c.getOrdinal())));
        });
        return pinnedNodes(namespace, set);
    }

    /** Like await, but on a timeout says what the pods, claims and claim sets of the namespace look like. */
    private void awaitOrDump(String what, String namespace, java.util.function.Supplier<Boolean> condition) {
        try {
            await(what, LONG, condition);
        } catch (AssertionError e) {
            StringBuilder sb = new StringBuilder(what).append(" timed out; pods:");
            client.pods()
                    .inNamespace(namespace)
                    .list()
                    .getItems()
                    .forEach(p -> sb.append("\n  ")
                            .append(p.getMetadata().getName())
                            .append(" node=")
                            .append(p.getSpec().getNodeName())
                            .append(" phase=")
                            .append(phase(p))
                            .append(" status=")
                            .append(p.getStatus() == null ? null : p.getStatus().getConditions()));
            sb.append("\nclaims:");
            client.persistentVolumeClaims()
                    .inNamespace(namespace)
                    .list()
                    .getItems()
                    .forEach(c -> sb.append("\n  ")
                            .append(c.getMetadata().getName())
                            .append(" uid=")
                            .append(c.getMetadata().getUid())
                            .append(" ann=")
                            .append(c.getMetadata().getAnnotations())
                            .append(" phase=")
                            .append(c.getStatus() == null ? null : c.getStatus().getPhase()));
            client.resources(PersistentVolumeClaimSet.class)
                    .inNamespace(namespace)
                    .list()
                    .getItems()
                    .forEach(x -> sb.append("\nset ")
                            .append(x.getMetadata().getName())
                            .append(" ann=")
                            .append(x.getMetadata().getAnnotations()));
            client.resources(DataCenterApp.class)
                    .inNamespace(namespace)
                    .list()
                    .getItems()
                    .forEach(a -> sb.append("\napp ")
                            .append(a.getMetadata().getName())
                            .append(" status=")
                            .append(
                                    a.getStatus() == null
                                            ? null
                                            : a.getStatus().getConditions() + " pending="
                                                    + a.getStatus().getPending()));
            throw new AssertionError(sb.toString(), e);
        }
    }

    private static Condition condition(List<Condition> conditions, String type) {
        return Conditions.find(conditions, type).orElseThrow(() -> new AssertionError("no condition " + type));
    }
}
