package dev.datacenter.operator.sandbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Kubernetes timestamps: RFC 3339 in UTC to the second. */
final class Timestamps {

    private Timestamps() {}

    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
