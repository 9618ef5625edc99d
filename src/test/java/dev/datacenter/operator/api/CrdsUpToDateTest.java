package dev.datacenter.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datacenter.operator.validation.CrdValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code crds/} is what users {@code kubectl apply}; it must be exactly what the build generates
 * from the API types, and carry what api.md promises (kinds, scopes, short names, category,
 * subresources, printer columns, decline reasons).
 */
class CrdsUpToDateTest {

    static final Path COMMITTED = Path.of("crds");
    static final Path GENERATED = Path.of("target/classes/META-INF/fabric8");
    static final String REFRESH = "mvn -q process-classes && cp target/classes/META-INF/fabric8/*-v1.yml crds/";

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith("-v1.yml"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void committedCrdsAreWhatTheBuildGenerates() throws IOException {
        assertThat(GENERATED)
                .as("the build generates CRDs during process-classes; run: mvn process-classes")
                .isDirectory();
        assertThat(names(COMMITTED))
                .as("crds/ holds one file per generated CRD; refresh with: " + REFRESH)
                .isEqualTo(names(GENERATED))
                .hasSize(3);
        List<String> stale = new ArrayList<>();
        for (String name : names(GENERATED)) {
            if (!Files.readString(GENERATED.resolve(name)).equals(Files.readString(COMMITTED.resolve(name)))) {
                stale.add(name);
            }
        }
        assertThat(stale)
                .as("crds/ differs from what the API types generate; refresh it with:\n    " + REFRESH
                        + "\nand commit crds/")
                .isEmpty();
    }

    static JsonNode crd(String kind) throws IOException {
        return Manifests.YAML.readTree(CrdValidator.crdFile(kind).toFile());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "DataCenterApp, datacenterapps, Namespaced, dca dcapp",
        "ResourcePool, resourcepools, Cluster, rpool",
        "PersistentVolumeClaimSet, persistentvolumeclaimsets, Namespaced, pvcset"
    })
    void namesScopeAndCategory(String kind, String plural, String scope, String shortNames) throws IOException {
        JsonNode spec = crd(kind).get("spec");
        assertThat(crd(kind).at("/metadata/name").asText()).isEqualTo(plural + ".datacenter.dev");
        assertThat(spec.path("group").asText()).isEqualTo("datacenter.dev");
        assertThat(spec.path("scope").asText()).isEqualTo(scope);
        assertThat(texts(spec.at("/names/shortNames"))).containsExactlyInAnyOrder(shortNames.split(" "));
        assertThat(texts(spec.at("/names/categories"))).containsExactly("datacenter");
        JsonNode version = spec.at("/versions/0");
        assertThat(spec.get("versions")).hasSize(1);
        assertThat(version.path("name").asText()).isEqualTo("v1alpha1");
        assertThat(version.path("served").asBoolean()).isTrue();
        assertThat(version.path("storage").asBoolean()).isTrue();
        assertThat(version.at("/subresources/status").isObject())
                .as("status subresource")
                .isTrue();
    }

    @Test
    void dataCenterAppScalesLikeADeployment() throws IOException {
        JsonNode scale = crd("DataCenterApp").at("/spec/versions/0/subresources/scale");
        assertThat(scale.path("specReplicasPath").asText()).isEqualTo(".spec.instances");
        assertThat(scale.path("statusReplicasPath").asText()).isEqualTo(".status.instances.total");
        assertThat(scale.path("labelSelectorPath").asText()).isEqualTo(".status.selector");
        assertThat(crd("ResourcePool").at("/spec/versions/0/subresources/scale").isMissingNode())
                .isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "DataCenterApp | Pool=.spec.pool; Instances=.status.instances.total; Ready=.status.instances.ready; "
                        + "Healthy=.status.instances.healthy; Status=.status.conditions[?(@.type==\"Ready\")].reason; "
                        + "Age=.metadata.creationTimestamp",
                "ResourcePool | Weight=.spec.weight; Nodes=.status.nodes; CPU=.status.cpu; Mem=.status.mem; "
                        + "Share=.status.dominantShare; Pending=.status.pendingInstances; Age=.metadata.creationTimestamp",
                "PersistentVolumeClaimSet | Claims=.status.claimCount; Pinned=.status.pinnedCount; Lost=.status.lostCount; "
                        + "Age=.metadata.creationTimestamp"
            })
    void printerColumns(String kind, String columns) throws IOException {
        Map<String, String> actual = new java.util.LinkedHashMap<>();
        crd(kind)
                .at("/spec/versions/0/additionalPrinterColumns")
                .forEach(c ->
                        actual.put(c.path("name").asText(), c.path("jsonPath").asText()));
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        for (String c : columns.split(";")) {
            String[] kv = c.trim().split("=", 2);
            expected.put(kv[0], kv[1]);
        }
        assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
        // every column reads a field the schema declares (a typo would show an always-empty column)
        JsonNode schema = crd(kind).at("/spec/versions/0/schema/openAPIV3Schema");
        for (String path : expected.values()) {
            if (path.startsWith(".metadata")) {
                continue;
            }
            JsonNode node = schema;
            for (String part : path.substring(1).replaceAll("\\[.*$", "").split("\\.")) {
                node = node.path("properties").path(part);
            }
            assertThat(node.isMissingNode())
                    .as("%s column %s reads a declared field", kind, path)
                    .isFalse();
        }
    }

    /** The decline reasons of api.md: one enum, used in status, metrics, events and the REST API. */
    @Test
    void everyDeclineReasonIsInTheStatusEnum() throws IOException {
        JsonNode reasons = crd("DataCenterApp")
                .at("/spec/versions/0/schema/openAPIV3Schema/properties/status/"
                        + "properties/pending/properties/reasons/items/properties/reason/enum");
        assertThat(texts(reasons))
                .containsExactlyInAnyOrder(
                        "UnfulfilledRole",
                        "UntoleratedTaint",
                        "RefusedByNode",
                        "UnfulfilledConstraint",
                        "InsufficientCpus",
                        "InsufficientMemory",
                        "InsufficientDisk",
                        "InsufficientGpus",
                        "InsufficientPorts",
                        "DeclinedScarceResources",
                        "NodeUnschedulable",
                        "PinnedNodeUnavailable",
                        "PoolLimitReached");
        assertThat(texts(reasons))
                .containsExactlyInAnyOrderElementsOf(Stream.of(PendingReason.values())
                        .map(PendingReason::toString)
                        .toList());
        // the engine's own enum (JDK-only, so it cannot share the api's) names exactly the same reasons
        assertThat(Stream.of(dev.datacenter.operator.placement.DeclineReason.values())
                        .map(Enum::name)
                        .toList())
                .containsExactlyInAnyOrderElementsOf(
                        Stream.of(PendingReason.values()).map(Enum::name).toList());
    }

    @Test
    void everyCelRuleOfEveryCrdCompiles() {
        // building a validator compiles every rule and throws when one does not compile
        assertThat(CrdValidator.forKind("DataCenterApp").ruleCount()).isGreaterThanOrEqualTo(13);
        assertThat(CrdValidator.forKind("ResourcePool").ruleCount()).isGreaterThanOrEqualTo(4);
        assertThat(CrdValidator.forKind("PersistentVolumeClaimSet").ruleCount()).isZero();
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /**
     * The API server refuses a CRD whose rules' estimated cost exceeds its budget, and estimates from
     * the schema's bounds: a list without maxItems or a string without maxLength counts as large as
     * a whole request. The harness does not estimate cost, so this lint keeps the bounds the
     * quadratic rules (uniqueness over a list) need: the list has maxItems, and every string its
     * rule compares has maxLength.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"DataCenterApp", "ResourcePool", "PersistentVolumeClaimSet"})
    void listRulesAreBoundedForTheCelCostBudget(String kind) throws IOException {
        List<String> unbounded = new ArrayList<>();
        lintLists(crd(kind).at("/spec/versions/0/schema/openAPIV3Schema"), "", unbounded);
        assertThat(unbounded)
                .as("bounds the CEL cost estimator needs in %s", kind)
                .isEmpty();
    }

    private static void lintLists(JsonNode s, String path, List<String> unbounded) {
        if ("array".equals(s.path("type").asText()) && s.has("x-kubernetes-validations")) {
            if (!s.has("maxItems")) {
                unbounded.add(path + ": a list with rules needs maxItems");
            }
            JsonNode items = s.path("items");
            for (JsonNode rule : s.get("x-kubernetes-validations")) {
                String r = rule.path("rule").asText();
                if ("string".equals(items.path("type").asText()) && !items.has("maxLength")) {
                    unbounded.add(path + "[*]: strings compared by '" + r + "' need maxLength");
                }
                items.path("properties").fields().forEachRemaining(e -> {
                    if ("string".equals(e.getValue().path("type").asText())
                            && r.contains("." + e.getKey())
                            && !e.getValue().has("maxLength")) {
                        unbounded.add(path + "[*]." + e.getKey() + ": compared by '" + r + "', needs maxLength");
                    }
                });
            }
        }
        s.path("properties")
                .fields()
                .forEachRemaining(e -> lintLists(e.getValue(), path + "." + e.getKey(), unbounded));
        if (s.has("items")) {
            lintLists(s.get("items"), path + "[*]", unbounded);
        }
    }
}
