package dev.datacenter.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datacenter.operator.api.ClaimPhase;
import dev.datacenter.operator.api.ClaimStatus;
import dev.datacenter.operator.api.ConditionReasons;
import dev.datacenter.operator.api.PersistentVolumeClaimSet;
import dev.datacenter.operator.api.PersistentVolumeClaimSetStatus;
import dev.datacenter.operator.api.ResourcePool;
import dev.datacenter.operator.api.ResourcePoolStatus;
import dev.datacenter.operator.status.ClaimSetStatusAggregator.Abandoned;
import dev.datacenter.operator.status.ResourcePoolStatusAggregator.Observation;
import dev.datacenter.operator.testsupport.TestObjects;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PoolAndClaimSetStatusAggregatorTest {
    private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);

    @Test
    void poolReadinessNoNodesInvalidAndOverLimit() {
        ResourcePool pool = TestObjects.pool("web", null);
        pool.getMetadata().setGeneration(4L);
        ResourcePoolStatusAggregator aggregator = new ResourcePoolStatusAggregator();

        ResourcePoolStatus none = aggregator.aggregate(pool, new Observation(0, null, null, null), T0);
        assertThat(ready(none.getConditions()).getReason()).isEqualTo(ConditionReasons.NO_NODES);
        assertThat(none.getObservedGeneration()).isEqualTo(4L);
        assertThat(none.getNodes()).isZero();

        ResourcePoolStatus shares = new ResourcePoolStatus();
        shares.setNodes(3);
        shares.setCpu("2/12");
        ResourcePoolStatus ok = aggregator.aggregate(pool, new Observation(4, null, shares, null), T0);
        assertThat(ready(ok.getConditions()).getStatus()).isEqualTo("True");
        assertThat(ready(ok.getConditions()).getMessage()).contains("4 nodes match", "3 schedulable");
        assertThat(ok.getCpu()).isEqualTo("2/12");

        pool.setStatus(ok);
        ResourcePoolStatus over = aggregator.aggregate(
                pool, new Observation(4, null, shares, "allocated above the limit: cpus 12 > 8"), T1);
        assertThat(ready(over.getConditions()).getReason()).isEqualTo(ConditionReasons.OVER_LIMIT);
        assertThat(ready(over.getConditions()).getLastTransitionTime())
                .as("still True: no transition")
                .isEqualTo(ready(ok.getConditions()).getLastTransitionTime());

        ResourcePoolStatus invalid =
                aggregator.aggregate(pool, new Observation(0, "spec.weight must be greater than 0", null, null), T1);
        assertThat(ready(invalid.getConditions()).getReason()).isEqualTo(ConditionReasons.INVALID);
        assertThat(ready(invalid.getConditions()).getStatus()).isEqualTo("False");
        assertThat(invalid.getNodes()).isZero();
    }

    @Test
    void claimSetReadinessAndCountsAndTheNewestAbandonmentIsKept() {
        PersistentVolumeClaimSet set = TestObjects.claimSet("ns", "data");
        set.getMetadata().setGeneration(2L);
        ClaimSetStatusAggregator aggregator = new ClaimSetStatusAggregator();

        PersistentVolumeClaimSetStatus bound = aggregator.aggregate(
                set, List.of(claim(0, ClaimPhase.Pinned), claim(1, ClaimPhase.Pinned)), Optional.empty(), T0);
        assertThat(ready(bound.getConditions()).getReason()).isEqualTo(ConditionReasons.CLAIMS_BOUND);
        assertThat(bound.getClaimCount()).isEqualTo(2);
        assertThat(bound.getPinnedCount()).isEqualTo(2);
        assertThat(bound.getLostCount()).isZero();

        PersistentVolumeClaimSetStatus pending = aggregator.aggregate(
                set, List.of(claim(0, ClaimPhase.Pinned), claim(1, ClaimPhase.Pending)), Optional.empty(), T0);
        assertThat(ready(pending.getConditions()).getReason()).isEqualTo(ConditionReasons.CLAIMS_PENDING);
        assertThat(ready(pending.getConditions()).getStatus()).isEqualTo("True");

        set.setStatus(aggregator.aggregate(
                set,
                List.of(claim(0, ClaimPhase.Lost), claim(1, ClaimPhase.Pinned)),
                Optional.of(new Abandoned("Relocated", "claim data-db-2 abandoned")),
                T0));
        assertThat(ready(set.getStatus().getConditions()).getReason()).isEqualTo(ConditionReasons.CLAIMS_LOST);
        assertThat(ready(set.getStatus().getConditions()).getStatus()).isEqualTo("False");
        assertThat(set.getStatus().getLostCount()).isEqualTo(1);
        assertThat(set.getStatus().getPinnedCount())
                .as("a lost claim is still pinned")
                .isEqualTo(2);

        PersistentVolumeClaimSetStatus later =
                aggregator.aggregate(set, List.of(claim(0, ClaimPhase.Pinned)), Optional.empty(), T1);
        assertThat(Conditions.find(later.getConditions(), ClaimSetStatusAggregator.DATA_ABANDONED))
                .hasValueSatisfying(c -> assertThat(c.getMessage()).contains("data-db-2"));
    }

    @Test
    void aTemplateWhoseClaimsWouldBeRefusedMakesTheSetNotReadyWithInvalidSpec() {
        PersistentVolumeClaimSet set = TestObjects.claimSet("ns", "data");
        PersistentVolumeClaimSetStatus status = new ClaimSetStatusAggregator()
                .aggregate(
                        set,
                        List.of(claim(0, ClaimPhase.Pinned)),
                        Optional.empty(),
                        List.of("spec.template.accessModes: unsupported value \"Sometimes\""),
                        List.of("a claim in the way"),
                        Optional.empty(),
                        T0);
        assertThat(ready(status.getConditions()).getStatus()).isEqualTo("False");
        assertThat(ready(status.getConditions()).getReason()).isEqualTo(ConditionReasons.INVALID_SPEC);
        assertThat(ready(status.getConditions()).getMessage()).contains("Sometimes");
    }

    private static ClaimStatus claim(int ordinal, ClaimPhase phase) {
        ClaimStatus c = new ClaimStatus();
        c.setOrdinal(ordinal);
        c.setName("data-db-" + ordinal);
        c.setPhase(phase);
        return c;
    }

    private static Condition ready(List<Condition> conditions) {
        return Conditions.find(conditions, ConditionReasons.READY).orElseThrow();
    }
}
