package dev.datacenter.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The operator's one Jackson mapper: sorted keys, no nulls, so output is canonical (hashes of specs are stable).
 * Kubernetes model objects keep the property order their {@code @JsonPropertyOrder} gives and their own
 * inclusion rules, so they come out as the Kubernetes client writes them; JSON trees come out as they are.
 */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {}

    /** The value as JSON text (POJOs, maps, Kubernetes model objects and trees alike). */
    public static String canonical(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize " + value, e);
        }
    }

    /** The JSON text as a tree; malformed text is an {@link UncheckedIOException}. */
    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An object's apiVersion, kind and metadata, without building a tree of its spec and status: what the sandbox's
     * garbage collector reads of every stored object on each pass (whole trees of 20,000 pods kept its heap
     * collecting).
     */
    public static JsonNode parseOwnership(String json) {
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
