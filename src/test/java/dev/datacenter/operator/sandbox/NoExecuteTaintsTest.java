package dev.datacenter.operator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoExecuteTaintsTest {

    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    static Node node(String ready) {
        NodeBuilder b = new NodeBuilder().withNewMetadata().withName("n").endMetadata();
        if (ready != null) {
            b.withNewStatus()
                    .addNewCondition()
                    .withType("Ready")
                    .withStatus(ready)
                    .endCondition()
                    .endStatus();
        }
        return b.build();
    }

    static Pod pod(Toleration... tolerations) {
        return new PodBuilder()
                .withNewMetadata()
                .withName("p")
                .endMetadata()
                .withNewSpec()
                .withTolerations(tolerations)
                .endSpec()
                .build();
    }

    static Taint unreachable() {
        return new TaintBuilder()
                .withKey(NoExecuteTaints.UNREACHABLE)
                .withEffect("NoExecute")
                .withTimeAdded(NOW.toString())
                .build();
    }

    @Test
    void aNodeThatIsNotReadyIsTaintedByItsConditionAndUntaintedWhenReady() {
        assertThat(NoExecuteTaints.desiredTaints(node("False"), NOW))
                .extracting(Taint::getKey, Taint::getEffect)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(NoExecuteTaints.NOT_READY, "NoExecute"));
        assertThat(NoExecuteTaints.desiredTaints(node("Unknown"), NOW))
                .extracting(Taint::getKey)
                .containsExactly(NoExecuteTaints.UNREACHABLE);
        assertThat(NoExecuteTaints.desiredTaints(node(null), NOW))
                .extracting(Taint::getKey)
                .containsExactly(NoExecuteTaints.UNREACHABLE);
        Node readyAgain = node("True");
        readyAgain.setSpec(new io.fabric8.kubernetes.api.model.NodeSpec());
        Taint gpu = new TaintBuilder()
                .withKey("nvidia.com/gpu")
                .withEffect("NoSchedule")
                .build();
        readyAgain.getSpec().setTaints(List.of(unreachable(), gpu));
        assertThat(NoExecuteTaints.desiredTaints(readyAgain, NOW)).containsExactly(gpu);
    }

    @Test
    void aPodIsEvictedAtOnceWithoutTolerationAfterItsSecondsWithOneAndNeverWithoutSeconds() {
        List<Taint> taints = List.of(unreachable());
        assertThat(NoExecuteTaints.evictionTime(pod(), taints)).contains(NOW);
        Toleration for60 = new TolerationBuilder()
                .withKey(NoExecuteTaints.UNREACHABLE)
                .withOperator("Exists")
                .withEffect("NoExecute")
                .withTolerationSeconds(60L)
                .build();
        assertThat(NoExecuteTaints.evictionTime(pod(for60), taints)).contains(NOW.plusSeconds(60));
        Toleration forEver = new TolerationBuilder()
                .withKey(NoExecuteTaints.UNREACHABLE)
                .withOperator("Exists")
                .build();
        assertThat(NoExecuteTaints.evictionTime(pod(forEver), taints)).isEmpty();
        Toleration other = new TolerationBuilder()
                .withKey(NoExecuteTaints.NOT_READY)
                .withOperator("Exists")
                .build();
        assertThat(NoExecuteTaints.evictionTime(pod(other), taints)).contains(NOW);
    }
}
