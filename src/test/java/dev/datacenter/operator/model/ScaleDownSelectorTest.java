package dev.datacenter.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datacenter.operator.api.KillSelection;
import dev.datacenter.operator.model.ScaleDownSelector.Candidate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScaleDownSelectorTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Candidate ok(String id, int createdMinute) {
        return new Candidate(id, true, true, true, T0.plusSeconds(60L * createdMinute));
    }

    @Test
    void youngestFirstByDefaultOldestFirstOnRequest() {
        List<Candidate> all = List.of(ok("a", 1), ok("b", 3), ok("c", 2));
        assertThat(ScaleDownSelector.select(all, 2, KillSelection.YoungestFirst))
                .containsExactly("b", "c");
        assertThat(ScaleDownSelector.select(all, 2, KillSelection.OldestFirst)).containsExactly("a", "c");
        assertThat(ScaleDownSelector.select(all, 9, KillSelection.OldestFirst)).containsExactly("a", "c", "b");
        assertThat(ScaleDownSelector.select(all, 0, KillSelection.OldestFirst)).isEmpty();
    }

    @Test
    void unreadyAndUnhealthyFirstThenOutdatedThenPolicy() {
        List<Candidate> all = List.of(
                ok("young", 9),
                new Candidate("old-rev", true, true, false, T0),
                new Candidate("unhealthy", true, false, true, T0),
                new Candidate("staged", false, false, true, null),
                ok("older", 1));
        assertThat(ScaleDownSelector.select(all, 4, KillSelection.YoungestFirst))
                .containsExactly("staged", "unhealthy", "old-rev", "young");
        assertThat(ScaleDownSelector.select(all, 4, KillSelection.OldestFirst))
                .containsExactly("unhealthy", "staged", "old-rev", "older");
    }

    @Test
    void groupBySpreadStaysEven() {
        // zone a: 3 instances, zone b: 2, zone c: 1; the youngest are in zone c and b
        List<Candidate> all = List.of(ok("a1", 1), ok("a2", 2), ok("a3", 3), ok("b1", 4), ok("b2", 5), ok("c1", 6));
        Map<String, String> zone = Map.of("a1", "a", "a2", "a", "a3", "a", "b1", "b", "b2", "b", "c1", "c");
        assertThat(ScaleDownSelector.select(all, 1, KillSelection.YoungestFirst, zone))
                .containsExactly("a3");
        assertThat(ScaleDownSelector.select(all, 3, KillSelection.YoungestFirst, zone))
                .containsExactly("a3", "b2", "a2");
        assertThat(ScaleDownSelector.select(all, 3, KillSelection.OldestFirst, zone))
                .containsExactly("a1", "a2", "b1");
    }

    @Test
    void spreadNeverSkewsByMoreThanOneWhenStartingEven() {
        List<Candidate> all = new ArrayList<>();
        Map<String, String> zone = new HashMap<>();
        for (int i = 0; i < 12; i++) {
            all.add(ok("i" + i, (i * 7) % 12));
            zone.put("i" + i, "z" + (i % 3));
        }
        for (int k = 0; k <= 12; k++) {
            List<String> victims = ScaleDownSelector.select(all, k, KillSelection.YoungestFirst, zone);
            Map<String, Integer> left = new HashMap<>(Map.of("z0", 0, "z1", 0, "z2", 0));
            all.stream()
                    .filter(c -> !victims.contains(c.id()))
                    .forEach(c -> left.merge(zone.get(c.id()), 1, Integer::sum));
            int max = left.values().stream().max(Integer::compare).orElseThrow();
            int min = left.values().stream().min(Integer::compare).orElseThrow();
            assertThat(max - min).as("skew after %d victims", k).isLessThanOrEqualTo(1);
        }
    }
}
