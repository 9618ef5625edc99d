package dev.datacenter.operator.model;

import dev.datacenter.operator.api.AppResources;
import dev.datacenter.operator.api.ContainerSpec;
import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.DataCenterAppSpec;
import dev.datacenter.operator.api.PortSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/** Test fixtures: small DataCenterApps. */
final class Apps {
    private Apps() {}

    static DataCenterApp app(String name) {
        DataCenterApp app = new DataCenterApp();
        app.setMetadata(new ObjectMetaBuilder()
                .withName(name)
                .withNamespace("demo")
                .withUid("uid-" + name)
                .build());
        DataCenterAppSpec spec = new DataCenterAppSpec();
        ContainerSpec container = new ContainerSpec();
        container.setImage("example/" + name + ":1.0");
        spec.setContainer(container);
        spec.setResources(new AppResources("0.5", "256Mi"));
        app.setSpec(spec);
        return app;
    }

    static PortSpec port(String name, int containerPort, Integer hostPort) {
        PortSpec p = new PortSpec();
        p.setName(name);
        p.setContainerPort(containerPort);
        p.setHostPort(hostPort);
        return p;
    }
}
