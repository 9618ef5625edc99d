package dev.datacenter.operator.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The DC/OS service status derived from an app's figures. */
class ServiceStatusTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            nullValues = "-",
            value = {
                // expected, desired, running, ready, unhealthy, readyReason, deploymentPhase
                "Running,    3, 3, 3, 0, AllInstancesReady,      Complete",
                "Suspended,  0, 0, 0, 0, AllInstancesReady,      Complete",
                "Suspended,  0, 0, 0, 0, PoolNotFound,           -",
                "Failed,     2, 0, 0, 0, PoolNotFound,           -",
                "Failed,     2, 0, 0, 0, DependencyCycle,        -",
                "Failed,     2, 0, 0, 0, DependencyNotFound,     WaitingForDependencies",
                "Failed,     2, 1, 1, 0, InvalidConstraint,      -",
                "Failed,     2, 1, 1, 0, ClaimSetNotFound,       -",
                "Failed,     2, 2, 2, 0, Deploying,              Failed",
                "Recovering, 3, 2, 2, 0, BackingOff,             Complete",
                "Recovering, 3, 3, 2, 1, Deploying,              Deploying",
                "Recovering, 3, 2, 2, 0, AllInstancesReady,      Complete",
                "Waiting,    3, 0, 0, 0, WaitingForOffers,       Deploying",
                "Waiting,    3, 0, 0, 0, WaitingForDependencies, WaitingForDependencies",
                "Waiting,    3, 0, 0, 0, Unschedulable,          -",
                "Waiting,    3, 0, 0, 0, -,                      WaitingForDependencies",
                "Deploying,  3, 3, 2, 0, Deploying,              Deploying",
                "Deploying,  3, 3, 3, 0, -,                      Deploying",
                "Running,    1, 1, 1, 0, -,                      -"
            })
    void derivedFromTheAppsFigures(
            ServiceStatus expected,
            int desired,
            int running,
            int ready,
            int unhealthy,
            String readyReason,
            String phase) {
        InstanceCountsView counts = new InstanceCountsView(running, 0, running, running - unhealthy, ready, unhealthy);
        assertThat(ServiceStatus.of(desired, counts, readyReason, phase)).isEqualTo(expected);
    }

    @Test
    void declaredFromTheLeastToTheMostHealthy() {
        assertThat(Arrays.stream(ServiceStatus.values()).map(Enum::name))
                .containsExactly("Failed", "Recovering", "Waiting", "Deploying", "Running", "Suspended");
    }
}
