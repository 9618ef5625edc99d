package dev.datacenter.operator.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datacenter.operator.cluster.StatusWriter;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatusPacingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String APP = "ns/web";

    private final StatusPacing pacing = new StatusPacing(Duration.ofSeconds(5));

    @Test
    void theFirstStatusIsWrittenAtOnceAndACountChangeRightAfterIsHeldUntilTheIntervalEnds() {
        assertThat(writeAt(T0, NullNode.getInstance(), status(0, "False", "WaitingForOffers")))
                .isZero();

        Duration held = writeAt(
                T0.plusSeconds(1), status(0, "False", "WaitingForOffers"), status(3, "False", "WaitingForOffers"));

        assertThat(held).isEqualTo(Duration.ofSeconds(4));
        assertThat(writeAt(
                        T0.plusSeconds(5),
                        status(0, "False", "WaitingForOffers"),
                        status(7, "False", "WaitingForOffers")))
                .as("the interval is over: the counts found then are written")
                .isZero();
    }

    @Test
    void aConditionsVerdictIsWrittenAtOnceEvenRightAfterAWrite() {
        writeAt(T0, NullNode.getInstance(), status(0, "False", "WaitingForOffers"));

        assertThat(writeAt(
                        T0.plusMillis(100),
                        status(0, "False", "WaitingForOffers"),
                        status(3, "True", "AllInstancesReady")))
                .isZero();
        assertThat(writeAt(
                        T0.plusMillis(200), status(3, "True", "AllInstancesReady"), status(3, "False", "InvalidSpec")))
                .isZero();
    }

    @Test
    void aMessageOrPendingCountChangeIsProgressButANewPendingReasonIsAVerdict() throws Exception {
        JsonNode a = JSON.readTree(
                "{\"conditions\":[{\"type\":\"Ready\",\"status\":\"False\",\"reason\":\"WaitingForOffers\",\"message\":\"3 waiting\"}],"
                        + "\"pending\":{\"count\":3,\"reasons\":[{\"reason\":\"InsufficientCpu\",\"nodes\":4}]},"
                        + "\"deployment\":{\"revision\":2,\"phase\":\"Deploying\",\"step\":\"1 of 3\"}}");
        JsonNode progress = JSON.readTree(
                "{\"conditions\":[{\"type\":\"Ready\",\"status\":\"False\",\"reason\":\"WaitingForOffers\",\"message\":\"2 waiting\"}],"
                        + "\"pending\":{\"count\":2,\"reasons\":[{\"reason\":\"InsufficientCpu\",\"nodes\":5}]},"
                        + "\"deployment\":{\"revision\":2,\"phase\":\"Deploying\",\"step\":\"2 of 3\"}}");
        JsonNode newReason = JSON.readTree(
                "{\"conditions\":[{\"type\":\"Ready\",\"status\":\"False\",\"reason\":\"WaitingForOffers\",\"message\":\"2 waiting\"}],"
                        + "\"pending\":{\"count\":2,\"reasons\":[{\"reason\":\"InsufficientMemory\",\"nodes\":5}]},"
                        + "\"deployment\":{\"revision\":2,\"phase\":\"Deploying\",\"step\":\"2 of 3\"}}");
        writeAt(T0, NullNode.getInstance(), a);

        assertThat(writeAt(T0.plusSeconds(1), a, progress)).isGreaterThan(Duration.ZERO);
        assertThat(writeAt(T0.plusSeconds(1), a, newReason)).isZero();
    }

    @Test
    void appsArePacedApartAndAForgottenAppStartsAfresh() {
        writeAt(T0, NullNode.getInstance(), status(0, "False", "WaitingForOffers"));

        assertThat(pacing.hold("ns/other", status(0, "False", "x"), status(1, "False", "x"), T0.plusSeconds(1)))
                .isZero();
        pacing.forget(APP);
        assertThat(pacing.hold(
                        APP,
                        status(0, "False", "WaitingForOffers"),
                        status(1, "False", "WaitingForOffers"),
                        T0.plusSeconds(1)))
                .isZero();
    }

    @Test
    void aZeroIntervalNeverHoldsAWrite() {
        StatusPacing off = new StatusPacing(Duration.ZERO);
        off.pacer(APP, T0).written();

        assertThat(off.hold(APP, status(0, "False", "x"), status(1, "False", "x"), T0))
                .isZero();
    }

    /** What the pacer says at {@code now}; a write it lets through is recorded as made. */
    private Duration writeAt(Instant now, JsonNode current, JsonNode desired) {
        StatusWriter.Pacer pacer = pacing.pacer(APP, now);
        Duration hold = pacer.hold(current, desired);
        if (hold.isZero()) {
            pacer.written();
        }
        return hold;
    }

    private static JsonNode status(int ready, String readyStatus, String reason) {
        ObjectNode status = JSON.createObjectNode();
        status.set("instances", JSON.createObjectNode().put("total", ready).put("ready", ready));
        status.put("observedGeneration", 1);
        status.set(
                "conditions",
                JSON.createArrayNode()
                        .add(JSON.createObjectNode()
                                .put("type", "Ready")
                                .put("status", readyStatus)
                                .put("reason", reason)
                                .put("message", ready + " ready")));
        return status;
    }
}
