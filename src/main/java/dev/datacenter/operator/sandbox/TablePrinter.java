package dev.datacenter.operator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datacenter.operator.model.Json;
import java.util.List;

/**
 * Turns a list (or one object) into a {@code meta.k8s.io/v1 Table}, what a real API server answers when
 * kubectl asks for {@code application/json;as=Table;g=meta.k8s.io;v=v1}. Each row carries the whole object,
 * so kubectl can add NAMESPACE and label columns itself.
 */
final class TablePrinter {

    private TablePrinter() {}

    static boolean wantsTable(String accept) {
        return accept != null && accept.contains("as=Table");
    }

    static ObjectNode table(JsonNode listOrObject, List<TableColumn> columns) {
        ObjectNode table = Json.MAPPER.createObjectNode();
        table.put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
        table.putObject("metadata")
                .put(
                        "resourceVersion",
                        listOrObject.path("metadata").path("resourceVersion").asText(""));
        ArrayNode definitions = table.putArray("columnDefinitions");
        for (TableColumn c : columns) {
            definitions
                    .addObject()
                    .put("name", c.name())
                    .put("type", c.type())
                    .put("format", c.format())
                    .put("description", "")
                    .put("priority", c.priority());
        }
        ArrayNode rows = table.putArray("rows");
        boolean list = listOrObject.path("kind").asText().endsWith("List");
        JsonNode items = list
                ? listOrObject.path("items")
                : Json.MAPPER.createArrayNode().add(listOrObject);
        for (JsonNode item : items) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            columns.forEach(c -> cells.addPOJO(c.cell().apply(item)));
            row.set("object", item);
        }
        return table;
    }
}
