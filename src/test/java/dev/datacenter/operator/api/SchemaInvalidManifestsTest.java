package dev.datacenter.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datacenter.operator.validation.CrdValidator;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The invalid-manifest corpus in {@code src/test/resources/invalid/}: each file is a complete
 * manifest derived from a sample (header {@code # derived from:}) with exactly one mistake. Its
 * header says what a user is told ({@code # expect:}) and how to repair the mistake
 * ({@code # fix:}). For every file the CRD must refuse the manifest with exactly one error (plus,
 * where the API server adds it, the note that CEL rules were skipped) containing the expected
 * message, and must accept it once the fix is applied: that proves the file holds one mistake
 * and nothing else is wrong with it.
 */
class SchemaInvalidManifestsTest {

    private static final Map<String, CrdValidator> VALIDATORS = new HashMap<>();

    static CrdValidator validatorFor(JsonNode doc) {
        return VALIDATORS.computeIfAbsent(doc.path("kind").asText(), CrdValidator::forKind);
    }

    static Stream<Arguments> invalidManifests() {
        return Manifests.files(Manifests.INVALID).stream()
                .map(p -> Arguments.of(p.getFileName().toString(), p));
    }

    static List<String> mistakes(List<CrdValidator.Violation> violations) {
        return violations.stream()
                .map(Object::toString)
                .filter(v -> !v.contains("some validation rules were not checked"))
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidManifests")
    void isRefusedWithTheMessageAUserSees(String name, Path file) {
        List<String> expect = Manifests.header(file, "expect");
        List<String> fixes = Manifests.header(file, "fix");
        assertThat(expect).as("%s needs one '# expect:' header line", name).hasSize(1);
        assertThat(fixes).as("%s needs a '# fix:' header line", name).isNotEmpty();
        assertThat(Manifests.header(file, "derived from"))
                .as("%s says which sample it derives from", name)
                .hasSize(1);
        List<JsonNode> docs = Manifests.documents(file);
        assertThat(docs).as("one manifest per file").hasSize(1);
        JsonNode doc = docs.get(0);

        List<CrdValidator.Violation> violations = validatorFor(doc).validate(doc);

        assertThat(mistakes(violations)).as("the errors of %s", name).hasSize(1);
        assertThat(mistakes(violations).get(0)).contains(expect.get(0));

        JsonNode fixed = doc.deepCopy();
        fixes.forEach(f -> Manifests.applyFix(fixed, f));
        assertThat(validatorFor(fixed).validate(fixed))
                .as("%s once fixed with %s", name, fixes)
                .isEmpty();
    }

    @Test
    void theCorpusCoversEveryKindAndHasAtLeastThirtyMistakes() {
        List<Path> files = Manifests.files(Manifests.INVALID);
        assertThat(files).hasSizeGreaterThanOrEqualTo(30);
        assertThat(files.stream()
                        .map(f -> Manifests.documents(f).get(0).path("kind").asText())
                        .distinct())
                .containsExactlyInAnyOrder("DataCenterApp", "ResourcePool", "PersistentVolumeClaimSet");
    }
}
