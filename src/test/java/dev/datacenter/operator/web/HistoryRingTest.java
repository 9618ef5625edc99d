package dev.datacenter.operator.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The history ring and the sampler that fills it, without Quarkus. */
class HistoryRingTest {

    @Test
    void anEmptyRingHoldsNothing() {
        HistoryRing<Integer> ring = new HistoryRing<>(3);
        assertThat(ring.snapshot()).isEmpty();
        assertThat(ring.newest()).isNull();
        assertThat(ring.size()).isZero();
    }

    @Test
    void keepsSamplesOldestFirstUntilFull() {
        HistoryRing<Integer> ring = new HistoryRing<>(3);
        ring.add(1);
        ring.add(2);
        assertThat(ring.snapshot()).containsExactly(1, 2);
        assertThat(ring.newest()).isEqualTo(2);
    }

    @Test
    void aFullRingDropsTheOldest() {
        HistoryRing<Integer> ring = new HistoryRing<>(3);
        IntStream.rangeClosed(1, 7).forEach(ring::add);
        assertThat(ring.snapshot()).containsExactly(5, 6, 7);
        assertThat(ring.size()).isEqualTo(3);
        assertThat(ring.newest()).isEqualTo(7);
    }

    @Test
    void holdsExactlyAnHourAtTheDefaultInterval() {
        HistoryRing<Integer> ring = new HistoryRing<>(HistorySampler.capacityFor(Duration.ofSeconds(10)));
        IntStream.range(0, 1000).forEach(ring::add);
        assertThat(ring.capacity()).isEqualTo(360);
        assertThat(ring.snapshot()).hasSize(360).startsWith(640).endsWith(999);
        assertThat(HistorySampler.capacityFor(Duration.ofMinutes(1))).isEqualTo(60);
        assertThat(HistorySampler.capacityFor(Duration.ofHours(2))).isEqualTo(1);
    }

    @Test
    void clearEmptiesTheRing() {
        HistoryRing<Integer> ring = new HistoryRing<>(2);
        ring.add(1);
        ring.add(2);
        ring.add(3);
        ring.clear();
        assertThat(ring.snapshot()).isEmpty();
        ring.add(4);
        assertThat(ring.snapshot()).containsExactly(4);
    }

    @Test
    void rejectsANonPositiveCapacityAndNullSamples() {
        assertThatThrownBy(() -> new HistoryRing<>(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HistoryRing<Integer>(1).add(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void samplerRecordsRatiosAndFailuresPerInterval() {
        HistorySampler sampler = new HistorySampler(new FakeOperatorStateSource(), Duration.ofSeconds(10));
        Instant t0 = Instant.parse("2026-11-25T08:00:00Z");
        sampler.record(t0, FakeCluster.state(t0, 6, 1, 17));
        sampler.record(t0.plusSeconds(10), FakeCluster.state(t0, 6, 1, 20));
        sampler.record(t0.plusSeconds(20), FakeCluster.state(t0, 6, 1, 20));

        HistoryView view = sampler.history();
        assertThat(view.intervalSeconds()).isEqualTo(10.0);
        assertThat(view.capacity()).isEqualTo(360);
        assertThat(view.points()).extracting(HistoryPoint::taskFailures).containsExactly(0L, 3L, 0L);
        assertThat(view.points())
                .extracting(HistoryPoint::time)
                .containsExactly("2026-11-25T08:00:00Z", "2026-11-25T08:00:10Z", "2026-11-25T08:00:20Z");

        StateView state = FakeCluster.state(t0);
        HistoryPoint first = view.points().get(0);
        assertThat(first.cluster().cpu())
                .isEqualTo(state.cluster().allocated().cpus()
                        / state.cluster().capacity().cpus());
        assertThat(first.cluster().cpu()).isStrictlyBetween(0.0, 1.0);
        assertThat(first.pools()).containsOnlyKeys("analytics", "default", "gpu", "web");
        // trainer: one running and one staged instance, two GPUs each, of the gpu pool's 8
        assertThat(first.pools().get("gpu").gpu()).isEqualTo(4.0 / 8);
        assertThat(first.tasksRunning()).isEqualTo(state.cluster().tasks().running());
    }

    @Test
    void aZeroCapacityGivesAZeroRatio() {
        assertThat(AllocationSample.of(ResourcesView.ZERO, ResourcesView.ZERO))
                .isEqualTo(new AllocationSample(0, 0, 0));
    }
}
