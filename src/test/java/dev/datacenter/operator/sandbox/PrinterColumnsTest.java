package dev.datacenter.operator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datacenter.operator.model.Json;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PrinterColumnsTest {

    @Test
    void jsonPathsOfPrinterColumns() {
        JsonNode app = Json.parse("""
        {"spec": {"pool": "web", "ports": [{"name": "http"}, {"name": "admin"}]},
         "status": {"conditions": [{"type": "Healthy", "reason": "A"}, {"type": "Ready", "reason": "Deployed"}]}}
        """);

        assertThat(JsonPathLite.evaluate(app, ".spec.pool")).isEqualTo("web");
        assertThat(JsonPathLite.evaluate(app, ".spec.ports[1].name")).isEqualTo("admin");
        assertThat(JsonPathLite.evaluate(app, ".spec.ports[*].name")).isEqualTo("http,admin");
        assertThat(JsonPathLite.evaluate(app, ".status.conditions[?(@.type==\"Ready\")].reason"))
                .isEqualTo("Deployed");
        assertThat(JsonPathLite.evaluate(app, ".status.missing")).isEmpty();
    }

    @Test
    void agesReadAsKubectlShowsThem() {
        assertThat(HumanDuration.of(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(HumanDuration.of(Duration.ofSeconds(192))).isEqualTo("3m12s");
        assertThat(HumanDuration.of(Duration.ofMinutes(17))).isEqualTo("17m");
        assertThat(HumanDuration.of(Duration.ofMinutes(303))).isEqualTo("5h3m");
        assertThat(HumanDuration.of(Duration.ofHours(30))).isEqualTo("30h");
        assertThat(HumanDuration.of(Duration.ofHours(76))).isEqualTo("3d4h");
        assertThat(HumanDuration.of(Duration.ofDays(12))).isEqualTo("12d");
    }

    @Test
    void tableOfAListHasTheColumnsAndOneRowPerObjectWithTheObject() {
        JsonNode list = Json.parse("""
        {"kind": "NodeList", "metadata": {"resourceVersion": "7"}, "items": [
          {"metadata": {"name": "n1", "creationTimestamp": "2020-01-01T00:00:00Z"},
           "status": {"conditions": [{"type": "Ready", "status": "True"}], "nodeInfo": {"kubeletVersion": "v1"}}},
          {"metadata": {"name": "n2"}, "spec": {"unschedulable": true}, "status": {}}]}
        """);
        ApiPath nodes = ApiPath.parse("/api/v1/nodes").orElseThrow();

        JsonNode table = TablePrinter.table(
                list, PrinterColumns.of(nodes, java.util.List.of()).orElseThrow());

        assertThat(table.path("kind").asText()).isEqualTo("Table");
        assertThat(table.path("columnDefinitions").findValuesAsText("name"))
                .startsWith("Name", "Status", "Roles", "Age");
        assertThat(table.path("rows").get(0).path("cells").get(1).asText()).isEqualTo("Ready");
        assertThat(table.path("rows").get(1).path("cells").get(1).asText()).isEqualTo("NotReady,SchedulingDisabled");
        assertThat(table.path("rows")
                        .get(0)
                        .path("object")
                        .path("metadata")
                        .path("name")
                        .asText())
                .isEqualTo("n1");
    }
}
