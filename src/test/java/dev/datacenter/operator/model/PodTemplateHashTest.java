package dev.datacenter.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datacenter.operator.api.Backoff;
import dev.datacenter.operator.api.Constraint;
import dev.datacenter.operator.api.ConstraintOperator;
import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.DataCenterAppSpec;
import dev.datacenter.operator.api.HealthCheck;
import dev.datacenter.operator.api.KillSelection;
import dev.datacenter.operator.api.ServiceSpec;
import dev.datacenter.operator.api.UpgradeStrategy;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class PodTemplateHashTest {
    private static final String BASE = PodTemplateHash.of(Apps.app("web").getSpec());

    private static String after(Consumer<DataCenterAppSpec> change) {
        DataCenterApp app = Apps.app("web");
        change.accept(app.getSpec());
        return PodTemplateHash.of(app.getSpec());
    }

    @Test
    void isStableAndShort() {
        assertThat(BASE)
                .matches("[a-z0-9]{10}")
                .isEqualTo(PodTemplateHash.of(Apps.app("web").getSpec()));
    }

    @Test
    void podChangingFieldsMakeANewHash() {
        assertThat(after(s -> s.getContainer().setImage("example/web:2.0"))).isNotEqualTo(BASE);
        assertThat(after(s -> s.getContainer().setEnv(List.of(new EnvVar("A", "1", null)))))
                .isNotEqualTo(BASE);
        assertThat(after(s -> s.getResources().setMem(new Quantity("512Mi")))).isNotEqualTo(BASE);
        assertThat(after(s -> s.setPorts(List.of(Apps.port("http", 80, null))))).isNotEqualTo(BASE);
        assertThat(after(s -> s.setPool("gpu"))).isNotEqualTo(BASE);
        assertThat(after(s -> s.setTaskKillGracePeriodSeconds(5))).isNotEqualTo(BASE);
        assertThat(after(s -> s.setConstraints(List.of(new Constraint("@hostname", ConstraintOperator.UNIQUE, null)))))
                .isNotEqualTo(BASE);
        assertThat(after(s -> s.setHealthChecks(List.of(new HealthCheck())))).isNotEqualTo(BASE);
    }

    @Test
    void otherFieldsDoNot() {
        assertThat(after(s -> s.setInstances(7))).isEqualTo(BASE);
        assertThat(after(s -> s.setGroup("/demo"))).isEqualTo(BASE);
        assertThat(after(s -> s.setDependencies(List.of("db")))).isEqualTo(BASE);
        assertThat(after(s -> s.setUpgradeStrategy(new UpgradeStrategy()))).isEqualTo(BASE);
        assertThat(after(s -> s.setBackoff(new Backoff()))).isEqualTo(BASE);
        assertThat(after(s -> s.setKillSelection(KillSelection.OldestFirst))).isEqualTo(BASE);
        assertThat(after(s -> s.setService(new ServiceSpec()))).isEqualTo(BASE);
    }

    @Test
    void defaultsWrittenOutAndEquivalentQuantitiesAreNoChange() {
        assertThat(after(s -> s.setPool("default"))).isEqualTo(BASE);
        assertThat(after(s -> s.setTaskKillGracePeriodSeconds(30))).isEqualTo(BASE);
        assertThat(after(s -> s.getResources().setCpus(new Quantity("500m")))).isEqualTo(BASE);
        assertThat(after(s -> s.getResources().setMem(new Quantity("0.25Gi")))).isEqualTo(BASE);
        assertThat(after(s -> s.getResources().setGpus(0))).isEqualTo(BASE);
        assertThat(after(s -> s.setPorts(List.of()))).isEqualTo(BASE);
        HealthCheck explicit = new HealthCheck();
        explicit.setIntervalSeconds(60);
        explicit.setGracePeriodSeconds(300);
        assertThat(after(s -> s.setHealthChecks(List.of(explicit))))
                .isEqualTo(after(s -> s.setHealthChecks(List.of(new HealthCheck()))));
    }

    @Test
    void restartNonceMakesANewHash() {
        DataCenterAppSpec spec = Apps.app("web").getSpec();
        assertThat(PodTemplateHash.of(spec, "1"))
                .isNotEqualTo(BASE)
                .isNotEqualTo(PodTemplateHash.of(spec, "2"))
                .isEqualTo(PodTemplateHash.of(spec, "1"));
        assertThat(PodTemplateHash.of(spec, null)).isEqualTo(BASE);
    }
}
