package dev.datacenter.operator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datacenter.operator.model.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class DisruptionBudgetsTest {

    static JsonNode pod(String name, boolean ready) {
        return Json.parse("{\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"app\":\"web\"}},"
                + "\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"" + (ready ? "True" : "False")
                + "\"}]}}");
    }

    static JsonNode budget(String spec) {
        return Json.parse("{\"metadata\":{\"name\":\"web\"},\"spec\":{\"selector\":{\"matchLabels\":{\"app\":\"web\"}},"
                + spec + "}}");
    }

    static final List<JsonNode> THREE_READY = List.of(pod("a", true), pod("b", true), pod("c", true));

    @Test
    void minAvailableAllowsEvictionsWhileMoreThanItAreHealthy() {
        assertThat(DisruptionBudgets.refusal(pod("a", true), budget("\"minAvailable\":2"), THREE_READY))
                .isEmpty();
        assertThat(DisruptionBudgets.refusal(
                        pod("a", true), budget("\"minAvailable\":2"), List.of(pod("a", true), pod("b", true))))
                .contains("The disruption budget web needs 2 healthy pods and has 2 currently");
    }

    @Test
    void percentagesRoundUpAsTheApiServerDoes() {
        // 67% of 3 is 2.01: 3 must stay healthy; maxUnavailable 34% of 3 rounds up to 2 unavailable
        assertThat(DisruptionBudgets.desiredHealthy(
                        budget("\"minAvailable\":\"67%\"").path("spec"), 3))
                .isEqualTo(3);
        assertThat(DisruptionBudgets.desiredHealthy(
                        budget("\"maxUnavailable\":\"34%\"").path("spec"), 3))
                .isEqualTo(1);
        assertThat(DisruptionBudgets.refusal(pod("a", true), budget("\"maxUnavailable\":0"), THREE_READY))
                .isPresent();
    }

    @Test
    void anUnhealthyPodMayBeEvictedWhileTheBudgetIsMet() {
        List<JsonNode> pods = List.of(pod("a", true), pod("b", true), pod("c", false));
        assertThat(DisruptionBudgets.refusal(pod("c", false), budget("\"minAvailable\":2"), pods))
                .isEmpty();
        assertThat(DisruptionBudgets.refusal(pod("c", false), budget("\"minAvailable\":3"), pods))
                .isPresent();
    }

    @Test
    void selectorsMatchLabelsAndExpressions() {
        JsonNode labels = Json.parse("{\"app\":\"web\",\"tier\":\"front\"}");
        assertThat(DisruptionBudgets.matches(
                        Json.parse(
                                "{\"matchExpressions\":[{\"key\":\"tier\",\"operator\":\"In\",\"values\":[\"front\"]}]}"),
                        labels))
                .isTrue();
        assertThat(DisruptionBudgets.matches(Json.parse("{\"matchLabels\":{\"app\":\"db\"}}"), labels))
                .isFalse();
    }
}
