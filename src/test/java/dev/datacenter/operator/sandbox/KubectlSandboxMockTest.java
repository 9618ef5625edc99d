package dev.datacenter.operator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code kubectl} against the sandbox, through the kubeconfig the sandbox writes. */
class KubectlSandboxMockTest {

    @TempDir
    static Path dir;

    static SandboxApiServer server;
    static KubernetesClient client;
    static SimulatedKubelet kubelet;
    static Path kubeconfig;

    @BeforeAll
    static void start() {
        assumeTrue(onPath("kubectl"), "kubectl is not on the PATH: skipping the kubectl tests");
        server = new SandboxApiServer();
        server.start(0);
        client = server.createClient();
        server.registerCrds(client, TestObjects.crds());
        NodeFileLoader.load(Path.of("samples/sandbox/nodes.yaml"))
                .forEach(n -> client.nodes().resource(n).create());
        kubelet = new SimulatedKubelet(client).start();
        kubeconfig = KubeconfigWriter.write(dir.resolve("sandbox/kubeconfig"), server.url());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            kubelet.close();
            client.close();
            server.close();
        }
    }

    @Test
    void getNodesListsTheSampleNodes() {
        List<String> nodes = kubectl("get", "nodes", "-o", "name").lines().toList();

        assertThat(nodes).hasSize(12).contains("node/node-a1", "node/node-c4");
        assertThat(kubectl("get", "nodes", "-l", "gpu=true", "-o", "name").lines())
                .hasSize(2);
    }

    @Test
    void getPrintsTheServerSideTableAndDescribeWorks() {
        List<String> table = kubectl("get", "nodes", "-o", "wide").lines().toList();
        assertThat(table.get(0)).contains("NAME", "STATUS", "ROLES", "AGE", "VERSION", "ZONE", "RACK");
        assertThat(table).anySatisfy(row -> assertThat(row).contains("node-a4", "Ready", "eu-west-1a", "rack-2"));

        Path pool = TestObjects.write(
                dir,
                "pool.yaml",
                "apiVersion: datacenter.dev/v1alpha1\nkind: ResourcePool\nmetadata: {name: web}\nspec: {weight: 2}\n");
        kubectl("apply", "-f", pool.toString());
        List<String> pools = kubectl("get", "rpool").lines().toList();
        assertThat(pools.get(0)).contains("NAME", "AGE", "WEIGHT");
        assertThat(pools.get(1).split("\\s+")).containsSubsequence("web", "2");
        assertThat(kubectl("describe", "node", "node-b4")).contains("nvidia.com/gpu:", "rack=rack-3");
    }

    @Test
    void applyGetScaleAndDeleteADataCenterApp() {
        Path manifest = TestObjects.write(dir, "app.yaml", """
        apiVersion: v1
        kind: Namespace
        metadata: {name: demo}
        ---
        apiVersion: datacenter.dev/v1alpha1
        kind: DataCenterApp
        metadata: {name: web, namespace: demo}
        spec:
          instances: 2
          container: {image: "nginx:1.27"}
          resources: {cpus: 100m, mem: 64Mi}
          ports: [{name: http, containerPort: 80}, {name: admin, containerPort: 81}]
        """);

        assertThat(kubectl("apply", "-f", manifest.toString()))
                .contains("namespace/demo created", "datacenterapp.datacenter.dev/web created");

        TestObjects.write(
                dir,
                "app.yaml",
                readString(manifest)
                        .replace("instances: 2", "instances: 3")
                        .replace(", {name: admin, containerPort: 81}", ""));
        assertThat(kubectl("apply", "-f", manifest.toString())).contains("datacenterapp.datacenter.dev/web configured");
        assertThat(kubectl("get", "dca", "web", "-n", "demo", "-o", "jsonpath={.spec.instances} {.spec.ports[*].name}"))
                .isEqualTo("3 http");

        assertThat(kubectl("get", "datacenter", "-A", "-o", "name")).contains("datacenterapp.datacenter.dev/web");

        assertThat(kubectl("scale", "-n", "demo", "dca/web", "--replicas=5")).contains("scaled");
        assertThat(kubectl("get", "dcapp", "web", "-n", "demo", "-o", "jsonpath={.spec.instances}"))
                .isEqualTo("5");

        assertThat(kubectl("delete", "-n", "demo", "dca/web")).contains("deleted");
        assertThat(kubectl("get", "dca", "-n", "demo", "-o", "name")).isBlank();
    }

    @Test
    void applyOfAnInvalidAppIsRefusedWithTheServersMessage() {
        Path manifest = TestObjects.write(dir, "bad.yaml", """
        apiVersion: datacenter.dev/v1alpha1
        kind: DataCenterApp
        metadata: {name: bad, namespace: default}
        spec:
          instances: -1
          container: {image: nginx}
          resources: {cpus: 100m, mem: 64Mi}
        """);

        Result result = run("apply", "-f", manifest.toString());

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr())
                .contains("The DataCenterApp \"bad\" is invalid: spec.instances: Invalid value: -1: "
                        + "spec.instances in body should be greater than or equal to 0");
        assertThat(kubectl("get", "dca", "-n", "default", "-o", "name")).doesNotContain("bad");
    }

    @Test
    void createNamespaceAndConfigMapWhichKubectlSendsAsProtobufWork() {
        assertThat(kubectl("create", "namespace", "made-by-kubectl")).contains("namespace/made-by-kubectl created");
        assertThat(kubectl("create", "configmap", "settings", "-n", "made-by-kubectl", "--from-literal=a=b"))
                .contains("configmap/settings created");

        assertThat(client.configMaps()
                        .inNamespace("made-by-kubectl")
                        .withName("settings")
                        .get()
                        .getData())
                .containsEntry("a", "b");
    }

    @Test
    void getPodsShowsPinnedPodsRunningOnTheirNodes() {
        client.pods()
                .inNamespace("shop")
                .resource(TestObjects.pinnedPod("shop", "web-0", "node-b2", null))
                .create();

        Eventually.assertThat(() -> assertThat(kubectl(
                        "get", "pods", "-A", "-o", "jsonpath={.items[*].spec.nodeName} {.items[*].status.phase}"))
                .isEqualTo("node-b2 Running"));
        assertThat(kubectl("get", "pods", "-A").lines().skip(1).findFirst().orElseThrow())
                .contains("shop", "web-0", "1/1", "Running");
    }

    @Test
    void getWatchListsThenStreamsAPodThatAppearsAndStartsRunning() throws Exception {
        client.pods()
                .inNamespace("watched")
                .resource(TestObjects.pinnedPod("watched", "before-0", "node-a1", null))
                .create();
        Eventually.assertThat(
                () -> assertThat(kubectl("get", "pods", "-n", "watched", "-o", "jsonpath={.items[*].status.phase}"))
                        .isEqualTo("Running"));

        Process watch = start("get", "pods", "-n", "watched", "-w");
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader out =
                            new BufferedReader(new InputStreamReader(watch.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = out.readLine()) != null; ) {
                            lines.add(line);
                        }
                    } catch (IOException e) {
                        // the process was stopped
                    }
                },
                "kubectl-watch-reader");
        reader.setDaemon(true);
        reader.start();
        List<String> seen = new ArrayList<>();
        try {
            awaitLine(lines, seen, l -> l.contains("before-0"));
            Eventually.assertThat(() -> assertThat(server.openHttpWatches()).isEqualTo(1));

            client.pods()
                    .inNamespace("watched")
                    .resource(TestObjects.pinnedPod("watched", "web-1", "node-a2", null))
                    .create();

            awaitLine(lines, seen, l -> l.contains("web-1"));
            awaitLine(lines, seen, l -> l.contains("web-1") && l.contains("Running") && l.contains("1/1"));
            assertThat(seen.get(0)).contains("NAME", "READY", "STATUS");
            assertThat(seen.stream().filter(l -> l.contains("before-0")))
                    .as("the pod listed first is not sent again: the watch starts at the list's resourceVersion")
                    .hasSize(1);
        } finally {
            watch.destroy();
            watch.waitFor(10, TimeUnit.SECONDS);
            client.pods().inNamespace("watched").delete(); // the other tests count every pod
        }
        Eventually.assertThat(() -> assertThat(server.openHttpWatches())
                .as("kubectl is gone: its watch is closed")
                .isZero());
        Eventually.assertThat(
                () -> assertThat(client.pods().inNamespace("watched").list().getItems())
                        .isEmpty());
    }

    private static void awaitLine(BlockingQueue<String> lines, List<String> seen, Predicate<String> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.add(line);
                if (wanted.test(line)) {
                    return;
                }
            }
        }
        throw new AssertionError("kubectl get -w printed no such line within 30 s; it printed " + seen);
    }

    private static Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                "kubectl",
                "--kubeconfig",
                kubeconfig.toString(),
                "--cache-dir",
                dir.resolve("kubectl-cache").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        process.getOutputStream().close();
        return process;
    }

    record Result(int exitCode, String stdout, String stderr) {}

    private static String kubectl(String... args) {
        Result result = run(args);
        assertThat(result.exitCode())
                .as("kubectl %s\nstdout: %s\nstderr: %s", List.of(args), result.stdout(), result.stderr())
                .isZero();
        return result.stdout();
    }

    private static Result run(String... args) {
        List<String> command = new ArrayList<>(List.of(
                "kubectl",
                "--kubeconfig",
                kubeconfig.toString(),
                "--cache-dir",
                dir.resolve("kubectl-cache").toString()));
        command.addAll(List.of(args));
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(false).start();
            process.getOutputStream().close();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl did not finish: " + command);
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return new Result(process.exitValue(), out, err);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null
                && List.of(path.split(File.pathSeparator)).stream()
                        .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }
}
