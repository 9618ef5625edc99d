package dev.datacenter.operator.testsupport;

import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.util.function.Consumer;

/**
 * {@code @WithKubernetesTestServer(setup = RegisterCrds.class)}: registers our CRDs before the
 * application starts, as on a real cluster, so the status subresource works from the operator's
 * first write (the in-process API server serves it only for registered CRDs).
 */
public class RegisterCrds implements Consumer<KubernetesServer> {
    @Override
    public void accept(KubernetesServer server) {
        Crds.register(server.getClient());
    }
}
