package dev.datacenter.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datacenter.operator.api.DataCenterApp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {

    private static DependencyGraph graph(Object... appThenDeps) {
        Map<String, List<String>> deps = new LinkedHashMap<>();
        for (int i = 0; i < appThenDeps.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> d = (List<String>) appThenDeps[i + 1];
            deps.put((String) appThenDeps[i], d);
        }
        return new DependencyGraph(deps);
    }

    @Test
    void missingDependenciesAreFound() {
        DependencyGraph g = graph("web", List.of("db", "cache", "queue"), "db", List.of());
        assertThat(g.missing("web")).containsExactly("cache", "queue");
        assertThat(g.missing("db")).isEmpty();
        assertThat(g.problem("web")).hasValueSatisfying(p -> {
            assertThat(p.reason()).isEqualTo("DependencyNotFound");
            assertThat(p.message()).contains("cache, queue");
        });
        assertThat(g.problem("db")).isEmpty();
    }

    @Test
    void cyclesAreFoundWithTheirPath() {
        DependencyGraph g = graph(
                "a",
                List.of("x", "b"),
                "b",
                List.of("c"),
                "c",
                List.of("a"),
                "x",
                List.of(),
                "self",
                List.of("self"),
                "outside",
                List.of("a"));
        assertThat(g.cycle("a")).contains(List.of("a", "b", "c", "a"));
        assertThat(g.cycle("c")).contains(List.of("c", "a", "b", "c"));
        assertThat(g.cycle("self")).contains(List.of("self", "self"));
        assertThat(g.cycle("outside")).isEmpty();
        assertThat(g.cycle("x")).isEmpty();
        assertThat(g.problem("b")).hasValueSatisfying(p -> {
            assertThat(p.reason()).isEqualTo("DependencyCycle");
            assertThat(p.message()).isEqualTo("dependency cycle: b -> c -> a -> b");
        });
    }

    @Test
    void shortestCycleIsReported() {
        DependencyGraph g = graph("a", List.of("b", "c"), "b", List.of("d"), "d", List.of("a"), "c", List.of("a"));
        assertThat(g.cycle("a")).contains(List.of("a", "c", "a"));
    }

    @Test
    void dependentsAndGraphFromApps() {
        DataCenterApp web = Apps.app("web");
        web.getSpec().setDependencies(List.of("db"));
        DataCenterApp api = Apps.app("api");
        api.getSpec().setDependencies(List.of("db"));
        DependencyGraph g = DependencyGraph.of(List.of(web, api, Apps.app("db")));
        assertThat(g.dependents("db")).containsExactly("api", "web");
        assertThat(g.dependencies("web")).containsExactly("db");
        assertThat(g.dependencies("unknown")).isEmpty();
        assertThat(g.problem("web")).isEmpty();
    }
}
