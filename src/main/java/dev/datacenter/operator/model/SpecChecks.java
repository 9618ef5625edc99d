package dev.datacenter.operator.model;

import dev.datacenter.operator.api.CheckProtocol;
import dev.datacenter.operator.api.DataCenterAppSpec;
import dev.datacenter.operator.api.HealthCheck;
import dev.datacenter.operator.api.PortProtocol;
import dev.datacenter.operator.api.PortSpec;
import dev.datacenter.operator.api.ReadinessCheck;
import dev.datacenter.operator.api.VolumeSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Mistakes in a spec that the CRD schema cannot catch and that would make every pod fail: a check on
 * a port the app does not have (or on a UDP port), a volume that clashes with the artifacts
 * directory. The reconciler reports them as {@code Ready=False}, reason {@code InvalidSpec}, and
 * builds no pod.
 */
public final class SpecChecks {
    private SpecChecks() {}

    /** One message per problem, in spec order; empty when the spec is fine. */
    public static List<String> problems(DataCenterAppSpec spec) {
        List<String> problems = new ArrayList<>();
        Map<String, PortSpec> ports = new HashMap<>();
        SpecDefaults.list(spec.getPorts()).forEach(p -> ports.put(p.getName(), p));
        List<HealthCheck> health = SpecDefaults.list(spec.getHealthChecks());
        for (int i = 0; i < health.size(); i++) {
            HealthCheck c = health.get(i);
            checkPort("healthChecks[" + i + "]", c.getProtocol(), c.getPortName(), ports, problems);
        }
        List<ReadinessCheck> readiness = SpecDefaults.list(spec.getReadinessChecks());
        for (int i = 0; i < readiness.size(); i++) {
            ReadinessCheck c = readiness.get(i);
            checkPort("readinessChecks[" + i + "]", c.getProtocol(), c.getPortName(), ports, problems);
        }
        if (!SpecDefaults.list(spec.getArtifacts()).isEmpty()) {
            for (VolumeSpec v : SpecDefaults.list(spec.getVolumes())) {
                if (ArtifactFetcher.VOLUME_NAME.equals(v.getName())) {
                    problems.add("volume name " + v.getName() + " is reserved for the artifacts");
                }
                if (ArtifactFetcher.MOUNT_PATH.equals(v.getMountPath())) {
                    problems.add("volume " + v.getName() + " is mounted at " + ArtifactFetcher.MOUNT_PATH
                            + ", where the artifacts go");
                }
            }
        }
        return problems;
    }

    private static void checkPort(
            String where, CheckProtocol protocol, String portName, Map<String, PortSpec> ports, List<String> problems) {
        if (SpecDefaults.protocol(protocol) == CheckProtocol.COMMAND) {
            return;
        }
        PortSpec port = ports.get(portName);
        if (port == null) {
            problems.add(where + ".portName " + portName + " names none of the app's ports");
        } else if (SpecDefaults.protocol(port) != PortProtocol.TCP) {
            problems.add(where + " probes port " + portName + ", which is " + SpecDefaults.protocol(port)
                    + ": HTTP, HTTPS and TCP checks need a TCP port");
        }
    }
}
