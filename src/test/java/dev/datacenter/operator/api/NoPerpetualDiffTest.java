package dev.datacenter.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datacenter.operator.validation.CrdValidator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No perpetual diff in Argo CD (or any GitOps tool): for every sample of our kinds, the object the API
 * server stores (the CRD's defaults applied, as {@link CrdValidator#withDefaults} applies them) keeps every
 * field the user wrote with the value written, defaulting twice changes nothing, and applying the same
 * manifest again (a JSON merge patch of the manifest onto the stored object, then defaulting) gives the same
 * stored object. That the operator never writes {@code .spec} itself is proven against the sandbox:
 * {@code CatalogSandboxMockTest} checks every object's generation stays 1.
 */
class NoPerpetualDiffTest {

    private static final Map<String, CrdValidator> VALIDATORS = new HashMap<>();

    static Stream<Arguments> ourSamples() {
        List<Arguments> out = new ArrayList<>();
        for (Path file : Manifests.files(Manifests.SAMPLES)) {
            for (JsonNode doc : Manifests.documents(file)) {
                String kind = doc.path("kind").asText();
                if (Manifests.OUR_KINDS.containsKey(kind)) {
                    out.add(Arguments.of(
                            Manifests.SAMPLES.relativize(file) + " (" + kind + " "
                                    + doc.at("/metadata/name").asText() + ")",
                            doc));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ourSamples")
    void reapplyingTheManifestChangesNothing(String name, JsonNode manifest) {
        CrdValidator crd = VALIDATORS.computeIfAbsent(manifest.path("kind").asText(), CrdValidator::forKind);
        JsonNode stored = crd.withDefaults(manifest);

        assertThat(crd.withDefaults(stored)).as("defaulting is idempotent").isEqualTo(stored);
        assertKeeps(manifest, stored, "");
        JsonNode reapplied = crd.withDefaults(mergePatch(stored.deepCopy(), manifest));
        assertThat(reapplied)
                .as("the stored object after the manifest is applied again")
                .isEqualTo(stored);
        assertThat(crd.validate(stored))
                .as("the defaulted object is still valid")
                .isEmpty();
    }

    /** Every field the user wrote is stored with exactly the value written: a default never rewrites it. */
    private static void assertKeeps(JsonNode written, JsonNode stored, String path) {
        assertThat(stored).as("%s is kept", path).isNotNull();
        if (written.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = written.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                assertKeeps(e.getValue(), stored.get(e.getKey()), path + "/" + e.getKey());
            }
        } else if (written.isArray()) {
            assertThat(stored.size()).as("%s keeps its length", path).isEqualTo(written.size());
            for (int i = 0; i < written.size(); i++) {
                assertKeeps(written.get(i), stored.get(i), path + "/" + i);
            }
        } else {
            assertThat(stored).as(path).isEqualTo(written);
        }
    }

    /** RFC 7386 JSON merge patch, as {@code kubectl apply} of an unchanged manifest amounts to. */
    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result =
                target != null && target.isObject() ? (ObjectNode) target : Manifests.JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull()) {
                result.remove(e.getKey());
            } else {
                result.set(e.getKey(), mergePatch(result.get(e.getKey()), e.getValue()));
            }
        }
        return result;
    }
}
