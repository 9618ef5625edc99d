package dev.datacenter.operator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A watch from a resource version sees what changed since that version, deletions included, as a real API server's
 * does. fabric8's mock server starts every watch "now" and replays the objects that exist as ADDED: an object
 * deleted between an informer's list and its watch (or while a watch reconnects) stayed in that informer's cache for
 * good. Found by bench/faults.sh: a replica that started its informers while a pod was being deleted kept the pod
 * and, once it led, waited forever for that pod to go (a rollout stuck in Deploying).
 */
class SandboxWatchMockTest {

    SandboxApiServer server;
    KubernetesClient client;

    @BeforeEach
    void start() {
        server = new SandboxApiServer();
        server.start(0);
        client = server.createClient();
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("w")
                        .endMetadata()
                        .build())
                .create();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private Pod pod(String name) {
        return client.pods()
                .inNamespace("w")
                .resource(new PodBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace("w")
                        .addToLabels("app", "x")
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("c")
                        .withImage("busybox")
                        .endContainer()
                        .endSpec()
                        .build())
                .create();
    }

    /** A watch of namespace w's pods from that version, each event told as "ACTION name". */
    private Watch watchFrom(String version, BlockingQueue<String> events) {
        return client.pods()
                .inNamespace("w")
                .watch(new ListOptionsBuilder().withResourceVersion(version).build(), new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, Pod pod) {
                        events.add(action + " " + pod.getMetadata().getName());
                    }

                    @Override
                    public void onClose(WatcherException cause) {}
                });
    }

    @Test
    void aWatchFromTheVersionOfAListSeesAPodDeletedSinceTheList() throws Exception {
        pod("kept");
        pod("gone");
        String listed = client.pods().inNamespace("w").list().getMetadata().getResourceVersion();
        client.pods().inNamespace("w").withName("gone").delete();
        client.pods().inNamespace("w").withName("gone").waitUntilCondition(p -> p == null, 10, TimeUnit.SECONDS);

        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        try (Watch ignored = watchFrom(listed, events)) {
            List<String> seen = new CopyOnWriteArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!seen.contains("DELETED gone") && System.nanoTime() < deadline) {
                String e = events.poll(100, TimeUnit.MILLISECONDS);
                if (e != null) {
                    seen.add(e);
                }
            }
            assertThat(seen).contains("DELETED gone");
        }
    }

    @Test
    void aWatchFromTheVersionOfAListDoesNotSeeADeletionMadeBeforeTheList() throws Exception {
        pod("early");
        client.pods().inNamespace("w").withName("early").delete();
        client.pods().inNamespace("w").withName("early").waitUntilCondition(p -> p == null, 10, TimeUnit.SECONDS);
        pod("kept");
        String listed = client.pods().inNamespace("w").list().getMetadata().getResourceVersion();

        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        try (Watch ignored = watchFrom(listed, events)) {
            assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("ADDED kept");
            assertThat(events.poll(500, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void aWatchFromAVersionOlderThanTheDeletionsKeptIsGoneSoTheClientListsAgain() throws Exception {
        client.close();
        server.close();
        server = new SandboxApiServer(1);
        server.start(0);
        client = server.createClient();
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("w")
                        .endMetadata()
                        .build())
                .create();
        pod("one");
        pod("two");
        String listed = client.pods().inNamespace("w").list().getMetadata().getResourceVersion();
        client.pods().inNamespace("w").withName("one").delete();
        client.pods().inNamespace("w").withName("two").delete(); // the first deletion is forgotten

        BlockingQueue<WatcherException> closed = new LinkedBlockingQueue<>();
        Watcher<Pod> watcher = new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {}

            @Override
            public void onClose(WatcherException cause) {
                closed.add(cause);
            }
        };
        // as a real server: the watch is accepted and closed by an ERROR event of status 410, which an informer
        // answers by listing again (a 410 refusing the upgrade made fabric8 retry the same version for ever)
        WatcherException gone;
        try (Watch ignored = client.pods()
                .inNamespace("w")
                .watch(new ListOptionsBuilder().withResourceVersion(listed).build(), watcher)) {
            gone = closed.poll(5, TimeUnit.SECONDS);
        }
        assertThat(gone).as("the watch was closed as gone").isNotNull();
        assertThat(gone.isHttpGone()).isTrue();
    }
}
