package dev.datacenter.operator.argocd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No perpetual diff from the operator's side: it never writes the {@code .spec} of our kinds, except when a
 * user asks for a rollback ({@code datacenter.dev/rollback-to}). A guard over the sources: every call that
 * writes one of our objects through the client (edit, update, patch, replace, create-or, server-side apply)
 * is listed with its file, and only the rollback sets a spec. Status writes (the status subresource) are
 * not spec writes. Together with {@code CatalogSandboxMockTest}, where every object stays at generation 1.
 */
class NoSpecWritesTest {

    private static final Path MAIN = Path.of("src", "main", "java");
    private static final Pattern OUR_KIND =
            Pattern.compile("(resources|edit)\\(\\s*(DataCenterApp|ResourcePool|PersistentVolumeClaimSet)\\.class");
    private static final Pattern WRITE =
            Pattern.compile("\\.(edit|update|patch|replace|createOr|serverSideApply|createOrReplace)\\(");

    @Test
    void onlyTheRollbackWritesASpec() throws IOException {
        TreeMap<String, List<String>> writers = new TreeMap<>();
        for (Path file : javaFiles()) {
            String source = Files.readString(file);
            for (String statement : statements(source)) {
                if (OUR_KIND.matcher(statement).find()
                        && WRITE.matcher(statement).find()) {
                    writers.computeIfAbsent(file.getFileName().toString(), k -> new ArrayList<>())
                            .add(statement);
                }
            }
        }
        // annotations the operator removes once an action is done (api.md, "Actions"), the rollback, and the
        // claim set's finalizer (metadata only: it keeps retained claims when the set is deleted), and the
        // app's group label (metadata only: kubectl get dca -l datacenter.dev/group=...)
        assertThat(writers.keySet())
                .containsExactlyInAnyOrder(
                        "AppActions.java", "ClaimOperations.java", "ClaimSetFinalizer.java", "MetadataWriter.java");
        List<String> specWrites = new ArrayList<>();
        writers.forEach((file, statements) -> statements.stream()
                .filter(s -> s.contains("setSpec(") || s.contains("getSpec().set"))
                .forEach(s -> specWrites.add(file + ": " + s.strip())));
        assertThat(specWrites).hasSize(1);
        assertThat(specWrites.get(0)).startsWith("AppActions.java").contains("restored");
        String actions = Files.readString(MAIN.resolve("dev/datacenter/operator/app/AppActions.java"));
        assertThat(actions).contains("ANNOTATION_ROLLBACK_TO");
    }

    /** Statements, roughly: text between semicolons at lambda depth 0 is enough for call chains. */
    private static List<String> statements(String source) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '(') depth++;
            else if (c == ')') depth--;
            else if ((c == ';' || c == '{' || c == '}') && depth == 0) {
                out.add(source.substring(start, i));
                start = i + 1;
            }
        }
        return out;
    }

    private static List<Path> javaFiles() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }
}
