package dev.datacenter.operator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class ProtobufBodiesTest {

    /** What kubectl 1.32 sends for {@code kubectl create namespace made-by-kubectl}. */
    static final String NAMESPACE =
            "azhzAAoPCgJ2MRIJTmFtZXNwYWNlEicKHwoPbWFkZS1ieS1rdWJlY3RsEgAaACIAKgAyADgAQgASABoCCgAaACIA";

    @Test
    void readsTheNamespaceKubectlCreates() {
        var json = ProtobufBodies.decode(Base64.getDecoder().decode(NAMESPACE)).orElseThrow();

        assertThat(json.path("apiVersion").asText()).isEqualTo("v1");
        assertThat(json.path("kind").asText()).isEqualTo("Namespace");
        assertThat(json.path("metadata").path("name").asText()).isEqualTo("made-by-kubectl");
        assertThat(json.path("metadata").has("namespace")).isFalse();
    }

    @Test
    void anythingElseIsNotRead() {
        assertThat(ProtobufBodies.decode(new byte[] {'k', '8', 's', 0})).isEmpty();
        assertThat(ProtobufBodies.decode("{}".getBytes())).isEmpty();
    }
}
