package dev.datacenter.operator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datacenter.operator.validation.CrdValidator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every document of every YAML file under {@code samples/} (except {@code samples/sandbox/}, the
 * sandbox's node list) is what a user applies: our kinds must be accepted by their CRD (schema and
 * CEL, as {@link CrdValidator} evaluates them) and must deserialize into our Java types without
 * losing a field the user wrote; other kinds must at least be Kubernetes objects fabric8 knows.
 */
class SampleManifestsTest {

    private static final Map<String, CrdValidator> VALIDATORS = new HashMap<>();

    static Stream<Arguments> sampleDocuments() {
        List<Arguments> out = new ArrayList<>();
        for (Path file : Manifests.files(Manifests.SAMPLES)) {
            List<JsonNode> docs = Manifests.documents(file);
            for (int i = 0; i < docs.size(); i++) {
                JsonNode d = docs.get(i);
                String name = Manifests.SAMPLES.relativize(file) + (docs.size() > 1 ? "#" + (i + 1) : "") + " ("
                        + d.path("kind").asText() + " " + d.at("/metadata/name").asText() + ")";
                out.add(Arguments.of(name, file, d));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sampleDocuments")
    void isAcceptedAndReadsIntoOurTypes(String name, Path file, JsonNode doc) throws Exception {
        String kind = doc.path("kind").asText();
        Class<?> type = Manifests.OUR_KINDS.get(kind);
        String json = Manifests.JSON.writeValueAsString(doc);
        if (type == null) {
            Object core = Serialization.unmarshal(json);
            assertThat(core).as("%s is a Kubernetes object fabric8 knows", name).isInstanceOf(HasMetadata.class);
            assertThat(core.getClass().getSimpleName()).isEqualTo(kind);
            return;
        }
        assertThat(doc.path("apiVersion").asText()).isEqualTo("datacenter.dev/v1alpha1");
        CrdValidator validator = VALIDATORS.computeIfAbsent(kind, CrdValidator::forKind);
        assertThat(validator.validate(doc)).as("errors in %s", name).isEmpty();

        Object typed = Serialization.unmarshal(json, type);
        assertThat(typed).isInstanceOf(type);
        JsonNode roundTrip = Manifests.JSON.readTree(Serialization.asJson(typed));
        assertContained(doc, roundTrip, "");
    }

    /** Every field of {@code written} is in {@code read} with the same value (quantities compared as quantities). */
    static void assertContained(JsonNode written, JsonNode read, String path) {
        if (read == null || read.isNull() || read.isMissingNode()) {
            fail("%s was lost when the sample was read into our Java types", path);
        }
        if (written.isObject()) {
            written.fields()
                    .forEachRemaining(e -> assertContained(
                            e.getValue(), read.get(e.getKey()), path.isEmpty() ? e.getKey() : path + "." + e.getKey()));
        } else if (written.isArray()) {
            assertThat(read.size()).as(path).isEqualTo(written.size());
            for (int i = 0; i < written.size(); i++) {
                assertContained(written.get(i), read.get(i), path + "[" + i + "]");
            }
        } else if (written.isNumber() && read.isNumber()) {
            assertThat(read.decimalValue().compareTo(written.decimalValue()))
                    .as(path)
                    .isZero();
        } else if (written.isNumber() || read.isNumber()) {
            // a quantity written as a YAML number comes back as a string
            assertThat(new BigDecimal(read.asText())).as(path).isEqualByComparingTo(new BigDecimal(written.asText()));
        } else {
            assertThat(read.asText()).as(path).isEqualTo(written.asText());
        }
    }

    @Test
    void theSamplesTellTheStoriesTheReadmeTells() {
        assertThat(Manifests.files(Manifests.SAMPLES).stream()
                        .map(p -> Manifests.SAMPLES.relativize(p).toString()))
                .contains(
                        "00-namespace.yaml",
                        "jokes/1-single-instance.yaml",
                        "jokes/2-three-instances.yaml",
                        "jokes/3-production.yaml",
                        "pools/web.yaml",
                        "pools/batch.yaml",
                        "pools/gpu.yaml",
                        "webapp-with-db/2-postgres.yaml",
                        "webapp-with-db/3-webapp.yaml");
        JsonNode production = Manifests.documents(Manifests.SAMPLES.resolve("jokes/3-production.yaml"))
                .get(0);
        assertThat(production.at("/spec/pool").asText()).isEqualTo("web");
        assertThat(production.at("/spec/upgradeStrategy/minimumHealthCapacity").asDouble())
                .isEqualTo(0.5);
        assertThat(production.at("/spec/upgradeStrategy/maximumOverCapacity").asDouble())
                .isEqualTo(0.25);
        JsonNode webapp = Manifests.documents(Manifests.SAMPLES.resolve("webapp-with-db/3-webapp.yaml"))
                .get(0);
        assertThat(webapp.at("/spec/dependencies/0").asText()).isEqualTo("postgres");
        for (Path f : Manifests.files(Manifests.SAMPLES)) {
            Manifests.documents(f).stream()
                    .filter(d -> d.at("/metadata/namespace").isTextual())
                    .forEach(d -> assertThat(d.at("/metadata/namespace").asText())
                            .as("namespace in %s", f)
                            .isEqualTo("demo"));
        }
    }
}
