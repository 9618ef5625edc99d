package dev.datacenter.operator.sandbox;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The embedded sandbox: when {@code datacenter.sandbox.enabled=true}, an in-process Kubernetes API with the
 * operator's CRDs, the nodes of {@code datacenter.sandbox.nodes}, the manifests of
 * {@code datacenter.sandbox.apply}, a kubeconfig, a {@link SimulatedKubelet} and a minimal Job controller
 * ({@link SandboxJobs}). When disabled, nothing.
 *
 * <h2>Contract with the operator runtime</h2>
 * <ul>
 * <li><b>Where the client points.</b> {@link SandboxConfigSourceFactory} sets
 * {@code quarkus.kubernetes-client.api-server-url} to the sandbox when it is enabled, so the application's
 * {@code KubernetesClient} bean (quarkus-kubernetes-client's) talks to the sandbox with no code of the runtime
 * knowing about it. Use that injected client; never build one from a kubeconfig.</li>
 * <li><b>Ordering.</b> The sandbox starts in a {@code StartupEvent} observer of priority {@value #STARTUP_PRIORITY}
 * (the lowest runs first) and is fully populated when that observer returns; it then fires {@link SandboxReady}.
 * The runtime must start its informers, leader election and reconcilers in a {@code StartupEvent} observer of a
 * priority above {@value #STARTUP_PRIORITY} (the default priority, 2500, or any {@code @Startup} bean, is fine),
 * never from a bean constructor or {@code @PostConstruct} run before {@code StartupEvent}.</li>
 * <li>It stops at {@code ShutdownEvent}; the runtime's informers may log a lost connection then.</li>
 * </ul>
 */
@ApplicationScoped
public class Sandbox {

    /** The StartupEvent priority the sandbox starts at; the operator runtime must start later (higher). */
    public static final int STARTUP_PRIORITY = 1;

    private static final Logger LOG = Logger.getLogger(Sandbox.class);

    @Inject
    SandboxConfig config;

    @Inject
    Event<SandboxReady> ready;

    private SandboxApiServer server;
    private KubernetesClient client;
    private SimulatedKubelet kubelet;
    private SandboxJobs jobs;

    void start(@Observes @Priority(STARTUP_PRIORITY) StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        try {
            startSandbox();
        } catch (RuntimeException e) {
            stop(null);
            throw e;
        }
    }

    private void startSandbox() {
        NodeFileLoader.ClusterFile file = NodeFileLoader.loadCluster(Path.of(config.nodes()));
        List<Node> nodes = file.nodes();
        server = new SandboxApiServer();
        server.start(config.bindAddress(), config.apiPort());
        client = server.createClient();
        server.registerCrds(client, CrdFiles.load(Path.of(config.crds())));
        nodes.forEach(node -> client.nodes().resource(node).createOr(existing -> existing.update()));
        int existingPods = ExistingPods.create(client, file.pods());
        int applied = config.apply()
                .map(dir -> new ManifestDirectoryApplier(client)
                        .apply(Path.of(dir))
                        .applied()
                        .size())
                .orElse(0);
        kubelet = new SimulatedKubelet(client).start();
        jobs = new SandboxJobs(client).start();
        server.injectFaults(config.faults().errorRate(), config.faults().seed());
        Path kubeconfig = KubeconfigWriter.write(Path.of(config.kubeconfig()), server.url());
        LOG.infof(
                "Sandbox Kubernetes API at %s with %d nodes, %d existing pods and %d manifests applied; kubeconfig %s; "
                        + "try: kubectl --kubeconfig %s get nodes",
                server.url(), nodes.size(), existingPods, applied, kubeconfig, kubeconfig);
        ready.fire(new SandboxReady(server.url(), kubeconfig, nodes.size()));
    }

    void stop(@Observes ShutdownEvent event) {
        if (jobs != null) {
            jobs.close();
        }
        if (kubelet != null) {
            kubelet.close();
        }
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
