package dev.datacenter.operator.model;

import static dev.datacenter.operator.model.SpecDefaults.or;

import dev.datacenter.operator.api.CheckProtocol;
import dev.datacenter.operator.api.HealthCheck;
import dev.datacenter.operator.api.ReadinessCheck;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import java.util.List;

/**
 * Marathon health and readiness checks as Kubernetes probes. HTTP and HTTPS become an
 * {@code httpGet} with that scheme on the named container port, TCP a {@code tcpSocket} on it,
 * COMMAND an {@code exec} of the command list as given (wrap it in {@code sh -c} for shell syntax).
 */
public final class HealthProbes {
    /** Period of the startup probe at most this, so an instance is seen started soon after it is. */
    static final int STARTUP_MAX_PERIOD_SECONDS = 10;

    /** An instance leaves the endpoints after this many failed readiness checks in a row. */
    static final int READINESS_FAILURE_THRESHOLD = 3;

    private HealthProbes() {}

    /**
     * The liveness probe of a health check: periodSeconds = intervalSeconds, timeoutSeconds,
     * failureThreshold = maxConsecutiveFailures. It only runs once the startup probe succeeded.
     */
    public static Probe liveness(HealthCheck check) {
        return handler(check.getProtocol(), check.getPortName(), check.getPath(), check.getCommand())
                .withPeriodSeconds(interval(check))
                .withTimeoutSeconds(or(check.getTimeoutSeconds(), SpecDefaults.HEALTH_TIMEOUT_SECONDS))
                .withFailureThreshold(maxFailures(check))
                .withSuccessThreshold(1)
                .build();
    }

    /**
     * The startup probe that carries Marathon's grace period, or null when gracePeriodSeconds is 0.
     * Marathon ignored failures during the grace period or until the first success, then killed the
     * instance after maxConsecutiveFailures more failures. So: the first success ends the startup
     * probe (liveness takes over), and an instance that never succeeds is killed after
     * {@code grace + maxConsecutiveFailures × interval} seconds, as in Marathon. The probe runs every
     * {@code min(interval, 10)} seconds so readiness is not held back by a long interval:
     * failureThreshold = ceil((grace + maxConsecutiveFailures × interval) / period).
     */
    public static Probe startup(HealthCheck check) {
        int grace = or(check.getGracePeriodSeconds(), SpecDefaults.HEALTH_GRACE_PERIOD_SECONDS);
        if (grace <= 0) {
            return null;
        }
        int period = Math.min(interval(check), STARTUP_MAX_PERIOD_SECONDS);
        long window = (long) grace + (long) maxFailures(check) * interval(check);
        int threshold = (int) Math.min(Integer.MAX_VALUE, (window + period - 1) / period);
        return handler(check.getProtocol(), check.getPortName(), check.getPath(), check.getCommand())
                .withPeriodSeconds(period)
                .withTimeoutSeconds(or(check.getTimeoutSeconds(), SpecDefaults.HEALTH_TIMEOUT_SECONDS))
                .withFailureThreshold(threshold)
                .withSuccessThreshold(1)
                .build();
    }

    /**
     * The readiness probe of a readiness check: periodSeconds = intervalSeconds, timeoutSeconds,
     * failureThreshold 3 (the Kubernetes default: one slow answer does not drop the endpoint).
     */
    public static Probe readiness(ReadinessCheck check) {
        return handler(check.getProtocol(), check.getPortName(), check.getPath(), check.getCommand())
                .withPeriodSeconds(or(check.getIntervalSeconds(), SpecDefaults.READINESS_INTERVAL_SECONDS))
                .withTimeoutSeconds(or(check.getTimeoutSeconds(), SpecDefaults.READINESS_TIMEOUT_SECONDS))
                .withFailureThreshold(READINESS_FAILURE_THRESHOLD)
                .withSuccessThreshold(1)
                .build();
    }

    private static int interval(HealthCheck check) {
        return or(check.getIntervalSeconds(), SpecDefaults.HEALTH_INTERVAL_SECONDS);
    }

    private static int maxFailures(HealthCheck check) {
        return or(check.getMaxConsecutiveFailures(), SpecDefaults.HEALTH_MAX_CONSECUTIVE_FAILURES);
    }

    private static ProbeBuilder handler(CheckProtocol protocol, String portName, String path, List<String> command) {
        ProbeBuilder probe = new ProbeBuilder();
        switch (SpecDefaults.protocol(protocol)) {
            case HTTP, HTTPS ->
                probe.withNewHttpGet()
                        .withScheme(SpecDefaults.protocol(protocol).name())
                        .withPort(new IntOrString(portName))
                        .withPath(SpecDefaults.path(path))
                        .endHttpGet();
            case TCP ->
                probe.withNewTcpSocket().withPort(new IntOrString(portName)).endTcpSocket();
            case COMMAND ->
                probe.withNewExec()
                        .withCommand(List.copyOf(command == null ? List.of() : command))
                        .endExec();
        }
        return probe;
    }
}
