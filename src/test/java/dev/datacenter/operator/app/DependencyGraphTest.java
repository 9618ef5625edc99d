package dev.datacenter.operator.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {

    @Test
    void noCycleInAChainOrADiamond() {
        DependencyGraph graph = new DependencyGraph(
                Map.of("web", List.of("api", "cache"), "api", List.of("db"), "cache", List.of("db"), "db", List.of()));

        assertThat(graph.cycleFrom("web")).isEmpty();
    }

    @Test
    void findsACycleThroughTheStart() {
        DependencyGraph graph = new DependencyGraph(Map.of("a", List.of("b"), "b", List.of("c"), "c", List.of("a")));

        assertThat(graph.cycleFrom("a")).contains(List.of("a", "b", "c", "a"));
        assertThat(graph.cycleFrom("b")).contains(List.of("b", "c", "a", "b"));
    }

    @Test
    void findsACycleReachableFromTheStartAndASelfDependency() {
        DependencyGraph graph = new DependencyGraph(
                Map.of("web", List.of("db", "x"), "x", List.of("y"), "y", List.of("x"), "self", List.of("self")));

        assertThat(graph.cycleFrom("web")).contains(List.of("x", "y", "x"));
        assertThat(graph.cycleFrom("self")).contains(List.of("self", "self"));
    }

    @Test
    void aDependencyOnAMissingAppIsNoCycle() {
        assertThat(new DependencyGraph(Map.of("a", List.of("missing"))).cycleFrom("a"))
                .isEmpty();
    }

    @Test
    void aLongChainDoesNotOverflowTheStack() {
        Map<String, List<String>> chain = new HashMap<>();
        for (int i = 0; i < 100_000; i++) {
            chain.put("app" + i, new ArrayList<>(List.of("app" + (i + 1))));
        }
        assertThat(new DependencyGraph(chain).cycleFrom("app0")).isEmpty();

        chain.put("app100000", List.of("app0"));
        assertThat(new DependencyGraph(chain).cycleFrom("app0")).get().asList().hasSize(100_002);
    }
}
