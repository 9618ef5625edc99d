package dev.datacenter.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

class ApiErrorsTest {

    @Test
    void aConflictIsRecognisedDirectlyOrAsACause() {
        KubernetesClientException conflict = new KubernetesClientException("the object has been modified", 409, null);

        assertThat(ApiErrors.isConflict(conflict)).isTrue();
        assertThat(ApiErrors.isConflict(new IllegalStateException("wrapped", conflict)))
                .isTrue();
        assertThat(ApiErrors.isNotFound(conflict)).isFalse();
    }

    @Test
    void otherFailuresAreNotConflicts() {
        assertThat(ApiErrors.isConflict(new KubernetesClientException("boom", 500, null)))
                .isFalse();
        assertThat(ApiErrors.isConflict(new IllegalArgumentException("bad object")))
                .isFalse();
        assertThat(ApiErrors.isNotFound(new KubernetesClientException("gone", 404, null)))
                .isTrue();
    }
}
