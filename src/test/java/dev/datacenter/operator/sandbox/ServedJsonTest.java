package dev.datacenter.operator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datacenter.operator.model.Json;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v1.ScaleBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sandbox writes the Kubernetes objects it builds (the statuses, discovery documents and scales it serves, the
 * CRDs it reads) with the operator's one mapper: they come out as the Kubernetes client's own serialization writes
 * them, property order included (they hold no maps, whose keys the mapper sorts). Pods it defaults go through the
 * mapper and back unchanged.
 */
class ServedJsonTest {

    private static final KubernetesSerialization CLIENT = new KubernetesSerialization();

    @Test
    void kubernetesObjectsComeOutAsTheClientWritesThem() {
        List<Object> served = List.of(
                new StatusBuilder()
                        .withStatus("Failure")
                        .withCode(429)
                        .withReason("TooManyRequests")
                        .withMessage("slow down")
                        .withNewDetails()
                        .withRetryAfterSeconds(1)
                        .endDetails()
                        .build(),
                new APIGroupBuilder()
                        .withName("datacenter.dev")
                        .addNewVersion()
                        .withGroupVersion("datacenter.dev/v1")
                        .withVersion("v1")
                        .endVersion()
                        .build(),
                new APIResourceListBuilder()
                        .withGroupVersion("v1")
                        .addNewResource()
                        .withName("pods")
                        .withKind("Pod")
                        .withNamespaced(true)
                        .withVerbs("get", "list")
                        .endResource()
                        .build(),
                new ScaleBuilder()
                        .withNewMetadata()
                        .withName("web")
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(3)
                        .endSpec()
                        .build(),
                new CustomResourceDefinitionBuilder()
                        .withNewMetadata()
                        .withName("things.example.com")
                        .endMetadata()
                        .withNewSpec()
                        .withGroup("example.com")
                        .withNewNames()
                        .withKind("Thing")
                        .withPlural("things")
                        .endNames()
                        .withScope("Namespaced")
                        .endSpec()
                        .build());
        for (Object o : served) assertThat(Json.canonical(o)).isEqualTo(CLIENT.asJson(o));
    }

    @Test
    void aPodReadBackThroughTheMapperEqualsTheOriginal() {
        Pod pod = TestObjects.pinnedPod("shop", "web-0", "node-1", "web-data-0");
        assertThat(Json.MAPPER.convertValue(Json.MAPPER.valueToTree(pod), Pod.class))
                .isEqualTo(pod);
    }
}
