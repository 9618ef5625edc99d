package dev.datacenter.operator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CrdFilesTest {

    @Test
    void loadsEveryCrdOfTheDirectory() {
        assertThat(CrdFiles.load(Path.of("crds")))
                .extracting(crd -> crd.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(CrdFiles.GENERATED);
    }

    @Test
    void fallsBackToTheCrdsTheBuildGeneratedIntoTheClasspath() {
        assertThat(CrdFiles.load(Path.of("no-such-directory")))
                .extracting(crd -> crd.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(CrdFiles.GENERATED)
                .isNotEmpty();
        assertThat(CrdFiles.fromClasspath()).allSatisfy(CrdFilesTest::hasStatusSubresource);
    }

    private static void hasStatusSubresource(CustomResourceDefinition crd) {
        assertThat(crd.getSpec().getVersions().get(0).getSubresources().getStatus())
                .isNotNull();
    }
}
