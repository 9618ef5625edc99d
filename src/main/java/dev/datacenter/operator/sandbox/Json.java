package dev.datacenter.operator.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.UncheckedIOException;

/** The JSON mapper the sandbox uses for the documents it reads and writes itself. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

    private Json() {}

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes Kubernetes model objects and Jackson trees alike. */
    static String write(Object value) {
        return KUBERNETES.asJson(value);
    }
}
