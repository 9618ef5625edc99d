package dev.datacenter.operator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.datacenter.operator.api.Backoff;
import dev.datacenter.operator.api.LaunchDelay;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LaunchBackoffTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final LaunchBackoff defaults = new LaunchBackoff(null);

    private static Backoff backoff(double seconds, double factor, double max) {
        Backoff b = new Backoff();
        b.setSeconds(seconds);
        b.setFactor(factor);
        b.setMaxLaunchDelaySeconds(max);
        return b;
    }

    @Test
    void delaysGrowByTheFactor() {
        assertThat(defaults.delaySeconds(0)).isZero();
        assertThat(defaults.delaySeconds(1)).isEqualTo(1.0);
        assertThat(defaults.delaySeconds(2)).isCloseTo(1.15, within(1e-9));
        assertThat(defaults.delaySeconds(3)).isCloseTo(1.3225, within(1e-9));
        assertThat(defaults.delaySeconds(4)).isCloseTo(1.520875, within(1e-9));
    }

    @Test
    void delayIsCapped() {
        assertThat(defaults.delaySeconds(41))
                .isCloseTo(Math.pow(1.15, 40), within(1e-6))
                .isLessThan(300);
        assertThat(defaults.delaySeconds(42)).isEqualTo(300);
        assertThat(defaults.delaySeconds(100_000)).isEqualTo(300);
        LaunchBackoff b = new LaunchBackoff(backoff(2, 2, 10));
        assertThat(new double[] {b.delaySeconds(1), b.delaySeconds(2), b.delaySeconds(3), b.delaySeconds(4)})
                .containsExactly(2, 4, 8, 10);
    }

    @Test
    void consecutiveFailuresGrowTheDelayAndSetUntilTime() {
        LaunchBackoff b = new LaunchBackoff(backoff(2, 2, 100));
        LaunchBackoff.State s = b.onFailure(LaunchBackoff.State.none(), T0, 1);
        assertThat(s.failures()).isEqualTo(1);
        assertThat(b.untilTime(s)).isEqualTo(T0.plusSeconds(2));
        s = b.onFailure(s, T0.plusSeconds(3), 1);
        assertThat(s.failures()).isEqualTo(2);
        assertThat(b.untilTime(s)).isEqualTo(T0.plusSeconds(7));
        assertThat(b.holds(s, T0.plusSeconds(6), 1)).isTrue();
        assertThat(b.holds(s, T0.plusSeconds(7), 1)).isFalse();
        LaunchDelay status = b.status(s, T0.plusSeconds(5), 1);
        assertThat(status.getUntilTime()).isEqualTo("2026-01-01T00:00:07Z");
        assertThat(status.getCurrentSeconds()).isEqualTo(4.0);
        assertThat(b.status(s, T0.plusSeconds(8), 1)).isNull();
    }

    @Test
    void newRevisionResets() {
        LaunchBackoff b = new LaunchBackoff(backoff(2, 2, 100));
        LaunchBackoff.State s = b.onFailure(b.onFailure(LaunchBackoff.State.none(), T0, 1), T0.plusSeconds(1), 1);
        assertThat(b.holds(s, T0.plusSeconds(2), 2)).isFalse();
        assertThat(b.current(s, T0.plusSeconds(2), 2)).isEqualTo(LaunchBackoff.State.none());
        assertThat(b.onFailure(s, T0.plusSeconds(2), 2).failures()).isEqualTo(1);
    }

    @Test
    void quietPeriodResets() {
        LaunchBackoff b = new LaunchBackoff(backoff(2, 2, 100));
        LaunchBackoff.State s = b.onFailure(LaunchBackoff.State.none(), T0, 1);
        s = b.onFailure(s, T0, 1); // delay 4 s; quiet period ends at 4 + 100 s
        assertThat(b.onFailure(s, T0.plusSeconds(103), 1).failures()).isEqualTo(3);
        assertThat(b.current(s, T0.plusSeconds(103), 1)).isEqualTo(s);
        assertThat(b.onFailure(s, T0.plusSeconds(104), 1).failures()).isEqualTo(1);
        assertThat(b.current(s, T0.plusSeconds(104), 1).failures()).isZero();
    }
}
