package dev.datacenter.operator.sandbox;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * Stands in for the operator runtime in {@link SandboxQuarkusMockTest}: at the default StartupEvent priority, what
 * does the application's client see? Does nothing when the sandbox is off.
 */
@ApplicationScoped
public class StartupOrderProbe {

    @Inject
    SandboxConfig sandbox;

    @Inject
    Instance<KubernetesClient> client;

    private volatile SandboxReady ready;
    private volatile int nodesAtStartup = -1;

    // read through methods: a field read on the injected client proxy would not reach the bean
    SandboxReady ready() {
        return ready;
    }

    int nodesAtStartup() {
        return nodesAtStartup;
    }

    void onReady(@Observes SandboxReady event) {
        ready = event;
    }

    void onStart(@Observes StartupEvent event) {
        if (sandbox.enabled()) {
            nodesAtStartup = client.get().nodes().list().getItems().size();
        }
    }
}
