package dev.datacenter.operator.model;

import dev.datacenter.operator.api.PortSpec;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ports of one instance: the app's port specs joined with the host ports the placement engine
 * assigned (one per port spec that asks for a host port, i.e. has a {@code hostPort}, in spec order).
 */
final class InstancePorts {
    private final List<PortSpec> specs;
    private final List<Integer> hostPorts;

    /**
     * @throws IllegalArgumentException when the number of assigned host ports is not the number of
     *         port specs with a {@code hostPort}
     */
    InstancePorts(List<PortSpec> specs, List<Integer> assignedHostPorts) {
        this.specs = SpecDefaults.list(specs);
        List<Integer> assigned = SpecDefaults.list(assignedHostPorts);
        long wanted = this.specs.stream().filter(p -> p.getHostPort() != null).count();
        if (assigned.size() != wanted) {
            throw new IllegalArgumentException(
                    "the app asks for " + wanted + " host port(s) but " + assigned.size() + " were assigned");
        }
        this.hostPorts = new ArrayList<>();
        int next = 0;
        for (PortSpec p : this.specs) {
            hostPorts.add(p.getHostPort() != null ? assigned.get(next++) : null);
        }
    }

    /** Container ports, with {@code hostPort} for the assigned ones. */
    List<ContainerPort> containerPorts() {
        List<ContainerPort> ports = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            PortSpec p = specs.get(i);
            ports.add(new ContainerPortBuilder()
                    .withName(p.getName())
                    .withContainerPort(p.getContainerPort())
                    .withHostPort(hostPorts.get(i))
                    .withProtocol(SpecDefaults.protocol(p).name())
                    .build());
        }
        return ports;
    }

    /**
     * {@code PORT0..PORTn} (spec order) and {@code PORT_<NAME>} (upper-cased, '-' → '_'), each the
     * assigned host port or, for a port without one, the container port; plus Marathon's {@code PORT}
     * (= PORT0) and {@code PORTS} (comma-separated) when the app has ports.
     */
    List<EnvVar> env() {
        List<EnvVar> env = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            String value = String.valueOf(visiblePort(i));
            all.add(value);
            env.add(new EnvVar("PORT" + i, value, null));
        }
        for (int i = 0; i < specs.size(); i++) {
            env.add(new EnvVar(portNameVariable(specs.get(i).getName()), String.valueOf(visiblePort(i)), null));
        }
        if (!specs.isEmpty()) {
            env.add(new EnvVar("PORT", all.get(0), null));
            env.add(new EnvVar("PORTS", String.join(",", all), null));
        }
        return env;
    }

    /** {@code PORT_<NAME>}: the name upper-cased, '-' replaced by '_'. */
    static String portNameVariable(String portName) {
        return "PORT_" + portName.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private int visiblePort(int i) {
        Integer host = hostPorts.get(i);
        return host != null ? host : specs.get(i).getContainerPort();
    }
}
