package dev.datacenter.operator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.datacenter.operator.api.Artifact;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactFetcherTest {

    private static Artifact artifact(String uri, Boolean extract, Boolean executable) {
        Artifact a = new Artifact();
        a.setUri(uri);
        a.setExtract(extract);
        a.setExecutable(executable);
        return a;
    }

    @Test
    void fileNamesComeFromTheLastPathSegmentAndAreSafe() {
        assertThat(ArtifactFetcher.fileName("https://h/x/app.tgz?token=1#f", 0)).isEqualTo("app.tgz");
        assertThat(ArtifactFetcher.fileName("https://h/x/a%20b$(rm).sh", 0)).isEqualTo("a_b__rm_.sh");
        assertThat(ArtifactFetcher.fileName("https://h/", 3)).isEqualTo("artifact-3");
        assertThat(ArtifactFetcher.fileName("https://h/x/..", 1)).isEqualTo("artifact-1");
        assertThat(ArtifactFetcher.fileName("https://h/x/-rf", 1)).isEqualTo("artifact-1");
    }

    @Test
    void modesFollowExtractExecutableAndTheExtension() {
        assertThat(ArtifactFetcher.mode(artifact("u", null, null), "a.tar.gz")).isEqualTo("tgz");
        assertThat(ArtifactFetcher.mode(artifact("u", true, false), "a.TBZ2")).isEqualTo("tbz2");
        assertThat(ArtifactFetcher.mode(artifact("u", true, false), "a.tar.xz")).isEqualTo("txz");
        assertThat(ArtifactFetcher.mode(artifact("u", true, false), "a.zip")).isEqualTo("zip");
        assertThat(ArtifactFetcher.mode(artifact("u", true, false), "a.tar")).isEqualTo("tar");
        assertThat(ArtifactFetcher.mode(artifact("u", true, false), "a.jar")).isEqualTo("plain");
        assertThat(ArtifactFetcher.mode(artifact("u", false, false), "a.tgz")).isEqualTo("plain");
        assertThat(ArtifactFetcher.mode(artifact("u", true, true), "a.tgz")).isEqualTo("executable");
    }

    @Test
    void duplicateFileNamesAreMadeUnique() {
        List<String> args = ArtifactFetcher.arguments(
                List.of(artifact("https://a/x.sh", false, true), artifact("https://b/x.sh", false, false)));
        assertThat(args).containsExactly("https://a/x.sh", "x.sh", "executable", "https://b/x.sh", "1-x.sh", "plain");
    }

    @Test
    void noArtifactsNoInitContainer() {
        assertThat(ArtifactFetcher.initContainer(List.of(), "img", null)).isNull();
        assertThat(ArtifactFetcher.initContainer(null, "img", null)).isNull();
    }

    /** Runs the real script with the local sh, curl and tar against file:// URIs. */
    @Test
    void scriptFetchesExtractsAndChmodsWithoutEvaluatingUris(@TempDir Path tmp) throws Exception {
        assumeTrue(onPath("sh") && onPath("curl") && onPath("tar"), "needs sh, curl and tar");
        Path src = Files.createDirectories(tmp.resolve("src"));
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(src.resolve("inner.txt"), "hello");
        run(List.of("tar", "-czf", src.resolve("bundle.tgz").toString(), "-C", src.toString(), "inner.txt"), tmp);
        Files.writeString(src.resolve("tool.sh"), "#!/bin/sh\necho hi\n");
        Files.writeString(src.resolve("notes.tgz"), "not extracted");
        Path pwned = tmp.resolve("pwned");
        List<Artifact> artifacts = List.of(
                artifact(src.resolve("bundle.tgz").toUri().toString(), true, false),
                artifact(src.resolve("tool.sh").toUri().toString(), false, true),
                artifact(src.resolve("notes.tgz").toUri().toString() + "?$(touch " + pwned + ")", false, false));
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", ArtifactFetcher.SCRIPT, "fetch-artifacts"));
        cmd.addAll(ArtifactFetcher.arguments(artifacts));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true);
        pb.environment().put("ARTIFACTS_DIR", out.toString());
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String log = new String(p.getInputStream().readAllBytes());

        assertThat(out.resolve("bundle.tgz")).exists();
        assertThat(out.resolve("inner.txt")).hasContent("hello");
        assertThat(out.resolve("tool.sh").toFile().canExecute()).isTrue();
        assertThat(pwned).doesNotExist();
        assertThat(log).contains("fetching");
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static void run(List<String> cmd, Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).inheritIO().start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
    }
}
