package dev.datacenter.operator.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.claims.ObjectEvents;
import dev.datacenter.operator.testsupport.Eventually;
import dev.datacenter.operator.testsupport.TestObjects;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AppEventsTest {
    private final List<String> recorded = new CopyOnWriteArrayList<>();
    private final AppEvents events = new AppEvents();
    private final DataCenterApp app = TestObjects.app("ns", "web", spec -> {});

    AppEventsTest() {
        events.events = new ObjectEvents() {
            @Override
            public void record(HasMetadata object, String type, String reason, String message) {
                recorded.add(reason + ": " + message);
            }
        };
        events.minInterval = Duration.ofSeconds(1);
    }

    @AfterEach
    void stop() {
        events.stop();
    }

    @Test
    void aBurstIsTheFirstEventThenTheNewestWithTheCountOfTheRestWhenTheIntervalEnds() {
        for (int i = 0; i < 50; i++) {
            events.record(app, AppEvents.NORMAL, "Placed", "instance " + i + " placed");
        }

        assertThat(recorded).containsExactly("Placed: instance 0 placed");
        Eventually.await("the held-back placements are told", () -> recorded.size() == 2);
        assertThat(recorded.get(1)).isEqualTo("Placed: instance 49 placed (and 48 more like it since the last event)");
        Eventually.sleep(1500);
        assertThat(recorded).as("nothing more was held back").hasSize(2);
    }

    @Test
    void aLoneEventIsRecordedOnceAndReasonsAreLimitedApart() {
        events.record(app, AppEvents.NORMAL, "Placed", "instance 0 placed");
        events.record(app, AppEvents.WARNING, "Unplaceable", "2 instance(s) waiting");

        Eventually.sleep(1500);
        assertThat(recorded).containsExactly("Placed: instance 0 placed", "Unplaceable: 2 instance(s) waiting");
    }
}
