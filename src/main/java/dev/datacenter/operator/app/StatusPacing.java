package dev.datacenter.operator.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datacenter.operator.cluster.StatusWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most one status write per app per {@code datacenter.status.min-interval} while only its progress changes:
 * the instance counts, the pending count and the nodes per pending reason, the deployment's step and the
 * conditions' messages. A change of the verdict (a condition's status, reason or observedGeneration, the
 * observedGeneration, revision, selector or group, a pending reason appearing or going, the deployment's
 * revision or phase, the launch delay or backoff, the newest failure) is written at once. A change held back is
 * not lost: the caller looks again when the interval ends and writes the state it finds then.
 *
 * <p>During a burst every arriving, running and ready instance changes its app's counts: without pacing each
 * of them was a status write (about two per placed pod), which took the API's write budget from the pods.
 */
final class StatusPacing {

    private final Duration interval;
    private final Map<String, Instant> lastWrite = new ConcurrentHashMap<>();

    StatusPacing(Duration interval) {
        this.interval = interval;
    }

    /** The pacer of one app's status write at {@code now}. */
    StatusWriter.Pacer pacer(String appKey, Instant now) {
        return new StatusWriter.Pacer() {
            @Override
            public Duration hold(JsonNode current, JsonNode desired) {
                return StatusPacing.this.hold(appKey, current, desired, now);
            }

            @Override
            public void written() {
                lastWrite.put(appKey, now);
            }
        };
    }

    Duration hold(String appKey, JsonNode current, JsonNode desired, Instant now) {
        if ((interval.isZero() || interval.isNegative()) || !verdict(current).equals(verdict(desired))) {
            return Duration.ZERO;
        }
        Instant last = lastWrite.get(appKey);
        if (last == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, last.plus(interval));
        return !left.isZero() && !left.isNegative() ? left : Duration.ZERO;
    }

    void forget(String appKey) {
        lastWrite.remove(appKey);
    }

    /** The status without what merely shows progress. */
    static JsonNode verdict(JsonNode status) {
        if (status == null || !status.isObject()) {
            return Objects.requireNonNullElse(status, NullNode.getInstance());
        }
        ObjectNode v = status.deepCopy();
        v.remove("instances");
        if (v.get("pending") instanceof ObjectNode pending) {
            pending.remove("count");
            pending.path("reasons").forEach(r -> {
                if (r instanceof ObjectNode o) {
                    o.remove("nodes");
                }
            });
        }
        if (v.get("deployment") instanceof ObjectNode deployment) {
            deployment.remove("step");
        }
        v.path("conditions").forEach(c -> {
            if (c instanceof ObjectNode o) {
                o.remove("message");
            }
        });
        return v;
    }
}
