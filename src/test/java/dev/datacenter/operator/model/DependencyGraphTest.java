package dev.datacenter.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datacenter.operator.api.DataCenterApp;
import java.util.ArrayList;
import java.util.HashMap;
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
        assertThat(g.cycleFrom("a")).contains(List.of("a", "b", "c", "a"));
        assertThat(g.cycleFrom("c")).contains(List.of("c", "a", "b", "c"));
        assertThat(g.cycleFrom("self")).contains(List.of("self", "self"));
        assertThat(g.cycleFrom("x")).isEmpty();
        // an app that depends on a cycle can never be placed either: the cycle is reported on it
        assertThat(g.cycleFrom("outside")).contains(List.of("a", "b", "c", "a"));
        assertThat(g.problem("b")).hasValueSatisfying(p -> {
            assertThat(p.reason()).isEqualTo("DependencyCycle");
            assertThat(p.message()).isEqualTo("dependencies form a cycle: b -> c -> a -> b");
        });
    }

    @Test
    void noCycleInAChainOrADiamond() {
        DependencyGraph g = new DependencyGraph(
                Map.of("web", List.of("api", "cache"), "api", List.of("db"), "cache", List.of("db"), "db", List.of()));
        assertThat(g.cycleFrom("web")).isEmpty();
        assertThat(g.problem("web")).isEmpty();
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
        chain.put("app100000", List.of());
        assertThat(new DependencyGraph(chain).cycleFrom("app0")).isEmpty();

        chain.put("app100000", List.of("app0"));
        assertThat(new DependencyGraph(chain).cycleFrom("app0")).get().asList().hasSize(100_002);
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
