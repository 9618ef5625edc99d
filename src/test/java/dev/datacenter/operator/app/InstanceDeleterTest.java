package dev.datacenter.operator.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datacenter.operator.cluster.ClusterWrites;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A pod whose delete the API server refused is not waited for as terminating (found by bench/faults.sh). */
class InstanceDeleterTest {

    private static final Pod POD = new PodBuilder()
            .withNewMetadata()
            .withNamespace("demo")
            .withName("web-0-1-abcde")
            .withUid("uid-1")
            .endMetadata()
            .build();

    private static InstanceDeleter deleter(boolean fail) {
        InstanceDeleter deleter = new InstanceDeleter();
        deleter.expectations = new DeletionExpectations();
        deleter.writes = new ClusterWrites() {
            @Override
            public <T extends HasMetadata> boolean delete(Class<T> type, String namespace, String name) {
                if (fail) {
                    throw new KubernetesClientException("Internal error (injected)", 500, null);
                }
                return true;
            }
        };
        return deleter;
    }

    @Test
    void aRefusedDeleteIsNotExpectedAnyLonger() {
        InstanceDeleter deleter = deleter(true);
        assertThatThrownBy(() -> deleter.delete("demo/web", POD)).isInstanceOf(KubernetesClientException.class);
        assertThat(deleter.expectations.pending("demo/web", Set.of("uid-1"))).isEmpty();
    }

    @Test
    void aDeleteDoneIsExpectedUntilTheCacheDropsThePod() {
        InstanceDeleter deleter = deleter(false);
        deleter.delete("demo/web", POD);
        assertThat(deleter.expectations.pending("demo/web", Set.of("uid-1"))).containsExactly("uid-1");
        assertThat(deleter.expectations.pending("demo/web", Set.of())).isEmpty();
    }
}
