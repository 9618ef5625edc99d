package dev.datacenter.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.Test;

class ClaimTemplateChecksTest {

    private static PersistentVolumeClaimSpecBuilder good() {
        return new PersistentVolumeClaimSpecBuilder()
                .withStorageClassName("local-path")
                .withAccessModes("ReadWriteOnce")
                .withNewResources()
                .addToRequests("storage", new Quantity("10Gi"))
                .endResources();
    }

    @Test
    void aTemplateTheApiServerAdmitsHasNoProblems() {
        assertThat(ClaimTemplateChecks.problems(good().build())).isEmpty();
        assertThat(ClaimTemplateChecks.problems(good().withVolumeMode("Block").build()))
                .isEmpty();
    }

    @Test
    void unknownModesBadStorageAndBadClassNamesAreReported() {
        PersistentVolumeClaimSpec bad = good().withAccessModes("Sometimes")
                .withVolumeMode("Weird")
                .withStorageClassName("Bad Class!")
                .withNewResources()
                .addToRequests("storage", new Quantity("-1Gi"))
                .endResources()
                .build();
        assertThat(ClaimTemplateChecks.problems(bad))
                .hasSize(4)
                .anySatisfy(p -> assertThat(p).contains("unsupported value \"Sometimes\""))
                .anySatisfy(p -> assertThat(p).contains("volumeMode: unsupported value \"Weird\""))
                .anySatisfy(p -> assertThat(p).contains("\"Bad Class!\" is not a DNS subdomain"))
                .anySatisfy(p -> assertThat(p).contains("storage \"-1Gi\" must be a positive quantity"));
        assertThat(ClaimTemplateChecks.problems(good().withResources(null).build()))
                .containsExactly("spec.template.resources.requests.storage is required");
        assertThat(ClaimTemplateChecks.problems(good().withNewResources()
                        .addToRequests("storage", new Quantity("huge"))
                        .endResources()
                        .build()))
                .hasSize(1);
    }
}
