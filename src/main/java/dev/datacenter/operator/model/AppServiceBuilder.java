package dev.datacenter.operator.model;

import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.DataCenterAppSpec;
import dev.datacenter.operator.api.PortSpec;
import dev.datacenter.operator.api.ServiceSpec;
import dev.datacenter.operator.api.ServiceType;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The load-balancing Service of an app: selector {@code datacenter.dev/app=<app>} (the readiness
 * probe gates the endpoints, so only ready instances get traffic), one port per app port
 * (name, port = targetPort = containerPort, protocol), type from {@code spec.service.type}. Named
 * {@link Names#serviceName} (the app name when it is a valid DNS-1035 label).
 */
public final class AppServiceBuilder {
    private AppServiceBuilder() {}

    /**
     * The desired Service, or null (no Service should exist) when the app has no ports or
     * {@code service.enabled} is false. Enabled by default when the app has ports.
     */
    public static Service build(DataCenterApp app) {
        DataCenterAppSpec spec = app.getSpec();
        List<PortSpec> ports = SpecDefaults.list(spec.getPorts());
        ServiceSpec service = spec.getService();
        boolean enabled = service == null || service.getEnabled() == null || service.getEnabled();
        if (ports.isEmpty() || !enabled) {
            return null;
        }
        ServiceType type = service == null || service.getType() == null ? ServiceType.ClusterIP : service.getType();
        String name = app.getMetadata().getName();
        return new ServiceBuilder()
                .withNewMetadata()
                .withName(Names.serviceName(name))
                .withNamespace(app.getMetadata().getNamespace())
                .withLabels(Labels.withAppLabels(app))
                .withAnnotations(Labels.annotationsForApp(app))
                .withOwnerReferences(Labels.controllerReference(app))
                .endMetadata()
                .withNewSpec()
                .withType(type.name())
                .withSelector(Labels.appSelector(name))
                .withPorts(servicePorts(ports))
                .endSpec()
                .build();
    }

    private static List<ServicePort> servicePorts(List<PortSpec> ports) {
        List<ServicePort> out = new ArrayList<>();
        for (PortSpec p : ports) {
            out.add(new ServicePortBuilder()
                    .withName(p.getName())
                    .withPort(p.getContainerPort())
                    .withTargetPort(new IntOrString(p.getContainerPort()))
                    .withProtocol(SpecDefaults.protocol(p).name())
                    .build());
        }
        return out;
    }
}
