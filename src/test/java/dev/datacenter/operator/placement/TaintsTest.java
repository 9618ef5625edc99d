package dev.datacenter.operator.placement;

import static dev.datacenter.operator.placement.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Taints and tolerations with Kubernetes' matching rules, and nodes barred for an instance that they refused. */
class TaintsTest {

    private static final Taint GPU_TAINT = new Taint("nvidia.com/gpu", "present", Taint.NO_SCHEDULE);
    private static final Taint DEDICATED_DB = new Taint("dedicated", "db", Taint.NO_SCHEDULE);

    private static NodeSpec tainted(NodeSpec n, Taint... taints) {
        return n.withTaints(List.of(taints));
    }

    private static List<OfferDecision> place(PlacementEngine e, AppSpec app, int instances) {
        submit(e, app, instances);
        return of(e.allocate(), app.key());
    }

    @Test
    void aGpuAppLandsOnATaintedGpuNodeWithoutListingATolerationAndOthersStayOff() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(tainted(gpuNode("gpu1", 8000, 32, 2), GPU_TAINT));
        List<OfferDecision> gpu = place(e, AppSpec.of("ns/train", "default", new Resources(1000, GI, 1, 0)), 1);
        assertThat(gpu).extracting(OfferDecision::node).containsExactly("gpu1");

        // a CPU-only app would take a GPU node in the scarce fallback; a tainted one it does not tolerate, never
        List<OfferDecision> web = place(e, AppSpec.of("ns/web", "default", Resources.of(500, GI)), 1);
        assertThat(web).isEmpty();
        assertThat(e.whyPending("ns/web").orElseThrow().nodes(DeclineReason.UntoleratedTaint))
                .isEqualTo(1);
    }

    @Test
    void aDedicatedNodeTakesOnlyAppsThatTolerateAllItsHardTaints() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(tainted(node("db1", 8000, 32), DEDICATED_DB, new Taint("maintenance", null, Taint.NO_EXECUTE)));
        AppSpec base = AppSpec.of("ns/x", "default", Resources.of(500, GI));

        assertThat(place(
                        e,
                        base.withTolerations(List.of(new Toleration("dedicated", "Equal", "db", null)))
                                .withPins(Map.of()),
                        1))
                .as("tolerates dedicated=db but not maintenance:NoExecute")
                .isEmpty();
        assertThat(e.whyPending("ns/x").orElseThrow().nodes(DeclineReason.UntoleratedTaint))
                .isEqualTo(1);

        AppSpec both = new AppSpec(
                "ns/both",
                "default",
                Resources.of(500, GI),
                List.of(),
                List.of(),
                List.of(),
                Map.of(),
                List.of(
                        new Toleration("dedicated", "Equal", "db", "NoSchedule"),
                        new Toleration("maintenance", "Exists", null, "NoExecute")),
                Map.of());
        assertThat(place(e, both, 1)).extracting(OfferDecision::node).containsExactly("db1");
    }

    @Test
    void tolerationMatchingFollowsKubernetes() {
        assertThat(new Toleration("dedicated", "Equal", "db", null).tolerates(DEDICATED_DB))
                .isTrue();
        assertThat(new Toleration("dedicated", null, "db", "NoSchedule").tolerates(DEDICATED_DB))
                .as("operator defaults to Equal")
                .isTrue();
        assertThat(new Toleration("dedicated", "Equal", "ci", null).tolerates(DEDICATED_DB))
                .as("another value")
                .isFalse();
        assertThat(new Toleration("dedicated", "Exists", null, "NoExecute").tolerates(DEDICATED_DB))
                .as("another effect")
                .isFalse();
        assertThat(new Toleration("dedicated", "Exists", null, null).tolerates(DEDICATED_DB))
                .isTrue();
        assertThat(new Toleration(null, "Exists", null, null).tolerates(DEDICATED_DB))
                .as("empty key with Exists tolerates everything")
                .isTrue();
        assertThat(new Toleration(null, "Equal", null, null).tolerates(DEDICATED_DB))
                .as("empty key needs Exists")
                .isFalse();
    }

    private static PlacementEngine spotAndBig() {
        PlacementEngine e = new PlacementEngine();
        // best fit alone would pick the fuller spot node first
        e.upsertNode(tainted(node("spot", 1000, 4), new Taint("spot", "true", Taint.PREFER_NO_SCHEDULE)));
        e.upsertNode(node("big", 8000, 32));
        return e;
    }

    @Test
    void preferNoScheduleRanksANodeLastButNeverBarsIt() {
        PlacementEngine e = spotAndBig();
        List<OfferDecision> first = place(e, AppSpec.of("ns/a", "default", Resources.of(1000, GI)), 1);
        assertThat(first).extracting(OfferDecision::node).containsExactly("big");
        first.forEach(e::commit);

        // when nothing else has room, the disfavoured node still takes the instance
        List<OfferDecision> more = place(e, AppSpec.of("ns/b", "default", Resources.of(7000, GI)), 1);
        assertThat(more).extracting(OfferDecision::node).containsExactly("big");
        more.forEach(e::commit);
        List<OfferDecision> last = place(e, AppSpec.of("ns/c", "default", Resources.of(1000, GI)), 1);
        assertThat(last).extracting(OfferDecision::node).containsExactly("spot");
    }

    @Test
    void anAppToleratingAPreferNoScheduleTaintSeesTheNodeAsAnyOther() {
        PlacementEngine e = spotAndBig();
        List<OfferDecision> tolerant = place(
                e,
                AppSpec.of("ns/t", "default", Resources.of(1000, GI))
                        .withTolerations(List.of(new Toleration("spot", "Exists", null, null))),
                1);
        assertThat(tolerant).extracting(OfferDecision::node).containsExactly("spot");
    }

    @Test
    void preferNoScheduleRanksWithinAGroupByTierNotAcrossTiers() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(tainted(node("spot-a", 8000, 32, "rack", "a"), new Taint("spot", "", Taint.PREFER_NO_SCHEDULE)));
        e.upsertNode(node("b1", 8000, 32, "rack", "b"));
        List<OfferDecision> ds = place(e, app("ns/s", 1000, 1, c("rack", Constraint.Operator.GROUP_BY)), 2);
        assertThat(ds).extracting(OfferDecision::node).containsExactlyInAnyOrder("spot-a", "b1");
    }

    @Test
    void aNodeThatRefusedAnInstanceIsBarredForThatInstanceOnly() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(node("a", 4000, 16));
        e.upsertNode(node("b", 2000, 8));
        AppSpec app = AppSpec.of("ns/a", "default", Resources.of(1000, GI)).withBarred(Map.of(0, Set.of("b")));
        List<OfferDecision> ds = place(e, app, 2);
        assertThat(ds)
                .filteredOn(d -> d.instance() == 0)
                .extracting(OfferDecision::node)
                .containsExactly("a");
        assertThat(ds)
                .filteredOn(d -> d.instance() == 1)
                .extracting(OfferDecision::node)
                .as("the other instance may still use b (best fit)")
                .containsExactly("b");
    }

    @Test
    void anInstanceBarredFromTheOnlyNodeThatFitsWaitsWithRefusedByNode() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(node("a", 4000, 16));
        e.upsertNode(node("small", 500, 16));
        AppSpec app = AppSpec.of("ns/a", "default", Resources.of(1000, GI)).withBarred(Map.of(0, Set.of("a")));
        assertThat(place(e, app, 1)).isEmpty();
        PendingSummary s = e.whyPending("ns/a").orElseThrow();
        assertThat(s.nodes(DeclineReason.RefusedByNode)).isEqualTo(1);
        assertThat(s.nodes(DeclineReason.InsufficientCpus)).isEqualTo(1);

        // the bar lifted (the backoff ran out), the instance goes back there
        e.upsertApp(app.withBarred(Map.of()));
        assertThat(of(e.allocate(), "ns/a")).extracting(OfferDecision::node).containsExactly("a");
    }
}
