package dev.datacenter.operator.sandbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The {@code datacenter.sandbox.*} properties (see docs/api.md, "The sandbox"). */
@ConfigMapping(prefix = "datacenter.sandbox")
public interface SandboxConfig {

    /** Start the in-process API server, nodes and kubelet, and point the application's client at it. */
    @WithDefault("false")
    boolean enabled();

    /** The port the sandbox API listens on (plain HTTP). */
    @WithDefault("18080")
    int apiPort();

    /**
     * The address the sandbox API listens on: the loopback by default, since it has no authentication; {@code
     * 0.0.0.0} exposes it to the network.
     */
    @WithDefault("127.0.0.1")
    String bindAddress();

    /**
     * Whether the operator runs in this process too; {@code false} runs the sandbox's API and simulated nodes
     * alone (no informers, leader election, reconcilers or allocation loop), for operators started elsewhere
     * against its kubeconfig. Read through {@code datacenter.operator.enabled} (see application.properties).
     */
    @WithDefault("true")
    boolean operator();

    /** Faults the sandbox API injects, for tests of the operator's error handling. */
    Faults faults();

    interface Faults {
        /** The fraction of writes (POST, PUT, PATCH, DELETE) answered 500 or 409 at random, half each. */
        @WithDefault("0")
        double errorRate();

        /** The seed of the fault injection's random numbers, so a run can be repeated. */
        @WithDefault("1")
        long seed();
    }

    /** The file of Node objects the simulated cluster is made of. */
    @WithDefault("samples/sandbox/nodes.yaml")
    String nodes();

    /** A directory whose manifests are applied at start. */
    Optional<String> apply();

    /** Where the kubeconfig for the sandbox is written. */
    @WithDefault("target/sandbox/kubeconfig")
    String kubeconfig();

    /** The directory of CRDs to register; the CRDs on the classpath are used when it does not exist. */
    @WithDefault("crds")
    String crds();
}
