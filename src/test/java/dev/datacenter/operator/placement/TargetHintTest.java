package dev.datacenter.operator.placement;

import static dev.datacenter.operator.placement.Constraint.Operator.*;
import static dev.datacenter.operator.placement.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The packing hint: work not pinned to a rack keeps off the racks CLUSTER apps are pinned to while others fit. */
class TargetHintTest {

    private static PlacementEngine twoRacks() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(node("a1", 4000, 16, "rack", "r1"));
        e.upsertNode(node("a2", 4000, 16, "rack", "r1"));
        e.upsertNode(node("b1", 4000, 16, "rack", "r2"));
        e.upsertNode(node("b2", 4000, 16, "rack", "r2"));
        return e;
    }

    @Test
    void unpinnedWorkLeavesRoomInTheRackAClusterAppIsPinnedTo() {
        PlacementEngine e = twoRacks();
        submit(e, app("ns/pinned", 1000, 1, c("rack", CLUSTER, "r1")), 4);
        assertThat(e.allocate().decisions())
                .hasSize(4)
                .allSatisfy(d -> assertThat(d.node()).startsWith("a"));
        submit(e, app("ns/free", 4000, 1), 1);
        // by name alone a2 (empty, tied with b1 and b2) would win and leave the pinned app no room to grow
        assertThat(e.allocate().decisions()).extracting(OfferDecision::node).containsExactly("b1");
        e.setPending("ns/pinned", ordinals(8));
        assertThat(e.allocate().decisions())
                .hasSize(4)
                .allSatisfy(d -> assertThat(d.node()).isEqualTo("a2"));
    }

    @Test
    void pinnedRacksAreStillUsedWhenNothingElseFits() {
        PlacementEngine e = twoRacks();
        submit(e, app("ns/pinned", 1000, 1, c("rack", CLUSTER, "r1")), 4);
        e.allocate();
        submit(e, app("ns/free", 4000, 1), 3);
        assertThat(e.allocate().decisions())
                .extracting(OfferDecision::node)
                .containsExactlyInAnyOrder("b1", "b2", "a2");
    }

    @Test
    void sameInputsGiveTheSameDecisions() {
        String first = null;
        for (int run = 0; run < 3; run++) {
            PlacementEngine e = twoRacks();
            submit(e, app("ns/pinned", 1000, 1, c("rack", CLUSTER, "r1")), 2);
            submit(e, app("ns/like", 1000, 1, c("rack", LIKE, "r[12]")), 3);
            submit(e, app("ns/free", 2000, 1), 3);
            String decisions = e.allocate().decisions().toString();
            if (first == null) first = decisions;
            assertThat(decisions).isEqualTo(first);
        }
    }
}
