package dev.datacenter.operator.placement;

import static dev.datacenter.operator.placement.Constraint.Operator.*;
import static dev.datacenter.operator.placement.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ConstraintOperatorsTest {

    private static PlacementEngine threeZones(int nodesPerZone, long cpus) {
        PlacementEngine e = new PlacementEngine();
        for (int z = 0; z < 3; z++) {
            for (int i = 0; i < nodesPerZone; i++) {
                e.upsertNode(node(
                        "z" + z + "-n" + i,
                        cpus,
                        64,
                        NodeAttributes.ZONE_LABEL,
                        "z" + z,
                        "rack",
                        "rack-" + (z * 10 + i)));
            }
        }
        return e;
    }

    private static Set<String> values(PlacementEngine e, List<OfferDecision> ds, String prefixLen) {
        return ds.stream()
                .map(d -> d.node().substring(0, Integer.parseInt(prefixLen)))
                .collect(Collectors.toSet());
    }

    @Test
    void uniqueHostnamePutsOneInstancePerNodeAndLeavesTheRestWaiting() {
        PlacementEngine e = new PlacementEngine();
        for (int i = 0; i < 3; i++) e.upsertNode(node("n" + i, 8000, 32));
        submit(e, app("ns/a", 1000, 1, c("@hostname", UNIQUE)), 4);
        CycleResult r = e.allocate();
        assertThat(r.decisions()).hasSize(3);
        assertThat(countByNode(r.decisions()))
                .containsOnlyKeys("n0", "n1", "n2")
                .allSatisfy((k, v) -> assertThat(v).isEqualTo(1));
        assertThat(e.whyPending("ns/a").orElseThrow().nodes(DeclineReason.UnfulfilledConstraint))
                .isEqualTo(3);
    }

    @Test
    void uniqueOnALabelAllowsOneInstancePerValue() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(node("a1", 8000, 32, "rack", "r1"));
        e.upsertNode(node("a2", 8000, 32, "rack", "r1"));
        e.upsertNode(node("b1", 8000, 32, "rack", "r2"));
        submit(e, app("ns/a", 1000, 1, c("rack", UNIQUE)), 3);
        CycleResult r = e.allocate();
        assertThat(r.decisions()).hasSize(2);
        assertThat(r.decisions().stream().map(d -> d.node().substring(0, 1)).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void clusterWithValueUsesOnlyNodesWithThatValue() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(node("a1", 2000, 32, "rack", "r1"));
        e.upsertNode(node("b1", 8000, 32, "rack", "r2"));
        submit(e, app("ns/a", 1000, 1, c("rack", CLUSTER, "r1")), 3);
        CycleResult r = e.allocate();
        assertThat(r.decisions()).extracting(OfferDecision::node).containsExactly("a1", "a1");
    }

    @Test
    void clusterWithoutValueSticksToTheFirstInstancesValue() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(node("a1", 8000, 32, "rack", "r1"));
        e.upsertNode(node("b1", 8000, 32, "rack", "r2"));
        e.upsertNode(node("b2", 8000, 32, "rack", "r2"));
        e.upsertApp(app("ns/a", 3000, 1, c("rack", CLUSTER)));
        e.addRunningTask(RunningTask.instance("ns/a", 0, "b2", Resources.of(3000, GI), List.of()));
        e.setPending("ns/a", List.of(0, 1, 2, 3, 4));
        CycleResult r = e.allocate();
        assertThat(r.decisions())
                .hasSize(3)
                .allSatisfy(d -> assertThat(d.node()).startsWith("b"));
    }

    @Test
    void clusterWithoutValueSticksToTheLowestOrdinalsValueWhateverTheOrdinals() {
        // ordinals 100 and 5 (100 before 5 in a hash map's iteration): the lowest ordinal, 5, decides
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(node("a1", 8000, 32, "rack", "r1"));
        e.upsertNode(node("b1", 8000, 32, "rack", "r2"));
        e.upsertApp(app("ns/a", 1000, 1, c("rack", CLUSTER)));
        e.addRunningTask(RunningTask.instance("ns/a", 100, "b1", Resources.of(1000, GI), List.of()));
        e.addRunningTask(RunningTask.instance("ns/a", 5, "a1", Resources.of(1000, GI), List.of()));
        e.setPending("ns/a", List.of(0, 1, 2));
        CycleResult r = e.allocate();
        assertThat(r.decisions())
                .hasSize(3)
                .allSatisfy(d -> assertThat(d.node()).isEqualTo("a1"));
    }

    @Test
    void clusterWithoutValueAndNoInstanceChoosesOneValueForAll() {
        PlacementEngine e = threeZones(2, 8000);
        submit(e, app("ns/a", 1000, 1, c("@zone", CLUSTER)), 6);
        CycleResult r = e.allocate();
        assertThat(r.decisions()).hasSize(6);
        assertThat(r.decisions().stream().map(d -> d.node().substring(0, 2)).collect(Collectors.toSet()))
                .hasSize(1);
    }

    @Test
    void groupByZoneSpreadsEvenly() {
        PlacementEngine e = threeZones(3, 8000);
        submit(e, app("ns/a", 1000, 1, c("@zone", GROUP_BY)), 10);
        CycleResult r = e.allocate();
        Map<String, Long> perZone = r.decisions().stream()
                .collect(Collectors.groupingBy(d -> d.node().substring(0, 2), Collectors.counting()));
        assertThat(perZone.values()).containsExactlyInAnyOrder(4L, 3L, 3L);
    }

    @Test
    void groupByKeepsSkewOneAmongValuesThatStillHaveRoom() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(node("z0-n0", 1000, 32, NodeAttributes.ZONE_LABEL, "z0"));
        e.upsertNode(node("z1-n0", 8000, 32, NodeAttributes.ZONE_LABEL, "z1"));
        e.upsertNode(node("z2-n0", 8000, 32, NodeAttributes.ZONE_LABEL, "z2"));
        submit(e, app("ns/a", 1000, 1, c("@zone", GROUP_BY, "3")), 7);
        CycleResult r = e.allocate();
        Map<String, Long> perZone = r.decisions().stream()
                .collect(Collectors.groupingBy(d -> d.node().substring(0, 2), Collectors.counting()));
        assertThat(perZone).containsEntry("z0", 1L).containsEntry("z1", 3L).containsEntry("z2", 3L);
    }

    @Test
    void groupByEvensOutAnExistingSkewFirst() {
        PlacementEngine e = threeZones(1, 8000);
        e.upsertApp(app("ns/a", 1000, 1, c("@zone", GROUP_BY)));
        e.addRunningTask(RunningTask.instance("ns/a", 0, "z0-n0", Resources.of(1000, GI), List.of()));
        e.addRunningTask(RunningTask.instance("ns/a", 1, "z0-n0", Resources.of(1000, GI), List.of()));
        e.setPending("ns/a", ordinals(4));
        CycleResult r = e.allocate();
        assertThat(r.decisions()).extracting(d -> d.node().substring(0, 2)).containsExactlyInAnyOrder("z1", "z2");
    }

    @Test
    void groupByHostnameSpreadsOverHosts() {
        PlacementEngine e = threeZones(2, 8000);
        submit(e, app("ns/a", 1000, 1, c("@hostname", GROUP_BY)), 12);
        CycleResult r = e.allocate();
        assertThat(countByNode(r.decisions()))
                .hasSize(6)
                .allSatisfy((k, v) -> assertThat(v).isEqualTo(2));
    }

    @Test
    void likeIsAFullRegexMatch() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(node("a", 8000, 32, "rack", "rack-1"));
        e.upsertNode(node("b", 8000, 32, "rack", "rack-10"));
        e.upsertNode(node("c", 8000, 32));
        submit(e, app("ns/a", 1000, 1, c("rack", LIKE, "rack-1")), 3);
        CycleResult r = e.allocate();
        assertThat(r.decisions())
                .extracting(OfferDecision::node)
                .containsOnly("a")
                .hasSize(3);
    }

    @Test
    void unlikeRefusesMatchingValuesAndAcceptsNodesWithoutTheAttribute() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(node("a", 1000, 32, "rack", "rack-1"));
        e.upsertNode(node("b", 1000, 32, "rack", "rack-10"));
        e.upsertNode(node("c", 1000, 32));
        submit(e, app("ns/a", 1000, 1, c("rack", UNLIKE, "rack-1")), 3);
        CycleResult r = e.allocate();
        assertThat(r.decisions()).extracting(OfferDecision::node).containsExactlyInAnyOrder("b", "c");
    }

    @Test
    void maxPerCapsInstancesPerValue() {
        PlacementEngine e = threeZones(2, 8000);
        submit(e, app("ns/a", 1000, 1, c("@zone", MAX_PER, "2")), 9);
        CycleResult r = e.allocate();
        Map<String, Long> perZone = r.decisions().stream()
                .collect(Collectors.groupingBy(d -> d.node().substring(0, 2), Collectors.counting()));
        assertThat(perZone).hasSize(3).allSatisfy((k, v) -> assertThat(v).isEqualTo(2L));
    }

    @Test
    void isRequiresTheExactValue() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(node("a", 8000, 32, "disk", "ssd"));
        e.upsertNode(node("b", 8000, 32, "disk", "ssd2"));
        submit(e, app("ns/a", 1000, 1, c("disk", IS, "ssd")), 2);
        assertThat(e.allocate().decisions()).extracting(OfferDecision::node).containsExactly("a", "a");
    }

    @Test
    void regionAliasReadsTheRegionLabel() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(node("a", 8000, 32, NodeAttributes.REGION_LABEL, "eu"));
        e.upsertNode(node("b", 8000, 32, NodeAttributes.REGION_LABEL, "us"));
        submit(e, app("ns/a", 1000, 1, c("@region", IS, "us")), 2);
        assertThat(e.allocate().decisions()).extracting(OfferDecision::node).containsExactly("b", "b");
    }

    @Test
    void aNodeLackingTheAttributeIsRefusedByEveryOperatorButUnlike() {
        for (Constraint.Operator op : Constraint.Operator.values()) {
            PlacementEngine e = new PlacementEngine();
            e.upsertNode(node("bare", 8000, 32));
            String value = switch (op) {
                case LIKE, UNLIKE -> ".*";
                case MAX_PER, GROUP_BY -> "1";
                case IS -> "x";
                default -> null;
            };
            submit(e, app("ns/a", 1000, 1, c("rack", op, value)), 1);
            int placed = e.allocate().decisions().size();
            assertThat(placed).as(op.name()).isEqualTo(op == UNLIKE ? 1 : 0);
        }
    }

    @Test
    void invalidRegexIsAnAppErrorAndDoesNotStopOtherApps() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(node("a", 8000, 32, "rack", "r1"));
        submit(e, app("ns/bad", 1000, 1, c("rack", LIKE, "r[")), 1);
        submit(e, app("ns/good", 1000, 1), 1);
        CycleResult r = e.allocate();
        assertThat(r.decisions()).extracting(OfferDecision::appKey).containsExactly("ns/good");
        PendingSummary s = e.whyPending("ns/bad").orElseThrow();
        assertThat(s.errors())
                .singleElement()
                .satisfies(err -> assertThat(err.reason()).isEqualTo(AppError.INVALID_CONSTRAINT));
        assertThat(r.pendingApps()).extracting(CycleResult.PendingApp::appKey).containsExactly("ns/bad");
    }

    @Test
    void colocateWithFollowsTheOtherAppsNodesAndZones() {
        PlacementEngine e = threeZones(2, 8000);
        e.upsertApp(app("ns/cache", 1000, 1));
        e.addRunningTask(RunningTask.instance("ns/cache", 0, "z1-n1", Resources.of(1000, GI), List.of()));
        e.upsertApp(app("ns/web", 1000, 1).withColocation(List.of(new Colocation("ns/cache", "@hostname"))));
        e.setPending("ns/web", ordinals(2));
        e.upsertApp(app("ns/api", 1000, 1).withColocation(List.of(new Colocation("ns/cache", "@zone"))));
        e.setPending("ns/api", ordinals(3));
        CycleResult r = e.allocate();
        assertThat(of(r, "ns/web")).extracting(OfferDecision::node).containsExactly("z1-n1", "z1-n1");
        assertThat(of(r, "ns/api"))
                .hasSize(3)
                .allSatisfy(d -> assertThat(d.node()).startsWith("z1-"));
    }

    @Test
    void colocationWithAnAppThatHasNoInstanceWaitsUntilItHasOne() {
        PlacementEngine e = threeZones(1, 8000);
        e.upsertApp(app("ns/cache", 1000, 1));
        submit(e, app("ns/web", 1000, 1).withColocation(List.of(new Colocation("ns/cache", "@hostname"))), 1);
        assertThat(e.allocate().decisions()).isEmpty();
        assertThat(e.whyPending("ns/web").orElseThrow().nodes(DeclineReason.UnfulfilledConstraint))
                .isEqualTo(3);
        e.setPending("ns/cache", ordinals(1));
        CycleResult first = e.allocate();
        CycleResult second = e.allocate();
        String cacheNode = of(first, "ns/cache").get(0).node();
        List<OfferDecision> web = new java.util.ArrayList<>(of(first, "ns/web"));
        web.addAll(of(second, "ns/web"));
        assertThat(web).singleElement().satisfies(d -> assertThat(d.node()).isEqualTo(cacheNode));
    }
}
