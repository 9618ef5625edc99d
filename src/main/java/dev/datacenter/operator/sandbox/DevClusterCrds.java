package dev.datacenter.operator.sandbox;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Dev mode on the k3s cluster of Quarkus Dev Services: installs the operator's CRDs there before the
 * informers start, as a user would with {@code kubectl apply -f crds/}. Only in dev mode, only when the
 * client was pointed at an API server by configuration (what Dev Services does) and the sandbox is off
 * (the sandbox registers the CRDs itself); never on a cluster reached through the user's kubeconfig.
 */
@ApplicationScoped
public class DevClusterCrds {
    private static final Logger LOG = Logger.getLogger(DevClusterCrds.class);

    @Inject
    KubernetesClient client;

    @ConfigProperty(name = "datacenter.sandbox.enabled", defaultValue = "false")
    boolean sandbox;

    @ConfigProperty(name = "quarkus.kubernetes-client.api-server-url")
    Optional<String> apiServerUrl;

    @ConfigProperty(name = "datacenter.dev.install-crds", defaultValue = "true")
    boolean install;

    @ConfigProperty(name = "datacenter.sandbox.crds", defaultValue = "crds")
    String crds;

    void onStart(@Observes @Priority(50) StartupEvent event) {
        if (LaunchMode.current() != LaunchMode.DEVELOPMENT || sandbox || !install || apiServerUrl.isEmpty()) {
            return;
        }
        for (CustomResourceDefinition crd : CrdFiles.load(Path.of(crds))) {
            crd.getMetadata().setResourceVersion(null);
            client.apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .resource(crd)
                    .createOr(existing -> existing.update());
            LOG.infof("dev mode: CRD %s installed on %s", crd.getMetadata().getName(), apiServerUrl.get());
        }
    }
}
