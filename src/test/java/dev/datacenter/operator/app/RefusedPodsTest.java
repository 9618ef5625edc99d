package dev.datacenter.operator.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datacenter.operator.api.ApiGroup;
import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.KillSelection;
import dev.datacenter.operator.cluster.PodDeletes;
import dev.datacenter.operator.model.RollingUpdatePlanner.Strategy;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The release of a refused pod, round after round, as the reconciler sees it while the informer cache still
 * shows the deleted pod: the instance must be placed again under the ordinal its bar is kept for.
 */
class RefusedPodsTest {
    private static final Instant NOW = Instant.parse("2026-12-04T09:00:00Z");
    private static final String APP = "demo/web";

    private final List<String> deletedPods = new ArrayList<>();
    private final RefusedPods refused = refusedPods();

    @Test
    void aReleasedPodTheCacheStillShowsStaysReleasedSoItsOrdinalIsPlacedAgainWithItsBar() {
        Pod pod = admissionFailure("web-0-1-abcde", "uid-1", 0, "node-2");

        RefusedPods.Released first = refused.release(app(), APP, List.of(pod), Set.of(), NOW);
        assertThat(first.uids()).containsExactly("uid-1");
        assertThat(deletedPods).containsExactly("web-0-1-abcde");
        assertThat(refused.barred(APP, NOW)).isEqualTo(Map.of(0, Set.of("node-2")));

        // the next round: the pod is deleted (an expected deletion) but the cache has not dropped it yet
        Set<String> expected = Set.of("uid-1");
        RefusedPods.Released second = refused.release(app(), APP, List.of(pod), expected, NOW.plusMillis(20));
        assertThat(second.uids())
                .as("still released, so the reconciler does not count it as a terminating member")
                .containsExactly("uid-1");
        assertThat(deletedPods).as("deleted once").hasSize(1);

        // what that round plans: ordinal 0 again, the one its bar covers (counted, the pod would push the
        // instance to ordinal 1, free to go back to node-2)
        List<Pod> members = List.of(pod).stream()
                .filter(p -> !second.uids().contains(p.getMetadata().getUid()))
                .toList();
        InstancePlan plan = InstancePlan.of(new InstancePlan.Input(
                1,
                "h",
                new Strategy(1, 1),
                KillSelection.YoungestFirst,
                AppInstances.of(members, expected, n -> Optional.empty(), null, false, NOW),
                Set.of(),
                true,
                false));
        assertThat(plan.launch()).containsExactly(0);
        assertThat(refused.barred(APP, NOW.plusMillis(20))).containsKey(0);

        // gone from the cache: forgotten
        assertThat(refused.release(app(), APP, List.of(), Set.of(), NOW.plusSeconds(1))
                        .uids())
                .isEmpty();
    }

    @Test
    void theBarIsRecordedBeforeThePodIsDeleted() {
        Pod pod = admissionFailure("web-0-1-abcde", "uid-1", 0, "node-2");
        List<Map<Integer, Set<String>>> barsAtDelete = new ArrayList<>();
        refused.deletes = new PodDeletes() {
            @Override
            public void deleteRefused(Pod p) {
                barsAtDelete.add(refused.barred(APP, NOW));
            }
        };

        refused.release(app(), APP, List.of(pod), Set.of(), NOW);

        assertThat(barsAtDelete).containsExactly(Map.of(0, Set.of("node-2")));
    }

    private RefusedPods refusedPods() {
        RefusedPods r = new RefusedPods();
        r.refusedAfter = Duration.ofSeconds(30);
        r.expectations = new DeletionExpectations();
        r.deletes = new PodDeletes() {
            @Override
            public void deleteRefused(Pod pod) {
                deletedPods.add(pod.getMetadata().getName());
            }
        };
        r.events = new AppEvents() {
            @Override
            public void record(DataCenterApp app, String type, String reason, String message) {
                // events are not what this test is about
            }
        };
        return r;
    }

    private static DataCenterApp app() {
        DataCenterApp app = new DataCenterApp();
        app.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                .withNamespace("demo")
                .withName("web")
                .build());
        return app;
    }

    /** Failed by the kubelet at admission ({@code OutOfcpu}): released at once. */
    private static Pod admissionFailure(String name, String uid, int ordinal, String node) {
        return new PodBuilder()
                .withNewMetadata()
                .withNamespace("demo")
                .withName(name)
                .withUid(uid)
                .withCreationTimestamp("2026-12-04T08:59:00Z")
                .withLabels(Map.of(
                        ApiGroup.LABEL_APP,
                        "web",
                        ApiGroup.LABEL_ORDINAL,
                        String.valueOf(ordinal),
                        ApiGroup.LABEL_INSTANCE,
                        "web-" + ordinal))
                .endMetadata()
                .withNewSpec()
                .withNodeName(node)
                .endSpec()
                .withNewStatus()
                .withPhase("Failed")
                .withReason("OutOfcpu")
                .withMessage("Pod was rejected: Node didn't have enough resource: cpu")
                .endStatus()
                .build();
    }
}
