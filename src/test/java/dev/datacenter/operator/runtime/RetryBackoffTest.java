package dev.datacenter.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {
    private static final Duration INITIAL = Duration.ofMillis(200);
    private static final Duration MAX = Duration.ofMinutes(5);

    @Test
    void doublesFromTheInitialDelayUpToTheCap() {
        RetryBackoff backoff = new RetryBackoff(INITIAL, MAX, 0.2, () -> 0.5);

        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.delayAfter(3)).isEqualTo(Duration.ofMillis(800));
        assertThat(backoff.delayAfter(11)).isEqualTo(Duration.ofMillis(204_800));
        assertThat(backoff.delayAfter(12)).isEqualTo(MAX);
        assertThat(backoff.delayAfter(1_000_000)).isEqualTo(MAX);
    }

    @Test
    void jitterSpreadsTheDelayByAtMostTwentyPercent() {
        assertThat(new RetryBackoff(INITIAL, MAX, 0.2, () -> 0.0).delayAfter(2)).isEqualTo(Duration.ofMillis(320));
        assertThat(new RetryBackoff(INITIAL, MAX, 0.2, () -> 0.999_999).delayAfter(2))
                .isBetween(Duration.ofMillis(479), Duration.ofMillis(480));
        assertThat(new RetryBackoff(INITIAL, MAX, 0.2, () -> 0.0).delayAfter(50))
                .isEqualTo(Duration.ofMinutes(4));
    }

    @Test
    void realRandomJitterStaysWithinBounds() {
        RetryBackoff backoff = new RetryBackoff(INITIAL, MAX, 0.2);
        for (int i = 0; i < 1000; i++) {
            assertThat(backoff.delayAfter(3)).isBetween(Duration.ofMillis(640), Duration.ofMillis(960));
        }
    }

    @Test
    void rejectsAnInitialDelayAboveTheCap() {
        assertThatThrownBy(() -> new RetryBackoff(MAX, INITIAL, 0.2)).isInstanceOf(IllegalArgumentException.class);
    }
}
