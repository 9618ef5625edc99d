package dev.datacenter.operator.isolation;

import dev.datacenter.operator.app.LifecycleCluster;
import dev.datacenter.operator.testsupport.TestObjects;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.util.function.Consumer;

/** {@link LifecycleCluster}, plus an app whose instances overflow a Java int and a good app, before the operator starts. */
public class BadAppAtStart implements Consumer<KubernetesServer> {
    @Override
    public void accept(KubernetesServer server) {
        new LifecycleCluster().accept(server);
        var client = server.getClient();
        RawObjects.create(
                client,
                RawObjects.with(
                        client, TestObjects.app("at-start", "huge", spec -> {}), "spec.instances", 3_000_000_000L));
        client.resource(TestObjects.app("at-start", "good", spec -> spec.setInstances(1)))
                .create();
    }
}
