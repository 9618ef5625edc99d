package dev.datacenter.operator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;

/**
 * One column of a server-side {@code kubectl get} table: its definition as the API server publishes it and
 * how to compute a cell from an object.
 *
 * @param priority 0 for the default view, above 0 for {@code -o wide}
 */
record TableColumn(String name, String type, String format, int priority, Function<JsonNode, Object> cell) {

    static TableColumn of(String name, Function<JsonNode, Object> cell) {
        return new TableColumn(name, "string", "", 0, cell);
    }

    static TableColumn wide(String name, Function<JsonNode, Object> cell) {
        return new TableColumn(name, "string", "", 1, cell);
    }

    static TableColumn nameColumn() {
        return new TableColumn(
                "Name",
                "string",
                "name",
                0,
                o -> o.path("metadata").path("name").asText());
    }

    static TableColumn ageColumn() {
        return new TableColumn(
                "Age",
                "string",
                "",
                0,
                o -> HumanDuration.since(
                        o.path("metadata").path("creationTimestamp").asText("")));
    }
}
