package dev.datacenter.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datacenter.operator.api.Artifact;
import dev.datacenter.operator.api.CheckProtocol;
import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.HealthCheck;
import dev.datacenter.operator.api.PortProtocol;
import dev.datacenter.operator.api.ReadinessCheck;
import dev.datacenter.operator.api.VolumeSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecChecksTest {

    @Test
    void aFineSpecHasNoProblems() {
        DataCenterApp app = Apps.app("web");
        app.getSpec().setPorts(List.of(Apps.port("http", 8080, 0)));
        HealthCheck hc = new HealthCheck();
        hc.setPortName("http");
        HealthCheck cmd = new HealthCheck();
        cmd.setProtocol(CheckProtocol.COMMAND);
        cmd.setCommand(List.of("true"));
        app.getSpec().setHealthChecks(List.of(hc, cmd));
        assertThat(SpecChecks.problems(app.getSpec())).isEmpty();
        assertThat(SpecChecks.problems(Apps.app("bare").getSpec())).isEmpty();
    }

    @Test
    void checksOnMissingOrUdpPortsAndReservedVolumesAreReported() {
        DataCenterApp app = Apps.app("web");
        var dns = Apps.port("dns", 53, null);
        dns.setProtocol(PortProtocol.UDP);
        app.getSpec().setPorts(List.of(dns));
        HealthCheck hc = new HealthCheck();
        hc.setPortName("http");
        app.getSpec().setHealthChecks(List.of(hc));
        ReadinessCheck rc = new ReadinessCheck();
        rc.setProtocol(CheckProtocol.TCP);
        rc.setPortName("dns");
        app.getSpec().setReadinessChecks(List.of(rc));
        Artifact a = new Artifact();
        a.setUri("https://example.org/x");
        app.getSpec().setArtifacts(List.of(a));
        VolumeSpec v = new VolumeSpec();
        v.setName("datacenter-artifacts");
        v.setMountPath("/mnt/artifacts");
        v.setClaimSet("data");
        app.getSpec().setVolumes(List.of(v));
        assertThat(SpecChecks.problems(app.getSpec()))
                .containsExactly(
                        "healthChecks[0].portName http names none of the app's ports",
                        "readinessChecks[0] probes port dns, which is UDP: HTTP, HTTPS and TCP checks need a TCP port",
                        "volume name datacenter-artifacts is reserved for the artifacts",
                        "volume datacenter-artifacts is mounted at /mnt/artifacts, where the artifacts go");
    }

    @Test
    void hugeImagesArgumentsAndEnvironmentAndBadEnvironmentNamesAreReported() {
        DataCenterApp app = Apps.app("web");
        app.getSpec().getContainer().setImage("r/" + "x".repeat(SpecChecks.IMAGE_MAX));
        app.getSpec().getContainer().setArgs(List.of("-v", "a".repeat(SpecChecks.ARG_MAX_BYTES + 1)));
        app.getSpec()
                .getContainer()
                .setEnv(List.of(
                        new io.fabric8.kubernetes.api.model.EnvVar("OK", "fine", null),
                        new io.fabric8.kubernetes.api.model.EnvVar("A=B", "v", null),
                        new io.fabric8.kubernetes.api.model.EnvVar("BIG", "v".repeat(SpecChecks.ARG_MAX_BYTES), null)));
        assertThat(SpecChecks.problems(app.getSpec()))
                .hasSize(4)
                .anySatisfy(p -> assertThat(p).startsWith("container.image is 1026 characters long"))
                .anySatisfy(p -> assertThat(p).startsWith("container.args[1] is longer than 131072 bytes"))
                .anySatisfy(p -> assertThat(p).startsWith("container.env[1].name \"A=B\""))
                .anySatisfy(p -> assertThat(p).startsWith("container.env[2] (BIG) is longer"));

        app.getSpec().getContainer().setImage("registry.example/web:1");
        app.getSpec().getContainer().setArgs(List.of("a".repeat(SpecChecks.ARG_MAX_BYTES)));
        app.getSpec().getContainer().setEnv(List.of(new io.fabric8.kubernetes.api.model.EnvVar("A", "v", null)));
        assertThat(SpecChecks.problems(app.getSpec())).isEmpty();
    }
}
