package dev.datacenter.operator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.PortProtocol;
import dev.datacenter.operator.api.ServiceSpec;
import dev.datacenter.operator.api.ServiceType;
import io.fabric8.kubernetes.api.model.Service;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppServiceBuilderTest {

    private static DataCenterApp withPorts() {
        DataCenterApp app = Apps.app("jokes");
        var dns = Apps.port("dns", 53, 0);
        dns.setProtocol(PortProtocol.UDP);
        app.getSpec().setPorts(List.of(Apps.port("http", 8080, 0), dns));
        return app;
    }

    @Test
    void serviceSelectsTheAppAndExposesEachContainerPort() {
        Service s = AppServiceBuilder.build(withPorts());
        assertThat(s.getMetadata().getName()).isEqualTo("jokes");
        assertThat(s.getMetadata().getNamespace()).isEqualTo("demo");
        assertThat(s.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "datacenter-operator");
        assertThat(s.getMetadata().getOwnerReferences())
                .singleElement()
                .satisfies(o -> assertThat(o.getName()).isEqualTo("jokes"));
        assertThat(s.getSpec().getSelector()).containsExactlyEntriesOf(java.util.Map.of("datacenter.dev/app", "jokes"));
        assertThat(s.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(s.getSpec().getPorts())
                .extracting(
                        p -> p.getName(),
                        p -> p.getPort(),
                        p -> p.getTargetPort().getIntVal(),
                        p -> p.getProtocol())
                .containsExactly(tuple("http", 8080, 8080, "TCP"), tuple("dns", 53, 53, "UDP"));
    }

    @Test
    void typeComesFromTheSpec() {
        DataCenterApp app = withPorts();
        ServiceSpec spec = new ServiceSpec();
        spec.setType(ServiceType.NodePort);
        app.getSpec().setService(spec);
        assertThat(AppServiceBuilder.build(app).getSpec().getType()).isEqualTo("NodePort");
    }

    @Test
    void noServiceWithoutPortsOrWhenDisabled() {
        assertThat(AppServiceBuilder.build(Apps.app("jokes"))).isNull();
        DataCenterApp app = withPorts();
        ServiceSpec spec = new ServiceSpec();
        spec.setEnabled(false);
        app.getSpec().setService(spec);
        assertThat(AppServiceBuilder.build(app)).isNull();
        spec.setEnabled(true);
        assertThat(AppServiceBuilder.build(app)).isNotNull();
    }
}
