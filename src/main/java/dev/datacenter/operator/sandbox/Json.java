package dev.datacenter.operator.sandbox;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    /**
     * What the garbage collector reads of a stored object: its apiVersion, kind and metadata, without building a
     * tree of its spec and status (a pass reads every stored object; whole trees of 20,000 pods kept the
     * sandbox's heap collecting).
     */
    static JsonNode parseOwnership(String json) {
        try (JsonParser parser = MAPPER.getFactory().createParser(json)) {
            ObjectNode view = MAPPER.createObjectNode();
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return view;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("metadata")
                        || ((field.equals("apiVersion") || field.equals("kind")) && value.isScalarValue())) {
                    view.set(field, MAPPER.readTree(parser));
                } else {
                    parser.skipChildren();
                }
            }
            return view;
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes Kubernetes model objects and Jackson trees alike. */
    static String write(Object value) {
        return KUBERNETES.asJson(value);
    }
}
