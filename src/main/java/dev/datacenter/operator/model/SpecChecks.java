package dev.datacenter.operator.model;

import dev.datacenter.operator.api.CheckProtocol;
import dev.datacenter.operator.api.ContainerSpec;
import dev.datacenter.operator.api.DataCenterAppSpec;
import dev.datacenter.operator.api.HealthCheck;
import dev.datacenter.operator.api.PortProtocol;
import dev.datacenter.operator.api.PortSpec;
import dev.datacenter.operator.api.ReadinessCheck;
import dev.datacenter.operator.api.VolumeSpec;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Mistakes in a spec that the CRD schema cannot catch and that would make every pod fail: a check on
 * a port the app does not have (or on a UDP port), a volume that clashes with the artifacts
 * directory, an image longer than any reference, an argument or environment string longer than the kernel
 * execs, an environment variable name a pod cannot have. The reconciler reports them as {@code Ready=False}, reason {@code InvalidSpec}, and
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
        containerProblems(spec.getContainer(), problems);
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

    /** The longest image reference a registry takes (name 255, tag 128, digest, registry host), rounded up. */
    public static final int IMAGE_MAX = 1024;
    /** The longest single argument or environment string Linux's execve takes (MAX_ARG_STRLEN, 128 KiB). */
    public static final int ARG_MAX_BYTES = 128 * 1024;

    /**
     * An image no registry can serve, an argument or environment string the kernel refuses to exec with, an
     * environment variable name the API server refuses in a pod (empty, or holding '=').
     */
    private static void containerProblems(ContainerSpec container, List<String> problems) {
        if (container == null) {
            return;
        }
        if (container.getImage() != null && container.getImage().length() > IMAGE_MAX) {
            problems.add("container.image is " + container.getImage().length() + " characters long, more than the "
                    + IMAGE_MAX + " of any image reference");
        }
        tooLong("container.command", container.getCommand(), problems);
        tooLong("container.args", container.getArgs(), problems);
        List<EnvVar> env = SpecDefaults.list(container.getEnv());
        for (int i = 0; i < env.size(); i++) {
            EnvVar e = env.get(i);
            String name = e.getName() == null ? "" : e.getName();
            if (name.isEmpty() || name.contains("=")) {
                problems.add("container.env[" + i + "].name \"" + name + "\" must be non-empty and hold no '='");
            }
            String value = e.getValue() == null ? "" : e.getValue();
            if (bytes(name) + 1 + bytes(value) > ARG_MAX_BYTES) {
                problems.add("container.env[" + i + "] (" + name + ") is longer than " + ARG_MAX_BYTES
                        + " bytes, the most a process takes in one environment string");
            }
        }
    }

    private static void tooLong(String where, List<String> values, List<String> problems) {
        List<String> list = SpecDefaults.list(values);
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) != null && bytes(list.get(i)) > ARG_MAX_BYTES) {
                problems.add(where + "[" + i + "] is longer than " + ARG_MAX_BYTES
                        + " bytes, the most a process takes in one argument");
            }
        }
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
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
