package dev.datacenter.operator.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FairQueueTest {

    private record Entry(double key, int rank) {}

    @Test
    void pollsInShareThenRankOrderUnderRandomInterleavings() {
        for (long seed = 0; seed < 200; seed++) {
            Random r = new Random(seed);
            FairQueue<Entry> q = new FairQueue<>();
            List<Entry> model = new ArrayList<>();
            for (int step = 0; step < 200; step++) {
                if (model.isEmpty() || r.nextInt(3) > 0) {
                    Entry e = new Entry(r.nextInt(5) / 4.0, r.nextInt(1000));
                    q.add(e, e.key(), e.rank());
                    model.add(e);
                } else {
                    Entry min = model.stream()
                            .min(Comparator.comparingDouble(Entry::key).thenComparingInt(Entry::rank))
                            .orElseThrow();
                    Entry got = q.poll();
                    assertThat(got.key()).isEqualTo(min.key());
                    assertThat(got.rank()).isEqualTo(min.rank());
                    model.remove(got);
                }
            }
            assertThat(q.isEmpty()).isEqualTo(model.isEmpty());
        }
    }
}
