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

    /** The port on 127.0.0.1 the sandbox API listens on (plain HTTP). */
    @WithDefault("18080")
    int apiPort();

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
