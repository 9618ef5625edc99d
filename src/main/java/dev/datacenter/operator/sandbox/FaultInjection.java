package dev.datacenter.operator.sandbox;

import java.util.Optional;
import java.util.Random;

/**
 * Which writes the sandbox API fails on purpose ({@code datacenter.sandbox.faults.error-rate}): that fraction
 * of writes, drawn from a seeded random sequence so a run can be repeated, half answered 500 and half 409.
 */
final class FaultInjection {

    /** An injected failure: the HTTP code and the Status reason. */
    record Fault(int code, String reason, String message) {}

    static final FaultInjection NONE = new FaultInjection(0, 0);

    private final double errorRate;
    private final Random random;

    FaultInjection(double errorRate, long seed) {
        if (errorRate < 0 || errorRate > 1) {
            throw new IllegalArgumentException(
                    "datacenter.sandbox.faults.error-rate must be between 0 and 1, not " + errorRate);
        }
        this.errorRate = errorRate;
        this.random = new Random(seed);
    }

    /** The fault to answer a write with, or empty to serve it. */
    synchronized Optional<Fault> nextWrite() {
        if (errorRate == 0 || random.nextDouble() >= errorRate) {
            return Optional.empty();
        }
        return random.nextBoolean()
                ? Optional.of(new Fault(500, "InternalError", "Internal error occurred: injected by the sandbox"))
                : Optional.of(new Fault(
                        409,
                        "Conflict",
                        "Operation cannot be fulfilled: the object has been modified; please apply your changes to"
                                + " the latest version and try again (injected by the sandbox)"));
    }
}
