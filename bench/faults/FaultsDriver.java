import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The fault suite's driver (bench/faults.sh): starts the sandbox alone and operator replicas as separate
 * JVMs, changes the scenario at random, kills the leader, injects API faults, feeds bad manifests, samples
 * pods and claims every 100 ms through the fabric8 client and checks the invariants. Prints Markdown
 * tables; exits 1 on any broken invariant. Run by bench/faults.sh with the operator's own libraries on the
 * class path (java's source launcher: no build of its own).
 */
public class FaultsDriver {
    static final String NS = "faults";
    static final String BAD_NS = "bad";
    static final String GROUP = "datacenter.dev/v1alpha1";
    static final Path ROOT = Path.of(System.getProperty("faults.root", ".")).toAbsolutePath();
    static final Path WORK = ROOT.resolve("target/faults");
    static final Path JAR = ROOT.resolve("target/faults/app/quarkus-run.jar");
    static final List<Process> CHILDREN = new CopyOnWriteArrayList<>();
    static final List<String> BREAKS = new CopyOnWriteArrayList<>();
    static final Random RANDOM = new Random(Long.getLong("faults.seed", 42L));
    /** Every operator replica started, for the diagnosis of a round that does not converge. */
    static final List<Replica> REPLICAS = new CopyOnWriteArrayList<>();

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        String only = System.getProperty("faults.only", "");
        Runtime.getRuntime().addShutdownHook(new Thread(FaultsDriver::killAll));
        Files.createDirectories(WORK.resolve("logs"));
        Files.deleteIfExists(WORK.resolve("pids"));
        long started = System.nanoTime();
        Summary summary = new Summary();
        try {
            if (only.isEmpty() || only.contains("kill")) {
                leaderKill(quick ? 10 : 50, summary);
            }
            if (only.isEmpty() || only.contains("faults")) {
                apiFaults(quick ? 4 : 15, summary);
            }
            if (only.isEmpty() || only.contains("bad")) {
                badInput(summary);
            }
        } catch (Throwable t) {
            t.printStackTrace();
            BREAKS.add("driver failed: " + t);
        } finally {
            killAll();
        }
        summary.print((System.nanoTime() - started) / 1e9);
        if (!BREAKS.isEmpty()) {
            System.out.println("\nInvariant breaks:");
            BREAKS.stream().limit(50).forEach(b -> System.out.println("- " + b));
        }
        System.exit(BREAKS.isEmpty() ? 0 : 1);
    }

    // ---------------------------------------------------------------- processes

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static Process start(String name, Map<String, String> env, String... props) throws IOException {
        List<String> command = new ArrayList<>(List.of("java", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        command.addAll(List.of(props));
        command.addAll(List.of("-jar", JAR.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
        builder.environment().putAll(env);
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(WORK.resolve("logs/" + name + ".log").toFile()));
        Process process = builder.start();
        CHILDREN.add(process);
        Files.writeString(WORK.resolve("pids"), process.pid() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return process;
    }

    static void killAll() {
        for (Process p : CHILDREN) {
            p.destroyForcibly();
        }
        for (Process p : CHILDREN) {
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        CHILDREN.clear();
    }

    static int httpStatus(int port, String path) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(2000);
            int code = c.getResponseCode();
            c.disconnect();
            return code;
        } catch (IOException e) {
            return -1;
        }
    }

    static void await(String what, long seconds, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            try {
                if (condition.get()) {
                    return;
                }
            } catch (RuntimeException ignored) {
                // not yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("timed out after " + seconds + " s waiting for " + what);
    }

    /** The sandbox alone (no operator in its JVM), its API on a free port. */
    static final class SandboxProcess {
        final int apiPort;
        final Path kubeconfig;
        final Process process;
        final KubernetesClient client;

        SandboxProcess(String name, double errorRate) throws Exception {
            apiPort = freePort();
            kubeconfig = WORK.resolve(name + "/kubeconfig");
            Files.deleteIfExists(kubeconfig);
            process = start(
                    name + "-sandbox",
                    Map.of(),
                    "-Ddatacenter.sandbox.enabled=true",
                    "-Ddatacenter.sandbox.operator=false",
                    "-Ddatacenter.sandbox.api-port=" + apiPort,
                    "-Ddatacenter.sandbox.kubeconfig=" + kubeconfig,
                    "-Ddatacenter.sandbox.apply=bench/faults/apps",
                    "-Ddatacenter.sandbox.faults.error-rate=" + errorRate,
                    "-Ddatacenter.sandbox.faults.seed=" + RANDOM.nextInt(1000),
                    "-Dquarkus.http.port=" + freePort());
            await("the sandbox's kubeconfig", 120, () -> Files.exists(kubeconfig));
            Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
            config.setRequestRetryBackoffLimit(0);
            config.setRequestTimeout(10_000);
            client = new KubernetesClientBuilder().withConfig(config).build();
            await("the sandbox's nodes", 60, () -> client.nodes().list().getItems().size() > 0);
            await("the scenario", 60, () -> apps(client).withName("web").get() != null);
        }

        void stop() {
            client.close();
            process.destroyForcibly();
        }
    }

    /** One operator replica: its identity's prefix, its HTTP port, its process. */
    static final class Replica {
        final String name;
        final SandboxProcess sandbox;
        final Map<String, String> extra;
        volatile Process process;
        volatile int httpPort;

        Replica(String name, SandboxProcess sandbox, Map<String, String> extra) throws IOException {
            this.name = name;
            this.sandbox = sandbox;
            this.extra = extra;
            REPLICAS.add(this);
            launch();
        }

        void launch() throws IOException {
            httpPort = freePort();
            List<String> props = new ArrayList<>(List.of(
                    "-Dquarkus.http.port=" + httpPort,
                    "-Ddatacenter.leader-election.lease-duration=6s",
                    "-Ddatacenter.leader-election.renew-deadline=4s",
                    "-Ddatacenter.leader-election.retry-period=1s"));
            if (List.of("1", "true").contains(System.getProperty("faults.debug", ""))) {
                props.add("-Dquarkus.log.category.\"dev.datacenter.operator\".level=DEBUG");
            }
            extra.forEach((k, v) -> props.add("-D" + k + "=" + v));
            process = start(
                    name,
                    Map.of("KUBECONFIG", sandbox.kubeconfig.toString(), "POD_NAME", name),
                    props.toArray(String[]::new));
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }

        boolean ready() {
            return httpStatus(httpPort, "/q/health/ready") == 200;
        }
    }

    // ---------------------------------------------------------------- API helpers

    static io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<GenericKubernetesResource, io.fabric8.kubernetes.api.model.GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            apps(KubernetesClient client) {
        return client.genericKubernetesResources(GROUP, "DataCenterApp").inNamespace(NS);
    }

    static <T> T retry(Supplier<T> call) {
        KubernetesClientException last = null;
        for (int i = 0; i < 40; i++) {
            try {
                return call.get();
            } catch (KubernetesClientException e) {
                last = e;
                if (e.getCode() != 409 && e.getCode() != 500 && e.getCode() != 0 && e.getCode() != 503) {
                    throw e;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        throw last;
    }

    /** Edits with optimistic locking, again on conflict or injected failure. */
    static void edit(KubernetesClient client, String kind, String ns, String name, UnaryOperator<GenericKubernetesResource> change) {
        retry(() -> {
            var op = client.genericKubernetesResources(GROUP, kind);
            Resource<GenericKubernetesResource> r = ns == null ? op.withName(name) : op.inNamespace(ns).withName(name);
            GenericKubernetesResource current = r.get();
            return client.resource(change.apply(current)).update();
        });
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map ? (Map<String, Object>) o : new HashMap<>();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> spec(GenericKubernetesResource r) {
        return (Map<String, Object>) r.getAdditionalProperties().computeIfAbsent("spec", k -> new LinkedHashMap<>());
    }

    static Map<String, Object> status(GenericKubernetesResource r) {
        return map(r.getAdditionalProperties().get("status"));
    }

    static int integer(Object o, int fallback) {
        return o instanceof Number n ? n.intValue() : fallback;
    }

    static double number(Object o, double fallback) {
        return o instanceof Number n ? n.doubleValue() : fallback;
    }

    static boolean podReady(Pod pod) {
        return pod.getStatus() != null
                && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    static boolean live(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return pod.getMetadata().getDeletionTimestamp() == null && !"Failed".equals(phase) && !"Succeeded".equals(phase);
    }

    static String appOf(Pod pod) {
        return pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get("datacenter.dev/app");
    }

    static String nodeOf(Pod pod) {
        return pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    }

    static Object condition(Map<String, Object> status, String type, String field) {
        Object conditions = status.get("conditions");
        if (conditions instanceof List<?> list) {
            for (Object c : list) {
                Map<String, Object> m = map(c);
                if (type.equals(m.get("type"))) {
                    return m.get(field);
                }
            }
        }
        return null;
    }

    /** Every instance Ready on the current revision, no more pods than instances, Ready=True. */
    static String notConverged(KubernetesClient client, String app) {
        GenericKubernetesResource r = apps(client).withName(app).get();
        if (r == null) {
            return "the app is gone";
        }
        int instances = integer(spec(r).get("instances"), 1);
        Map<String, Object> status = status(r);
        Object observed = status.get("observedGeneration");
        if (observed == null || ((Number) observed).longValue() != r.getMetadata().getGeneration()) {
            return "status not observed";
        }
        if (!"True".equals(condition(status, "Ready", "status"))) {
            return "Ready=" + condition(status, "Ready", "status") + " " + condition(status, "Ready", "reason");
        }
        String revision = String.valueOf(status.get("revision"));
        List<Pod> pods = client.pods().inNamespace(NS).withLabel("datacenter.dev/app", app).list().getItems();
        List<Pod> live = pods.stream().filter(FaultsDriver::live).toList();
        if (live.size() != instances) {
            return live.size() + " pods for " + instances + " instances";
        }
        for (Pod p : live) {
            if (!podReady(p)) {
                return p.getMetadata().getName() + " not ready";
            }
            if (!revision.equals(p.getMetadata().getLabels().get("datacenter.dev/revision"))) {
                return p.getMetadata().getName() + " on revision " + p.getMetadata().getLabels().get("datacenter.dev/revision") + ", current " + revision;
            }
        }
        return null;
    }

    static String notConverged(KubernetesClient client) {
        for (String app : List.of("web", "db")) {
            String why = notConverged(client, app);
            if (why != null) {
                return app + ": " + why;
            }
        }
        return null;
    }

    /** Seconds to converge, or -1 (and an invariant break) past the bound. */
    static double awaitConverged(KubernetesClient client, String round, long boundSeconds) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(boundSeconds);
        String why = "?";
        while (System.nanoTime() < deadline) {
            try {
                why = notConverged(client);
                if (why == null) {
                    // twice, a second apart: converged and staying so
                    Thread.sleep(1000);
                    why = notConverged(client);
                    if (why == null) {
                        return (System.nanoTime() - start) / 1e9;
                    }
                }
            } catch (KubernetesClientException e) {
                why = e.getMessage();
            }
            Thread.sleep(250);
        }
        String diagnosis = diagnose(client, why);
        System.out.println("\n" + round + ": not converged within " + boundSeconds + " s (" + why + ")\n" + diagnosis);
        BREAKS.add(round + ": not converged within " + boundSeconds + " s (" + why + ")\n" + diagnosis.indent(4).stripTrailing());
        return -1;
    }

    /**
     * Why an app is not converged, in a few lines: its status (conditions, deployment, pending, counts, launch
     * backoff), its pods, and what the leading replica says of it (its /api/v1/state entry and queue depth).
     */
    static String diagnose(KubernetesClient client, String why) {
        StringBuilder out = new StringBuilder();
        String app = why != null && why.startsWith("db:") ? "db" : why != null && why.startsWith("web:") ? "web" : null;
        for (String name : app == null ? List.of("web", "db") : List.of(app)) {
            try {
                GenericKubernetesResource r = apps(client).withName(name).get();
                if (r == null) {
                    out.append(name).append(": gone\n");
                    continue;
                }
                Map<String, Object> status = status(r);
                out.append(name).append(": generation ").append(r.getMetadata().getGeneration())
                        .append(", observed ").append(status.get("observedGeneration"))
                        .append(", revision ").append(status.get("revision"))
                        .append(", resourceVersion ").append(r.getMetadata().getResourceVersion()).append('\n');
                if (status.get("conditions") instanceof List<?> conditions) {
                    for (Object c : conditions) {
                        Map<String, Object> m = map(c);
                        out.append("  condition ").append(m.get("type")).append('=').append(m.get("status"))
                                .append(' ').append(m.get("reason")).append(": ").append(m.get("message"))
                                .append(" (since ").append(m.get("lastTransitionTime")).append(")\n");
                    }
                }
                for (String field : List.of("deployment", "pending", "instances", "delay", "launchBackoff", "lastTaskFailure")) {
                    if (status.get(field) != null) {
                        out.append("  ").append(field).append(": ").append(Serialization.asJson(status.get(field))).append('\n');
                    }
                }
                if (r.getMetadata().getAnnotations() != null && !r.getMetadata().getAnnotations().isEmpty()) {
                    out.append("  annotations: ").append(r.getMetadata().getAnnotations().keySet()).append('\n');
                }
                for (Pod p : client.pods().inNamespace(NS).withLabel("datacenter.dev/app", name).list().getItems()) {
                    Map<String, String> labels = p.getMetadata().getLabels();
                    out.append("  pod ").append(p.getMetadata().getName())
                            .append(" node=").append(nodeOf(p))
                            .append(" phase=").append(p.getStatus() == null ? null : p.getStatus().getPhase())
                            .append(" ready=").append(podReady(p))
                            .append(" ordinal=").append(labels.get("datacenter.dev/ordinal"))
                            .append(" revision=").append(labels.get("datacenter.dev/revision"))
                            .append(" created=").append(p.getMetadata().getCreationTimestamp());
                    if (p.getMetadata().getDeletionTimestamp() != null) {
                        out.append(" deleting=").append(p.getMetadata().getDeletionTimestamp());
                    }
                    out.append('\n');
                }
            } catch (RuntimeException e) {
                out.append(name).append(": cannot read (").append(e).append(")\n");
            }
        }
        try {
            String holder = leaseHolder(client);
            Replica leader = REPLICAS.stream()
                    .filter(r -> holder != null && holder.startsWith(r.name + "-"))
                    .findFirst()
                    .orElse(null);
            out.append("leader ").append(holder);
            if (leader != null) {
                out.append(" (http ").append(leader.httpPort).append(", queue depth ")
                        .append(metric(leader.httpPort, "datacenter_workqueue_depth")).append(")\n");
                String state = httpGet(leader.httpPort, "/api/v1/state");
                if (state != null) {
                    for (Object a : (List<?>) map(Serialization.unmarshal(state, Map.class)).get("apps")) {
                        Map<String, Object> view = map(a);
                        if (NS.equals(view.get("namespace")) && (app == null || app.equals(view.get("name")))) {
                            view.remove("resources");
                            view.remove("dependencies");
                            out.append("  leader's view: ").append(Serialization.asJson(view)).append('\n');
                        }
                    }
                }
            } else {
                out.append('\n');
            }
        } catch (RuntimeException e) {
            out.append("leader: cannot read (").append(e).append(")\n");
        }
        return out.toString().stripTrailing();
    }

    static String httpGet(int port, String path) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(5000);
            try (var in = c.getInputStream()) {
                return new String(in.readAllBytes());
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return null;
        }
    }

    /** The sum of a metric's samples in the replica's /q/metrics, or null when unreadable or absent. */
    static Double metric(int port, String name) {
        String text = httpGet(port, "/q/metrics");
        if (text == null) {
            return null;
        }
        Double sum = null;
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                sum = (sum == null ? 0 : sum) + Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    // ---------------------------------------------------------------- the sampler

    /** What a round allows, per app: most pods, fewest ready pods. */
    record Bounds(Map<String, Integer> maxPods, Map<String, Integer> minReady, Set<String> wipedClaims) {}

    static final class Sampler implements Runnable {
        final KubernetesClient client;
        final AtomicBoolean running = new AtomicBoolean(true);
        volatile Bounds bounds;
        volatile String round = "start";
        final Map<String, String> knownClaims = new ConcurrentHashMap<>(); // name -> uid
        final AtomicInteger samples = new AtomicInteger();
        final AtomicInteger excessPods = new AtomicInteger();
        final AtomicInteger lowReady = new AtomicInteger();
        final AtomicInteger lostClaims = new AtomicInteger();
        final AtomicInteger constraintBreaks = new AtomicInteger();
        final Set<String> reported = ConcurrentHashMap.newKeySet();
        Thread thread;

        Sampler(KubernetesClient client) {
            this.client = client;
        }

        void start() {
            thread = new Thread(this, "sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(5000);
        }

        void rememberClaims() {
            for (PersistentVolumeClaim c : client.persistentVolumeClaims().inNamespace(NS).list().getItems()) {
                if (c.getMetadata().getDeletionTimestamp() == null) {
                    knownClaims.put(c.getMetadata().getName(), c.getMetadata().getUid());
                }
            }
        }

        void breakOnce(String kind, String message) {
            if (reported.add(round + kind)) {
                BREAKS.add(round + ": " + message);
            }
        }

        @Override
        public void run() {
            while (running.get()) {
                long next = System.nanoTime() + 100_000_000L;
                try {
                    sample();
                } catch (RuntimeException e) {
                    // an unreachable or failing read: the next sample
                }
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    try {
                        Thread.sleep(sleep / 1_000_000L);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }

        void sample() {
            Bounds b = bounds;
            List<Pod> pods = client.pods().inNamespace(NS).list().getItems();
            List<PersistentVolumeClaim> claims = client.persistentVolumeClaims().inNamespace(NS).list().getItems();
            samples.incrementAndGet();
            if (b == null) {
                return;
            }
            Map<String, List<Pod>> byApp = new TreeMap<>();
            for (Pod p : pods) {
                if (live(p) && appOf(p) != null) {
                    byApp.computeIfAbsent(appOf(p), k -> new ArrayList<>()).add(p);
                }
            }
            for (var e : b.maxPods().entrySet()) {
                List<Pod> appPods = byApp.getOrDefault(e.getKey(), List.of());
                if (appPods.size() > e.getValue()) {
                    excessPods.accumulateAndGet(appPods.size() - e.getValue(), Math::max);
                    breakOnce("max" + e.getKey(), e.getKey() + ": " + appPods.size() + " pods, at most " + e.getValue() + " allowed");
                }
                Integer min = b.minReady().get(e.getKey());
                long ready = appPods.stream().filter(FaultsDriver::podReady).count();
                if (min != null && ready < min) {
                    lowReady.incrementAndGet();
                    breakOnce("min" + e.getKey(), e.getKey() + ": " + ready + " ready, at least " + min + " required");
                }
                Map<String, Integer> perNode = new HashMap<>();
                for (Pod p : appPods) {
                    if (nodeOf(p) != null && perNode.merge(nodeOf(p), 1, Integer::sum) > 1) {
                        constraintBreaks.incrementAndGet();
                        breakOnce("unique" + e.getKey(), e.getKey() + ": two pods on " + nodeOf(p) + " (UNIQUE @hostname)");
                    }
                }
            }
            Map<String, PersistentVolumeClaim> present = new HashMap<>();
            for (PersistentVolumeClaim c : claims) {
                present.put(c.getMetadata().getName(), c);
            }
            for (var known : knownClaims.entrySet()) {
                PersistentVolumeClaim c = present.get(known.getKey());
                boolean gone = c == null
                        || c.getMetadata().getDeletionTimestamp() != null
                        || !known.getValue().equals(c.getMetadata().getUid());
                if (gone && !b.wipedClaims().contains(known.getKey())) {
                    lostClaims.incrementAndGet();
                    breakOnce("pvc" + known.getKey(), "claim " + known.getKey() + " deleted (no wipe, policy Retain)");
                    knownClaims.remove(known.getKey());
                } else if (gone) {
                    // wiped, as this round asked: forgotten, not reported by the next round (the instance may have
                    // relocated to another ordinal, and the claim is then not made again)
                    knownClaims.remove(known.getKey());
                }
            }
            for (PersistentVolumeClaim c : claims) {
                if (c.getMetadata().getDeletionTimestamp() == null) {
                    knownClaims.put(c.getMetadata().getName(), c.getMetadata().getUid());
                }
            }
        }
    }

    // ---------------------------------------------------------------- changes

    record Change(String description, Map<String, Integer> before, Map<String, Integer> after, Set<String> wipedClaims, Set<String> wipedApps) {}

    static int imageCounter = 1;

    static Change randomChange(KubernetesClient client) {
        Map<String, Integer> before = new HashMap<>();
        for (String app : List.of("web", "db")) {
            before.put(app, integer(spec(apps(client).withName(app).get()).get("instances"), 1));
        }
        Map<String, Integer> after = new HashMap<>(before);
        int kind = RANDOM.nextInt(7);
        String description;
        Set<String> wiped = new HashSet<>();
        Set<String> wipedApps = new HashSet<>();
        switch (kind) {
            case 0 -> {
                int n = 2 + RANDOM.nextInt(5);
                after.put("web", n);
                edit(client, "DataCenterApp", NS, "web", r -> {
                    spec(r).put("instances", n);
                    return r;
                });
                description = "scale web " + before.get("web") + " → " + n;
            }
            case 1 -> {
                int n = 2 + RANDOM.nextInt(3);
                after.put("db", n);
                edit(client, "DataCenterApp", NS, "db", r -> {
                    spec(r).put("instances", n);
                    return r;
                });
                description = "scale db " + before.get("db") + " → " + n;
            }
            case 2, 3 -> {
                String app = kind == 2 ? "web" : "db";
                String image = "registry.example/" + app + ":" + (++imageCounter);
                edit(client, "DataCenterApp", NS, app, r -> {
                    map(spec(r).get("container")).put("image", image);
                    return r;
                });
                description = "image " + app + " → " + image;
            }
            case 4 -> {
                GenericKubernetesResource web = apps(client).withName("web").get();
                int revision = integer(status(web).get("revision"), 1);
                String target = String.valueOf(Math.max(1, revision - 1 - RANDOM.nextInt(2)));
                edit(client, "DataCenterApp", NS, "web", r -> {
                    r.getMetadata().getAnnotations().put("datacenter.dev/rollback-to", target);
                    return r;
                });
                description = "rollback web to revision " + target + " (current " + revision + ")";
            }
            case 5 -> {
                int ordinal = RANDOM.nextInt(before.get("db"));
                for (PersistentVolumeClaim c : client.persistentVolumeClaims().inNamespace(NS)
                        .withLabel("datacenter.dev/ordinal", String.valueOf(ordinal)).list().getItems()) {
                    wiped.add(c.getMetadata().getName());
                }
                wipedApps.add("db");
                edit(client, "PersistentVolumeClaimSet", NS, "db-data", r -> {
                    r.getMetadata().getAnnotations().put("datacenter.dev/wipe", String.valueOf(ordinal));
                    return r;
                });
                description = "wipe db ordinal " + ordinal;
            }
            default -> {
                String pool = RANDOM.nextBoolean() ? "alpha" : "beta";
                int weight = 1 + RANDOM.nextInt(5);
                edit(client, "ResourcePool", null, pool, r -> {
                    spec(r).put("weight", weight);
                    return r;
                });
                description = "weight of pool " + pool + " → " + weight;
            }
        }
        return new Change(description, before, after, wiped, wipedApps);
    }

    static Bounds boundsOf(KubernetesClient client, Change change) {
        Map<String, Integer> max = new HashMap<>();
        Map<String, Integer> min = new HashMap<>();
        for (String app : List.of("web", "db")) {
            Map<String, Object> upgrade = map(spec(apps(client).withName(app).get()).get("upgradeStrategy"));
            double over = number(upgrade.get("maximumOverCapacity"), 1.0);
            double health = number(upgrade.get("minimumHealthCapacity"), 1.0);
            int high = Math.max(change.before().get(app), change.after().get(app));
            int low = Math.min(change.before().get(app), change.after().get(app));
            max.put(app, (int) Math.floor(high * (1 + over) + 1e-9));
            min.put(app, Math.max(0, (int) Math.ceil(low * health - 1e-9) - (change.wipedApps().contains(app) ? 1 : 0)));
        }
        return new Bounds(max, min, change.wipedClaims());
    }

    // ---------------------------------------------------------------- leader kill

    static String leaseHolder(KubernetesClient client) {
        Lease lease = client.leases().inNamespace("datacenter-system").withName("datacenter-operator-leader").get();
        return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
    }

    static void leaderKill(int rounds, Summary summary) throws Exception {
        SandboxProcess sandbox = new SandboxProcess("kill", 0);
        KubernetesClient client = sandbox.client;
        Map<String, Replica> replicas = new LinkedHashMap<>();
        replicas.put("replica-a", new Replica("replica-a", sandbox, Map.of()));
        replicas.put("replica-b", new Replica("replica-b", sandbox, Map.of()));
        await("a leader", 120, () -> leaseHolder(client) != null && !leaseHolder(client).isEmpty());
        awaitConverged(client, "kill/start", 180);
        Sampler sampler = new Sampler(client);
        sampler.rememberClaims();
        sampler.start();
        List<Double> takeovers = new ArrayList<>();
        List<Double> convergence = new ArrayList<>();
        System.out.println("\n### Leader kill\n");
        System.out.println("| round | change | kill after (s) | killed | takeover (s) | converged after kill (s) |");
        System.out.println("|---:|---|---:|---|---:|---:|");
        for (int round = 1; round <= rounds; round++) {
            String name = "kill/" + round;
            sampler.round = name;
            Change change = randomChange(client);
            sampler.bounds = boundsOf(client, change);
            long delay = RANDOM.nextInt(3001);
            Thread.sleep(delay);
            String holder = leaseHolder(client);
            Replica leader = replicas.values().stream()
                    .filter(r -> holder != null && holder.startsWith(r.name + "-"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no replica holds the Lease (" + holder + ")"));
            long killed = System.nanoTime();
            leader.kill();
            summary.kills++;
            leader.launch();
            double takeover = -1;
            long deadline = killed + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                String now = leaseHolder(client);
                if (now != null && !now.isEmpty() && !now.equals(holder)) {
                    takeover = (System.nanoTime() - killed) / 1e9;
                    break;
                }
                Thread.sleep(50);
            }
            if (takeover < 0) {
                BREAKS.add(name + ": no new leader within 60 s");
            } else {
                takeovers.add(takeover);
            }
            double converged = awaitConverged(client, name, 120);
            double sinceKill = converged < 0 ? -1 : (System.nanoTime() - killed) / 1e9;
            if (sinceKill >= 0) {
                convergence.add(sinceKill);
            }
            System.out.printf("| %d | %s | %.1f | %s | %.1f | %.1f |%n", round, change.description(), delay / 1000.0, leader.name, takeover, sinceKill);
            sampler.bounds = null;
            summary.rounds++;
        }
        sampler.stop();
        summary.takeovers.addAll(takeovers);
        summary.samples += sampler.samples.get();
        summary.excessPods = Math.max(summary.excessPods, sampler.excessPods.get());
        summary.lostClaims += sampler.lostClaims.get();
        summary.lowReady += sampler.lowReady.get();
        summary.constraintBreaks += sampler.constraintBreaks.get();
        System.out.printf("%nConvergence after the kill: median %.1f s, max %.1f s; %d samples of pods and claims.%n",
                median(convergence), max(convergence), sampler.samples.get());
        for (Replica r : replicas.values()) {
            r.kill();
        }
        sandbox.stop();
    }

    // ---------------------------------------------------------------- API faults

    static void apiFaults(int rounds, Summary summary) throws Exception {
        System.out.println("\n### API faults\n");
        System.out.println("| write error rate | rounds | convergence median (s) | max (s) | writes failed by the operator | invariant breaks |");
        System.out.println("|---:|---:|---:|---:|---:|---:|");
        for (double rate : List.of(0.0, 0.05, 0.20)) {
            int breaksBefore = BREAKS.size();
            RANDOM.setSeed(Long.getLong("faults.seed", 42L)); // every rate gets the same changes
            String label = String.format("%.0f %%", rate * 100);
            SandboxProcess sandbox = new SandboxProcess("faults-" + (int) (rate * 100), rate);
            KubernetesClient client = sandbox.client;
            Replica replica = new Replica("faults-" + (int) (rate * 100), sandbox, Map.of());
            await("a leader", 120, () -> leaseHolder(client) != null && !leaseHolder(client).isEmpty());
            awaitConverged(client, "faults " + label + "/start", 240);
            Sampler sampler = new Sampler(client);
            sampler.rememberClaims();
            sampler.start();
            List<Double> times = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                sampler.round = "faults " + label + "/" + round;
                Change change = randomChange(client);
                sampler.bounds = boundsOf(client, change);
                double t = awaitConverged(client, sampler.round + " (" + change.description() + ")", 180);
                if (t >= 0) {
                    times.add(t);
                }
                sampler.bounds = null;
                summary.rounds++;
            }
            sampler.stop();
            long failedWrites = failedWrites(replica.httpPort);
            summary.samples += sampler.samples.get();
            summary.excessPods = Math.max(summary.excessPods, sampler.excessPods.get());
            summary.lostClaims += sampler.lostClaims.get();
            summary.lowReady += sampler.lowReady.get();
            summary.constraintBreaks += sampler.constraintBreaks.get();
            System.out.printf("| %s | %d | %.1f | %.1f | %d | %d |%n", label, rounds, median(times), max(times), failedWrites, BREAKS.size() - breaksBefore);
            replica.kill();
            sandbox.stop();
        }
    }

    /** The operator's writes that failed, from datacenter_api_writes_total{outcome!="success"}. */
    static long failedWrites(int port) {
        try {
            String text = new String(URI.create("http://127.0.0.1:" + port + "/q/metrics").toURL().openStream().readAllBytes());
            long failed = 0;
            for (String line : text.split("\n")) {
                if (line.startsWith("datacenter_api_writes_total{") && !line.contains("outcome=\"success\"") && !line.contains("outcome=\"ok\"")) {
                    failed += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return failed;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    // ---------------------------------------------------------------- bad input

    static void badInput(Summary summary) throws Exception {
        SandboxProcess sandbox = new SandboxProcess("bad", 0);
        KubernetesClient client = sandbox.client;
        Replica replica = new Replica("bad", sandbox, Map.of());
        await("a leader", 120, () -> leaseHolder(client) != null && !leaseHolder(client).isEmpty());
        awaitConverged(client, "bad/start", 180);
        await("readiness", 60, replica::ready);
        AtomicBoolean watching = new AtomicBoolean(true);
        AtomicInteger notReady = new AtomicInteger();
        AtomicInteger readyProbes = new AtomicInteger();
        Thread readiness = new Thread(() -> {
            while (watching.get()) {
                readyProbes.incrementAndGet();
                if (!replica.ready()) {
                    notReady.incrementAndGet();
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        readiness.setDaemon(true);
        readiness.start();
        // the good app is rolled while the bad input arrives
        Thread roller = new Thread(() -> {
            int i = 100;
            while (watching.get()) {
                try {
                    int image = i++;
                    edit(client, "DataCenterApp", NS, "web", r -> {
                        map(spec(r).get("container")).put("image", "registry.example/web:" + image);
                        return r;
                    });
                    Thread.sleep(4000);
                } catch (Exception e) {
                    return;
                }
            }
        });
        roller.setDaemon(true);
        roller.start();

        List<BadCase> cases = BadCases.all();
        Map<String, String> outcomes = new LinkedHashMap<>();
        Map<String, String> details = new LinkedHashMap<>();
        Map<String, List<HasMetadata>> accepted = new LinkedHashMap<>();
        for (BadCase c : cases) {
            List<HasMetadata> created = new ArrayList<>();
            String outcome = null;
            for (String manifest : c.manifests()) {
                try {
                    HasMetadata object = Serialization.unmarshal(manifest);
                    created.add(client.resource(object).create());
                } catch (KubernetesClientException e) {
                    if (e.getCode() >= 400 && e.getCode() < 500) {
                        outcome = "refused";
                        details.put(c.name(), e.getCode() + " " + firstLine(e.getStatus() == null ? e.getMessage() : e.getStatus().getMessage()));
                    } else {
                        outcome = "crashed";
                        details.put(c.name(), e.getCode() + " " + firstLine(e.getMessage()));
                    }
                    break;
                } catch (RuntimeException e) {
                    outcome = "refused";
                    details.put(c.name(), "client: " + firstLine(e.toString()));
                    break;
                }
            }
            if (outcome != null) {
                outcomes.put(c.name(), outcome);
                for (HasMetadata o : created) {
                    quietDelete(client, o);
                }
            } else {
                accepted.put(c.name(), created);
            }
        }
        // what was accepted must be reported on status (a specific reason) or by a Warning event
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
        while (System.nanoTime() < deadline && outcomes.size() < cases.size()) {
            for (var e : accepted.entrySet()) {
                if (outcomes.containsKey(e.getKey())) {
                    continue;
                }
                String reason = reported(client, e.getValue());
                if (reason != null) {
                    outcomes.put(e.getKey(), "reported");
                    details.put(e.getKey(), reason);
                }
            }
            Thread.sleep(500);
        }
        for (var e : accepted.entrySet()) {
            outcomes.putIfAbsent(e.getKey(), "silently ignored");
            details.putIfAbsent(e.getKey(), "accepted, no reason on status, no Warning event");
            for (HasMetadata o : e.getValue()) {
                quietDelete(client, o);
            }
        }
        watching.set(false);
        roller.join(10_000);
        double converge = awaitConverged(client, "bad/good app", 180);
        readiness.join(2000);
        if (!replica.process.isAlive()) {
            BREAKS.add("bad: the operator died");
            summary.crashed++;
        }
        if (notReady.get() > 0) {
            BREAKS.add("bad: /q/health/ready not UP in " + notReady.get() + " of " + readyProbes.get() + " probes");
        }
        System.out.println("\n### Bad input\n");
        System.out.println("| case | kind | outcome | detail |");
        System.out.println("|---|---|---|---|");
        Map<String, Integer> counts = new TreeMap<>();
        for (BadCase c : cases) {
            String outcome = outcomes.get(c.name());
            counts.merge(outcome, 1, Integer::sum);
            System.out.printf("| %s | %s | %s | %s |%n", c.name(), c.kind(), outcome, details.getOrDefault(c.name(), "").replace("|", "\\|"));
            if (outcome.equals("silently ignored") || outcome.equals("crashed")) {
                BREAKS.add("bad: " + c.name() + " " + outcome);
            }
        }
        System.out.printf("%nGood app rolled meanwhile, converged %.1f s after the last bad input; readiness probed %d times, not UP %d times.%n",
                converge, readyProbes.get(), notReady.get());
        summary.badCases = cases.size();
        summary.refused = counts.getOrDefault("refused", 0);
        summary.reported = counts.getOrDefault("reported", 0);
        summary.ignored = counts.getOrDefault("silently ignored", 0);
        summary.crashed += counts.getOrDefault("crashed", 0);
        replica.kill();
        sandbox.stop();
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String line = s.split("\n")[0];
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }

    static void quietDelete(KubernetesClient client, HasMetadata o) {
        try {
            client.resource(o).withGracePeriod(0).delete();
        } catch (RuntimeException ignored) {
            // gone already
        }
    }

    static final Set<String> PROBLEM_REASONS = Set.of(
            "InvalidSpec", "InvalidConstraint", "PoolNotFound", "ClaimSetNotFound", "DependencyNotFound",
            "DependencyCycle", "NoNodes", "Invalid", "RollbackFailed", "InvalidWipe", "ClaimConflict", "OverLimit");

    /** A specific reason on the object's status, or a Warning event about it; null when neither. */
    static String reported(KubernetesClient client, List<HasMetadata> objects) {
        for (HasMetadata o : objects) {
            GenericKubernetesResource current;
            var op = client.genericKubernetesResources(o.getApiVersion(), o.getKind());
            current = o.getMetadata().getNamespace() == null
                    ? op.withName(o.getMetadata().getName()).get()
                    : op.inNamespace(o.getMetadata().getNamespace()).withName(o.getMetadata().getName()).get();
            if (current == null) {
                continue;
            }
            Object conditions = status(current).get("conditions");
            if (conditions instanceof List<?> list) {
                for (Object c : list) {
                    Map<String, Object> m = map(c);
                    if (PROBLEM_REASONS.contains(String.valueOf(m.get("reason")))
                            && !("ActionFailed".equals(m.get("type")) && "False".equals(m.get("status")))) {
                        return m.get("type") + "=" + m.get("status") + " " + m.get("reason");
                    }
                }
            }
            String ns = o.getMetadata().getNamespace() == null ? "default" : o.getMetadata().getNamespace();
            for (var event : client.v1().events().inNamespace(ns).list().getItems()) {
                if (event.getInvolvedObject() != null
                        && o.getMetadata().getName().equals(event.getInvolvedObject().getName())
                        && o.getKind().equals(event.getInvolvedObject().getKind())
                        && "Warning".equals(event.getType())) {
                    return "event " + event.getReason();
                }
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- summary

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    static final class Summary {
        int rounds;
        int kills;
        final List<Double> takeovers = new ArrayList<>();
        long samples;
        int excessPods;
        int lostClaims;
        int lowReady;
        int constraintBreaks;
        int badCases;
        int refused;
        int reported;
        int ignored;
        int crashed;

        void print(double seconds) {
            System.out.println("\n### Summary\n");
            System.out.println("| rounds | leader kills | takeover median (s) | takeover max (s) | pod samples | duplicate pods above the bound | samples below minimum ready | constraint violations | PVCs lost | invariant breaks | bad inputs | refused | reported | silently ignored | crashed | suite time (s) |");
            System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            System.out.printf("| %d | %d | %.1f | %.1f | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %.0f |%n",
                    rounds, kills, median(takeovers), max(takeovers), samples, excessPods, lowReady, constraintBreaks, lostClaims,
                    BREAKS.size(), badCases, refused, reported, ignored, crashed, seconds);
        }
    }

    record BadCase(String name, String kind, List<String> manifests) {}
}

/** The bad-input corpus: named cases, each one or more manifests built from a good one with one thing wrong. */
final class BadCases {
    static final String GROUP = "datacenter.dev/v1alpha1";
    static int counter;

    interface Mutation {
        void apply(Map<String, Object> object);
    }

    static Map<String, Object> m(Object... kv) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            map.put((String) kv[i], kv[i + 1]);
        }
        return map;
    }

    static List<Object> l(Object... items) {
        return new ArrayList<>(List.of(items));
    }

    static String name() {
        return "bad-" + (++counter);
    }

    static Map<String, Object> app(String name) {
        return m(
                "apiVersion", GROUP,
                "kind", "DataCenterApp",
                "metadata", m("name", name, "namespace", FaultsDriver.BAD_NS),
                "spec", m(
                        "instances", 1,
                        "container", m("image", "registry.example/bad:1"),
                        "resources", m("cpus", "100m", "mem", "64Mi"),
                        "ports", l(m("name", "http", "containerPort", 8080)),
                        "healthChecks", l(m("protocol", "HTTP", "portName", "http", "path", "/health"))));
    }

    static Map<String, Object> pool(String name) {
        return m(
                "apiVersion", GROUP,
                "kind", "ResourcePool",
                "metadata", m("name", name),
                "spec", m("weight", 1, "guarantee", m("cpus", 1, "mem", "1Gi"), "limit", m("cpus", 4, "mem", "8Gi")));
    }

    static Map<String, Object> set(String name) {
        return m(
                "apiVersion", GROUP,
                "kind", "PersistentVolumeClaimSet",
                "metadata", m("name", name, "namespace", FaultsDriver.BAD_NS),
                "spec", m(
                        "template", m(
                                "storageClassName", "local-path",
                                "accessModes", l("ReadWriteOnce"),
                                "resources", m("requests", m("storage", "1Gi"))),
                        "retentionPolicy", m("whenScaled", "Retain", "whenDeleted", "Retain"),
                        "nodeLossPolicy", m("action", "Wait", "afterSeconds", 900)));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> at(Map<String, Object> root, String path) {
        Map<String, Object> current = root;
        for (String part : path.split("\\.")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.matches("\\d+")) {
                throw new IllegalArgumentException(path);
            }
            Object next = current.get(part);
            if (next instanceof List<?> list) {
                current = (Map<String, Object>) list.get(0);
            } else {
                current = (Map<String, Object>) current.computeIfAbsent(part, k -> new LinkedHashMap<>());
            }
        }
        return current;
    }

    /** Sets {@code path} (dots; a list step goes to its first element) to {@code value}; null removes. */
    static Mutation set(String path, Object value) {
        return o -> {
            int dot = path.lastIndexOf('.');
            Map<String, Object> parent = at(o, dot < 0 ? "" : path.substring(0, dot));
            String key = path.substring(dot + 1);
            if (value == null) {
                parent.remove(key);
            } else {
                parent.put(key, value);
            }
        };
    }

    static final List<FaultsDriver.BadCase> CASES = new ArrayList<>();

    static void one(String caseName, String kind, Mutation mutation) {
        String objectName = name();
        Map<String, Object> object = switch (kind) {
            case "DataCenterApp" -> app(objectName);
            case "ResourcePool" -> pool(objectName);
            default -> set(objectName);
        };
        mutation.apply(object);
        CASES.add(new FaultsDriver.BadCase(caseName, kind, List.of(Serialization.asJson(object))));
    }

    static String big(int size) {
        return "x".repeat(size);
    }

    static List<FaultsDriver.BadCase> all() {
        CASES.clear();
        String app = "DataCenterApp";
        String pool = "ResourcePool";
        String set = "PersistentVolumeClaimSet";
        // --- DataCenterApp: types and ranges
        one("app instances -1", app, set("spec.instances", -1));
        one("app instances string", app, set("spec.instances", "three"));
        one("app instances fraction", app, set("spec.instances", 1.5));
        one("app instances above int32", app, set("spec.instances", 4294967296L));
        one("app instances boolean", app, set("spec.instances", true));
        one("app spec a string", app, set("spec", "nothing"));
        one("app container missing", app, set("spec.container", null));
        one("app image empty", app, set("spec.container.image", ""));
        one("app image 1 MiB", app, set("spec.container.image", big(1 << 20)));
        one("app cpus negative", app, set("spec.resources.cpus", "-1"));
        one("app cpus word", app, set("spec.resources.cpus", "lots"));
        one("app cpus huge", app, set("spec.resources.cpus", "1e400"));
        one("app mem negative", app, set("spec.resources.mem", "-64Mi"));
        one("app mem bad unit", app, set("spec.resources.mem", "64Mb!"));
        one("app disk negative", app, set("spec.resources.disk", "-1Gi"));
        one("app gpus negative", app, set("spec.resources.gpus", -1));
        one("app gpus string", app, set("spec.resources.gpus", "one"));
        one("app containerPort 0", app, set("spec.ports.containerPort", 0));
        one("app containerPort 70000", app, set("spec.ports.containerPort", 70000));
        one("app hostPort 70000", app, set("spec.ports.hostPort", 70000));
        one("app hostPort negative", app, set("spec.ports.hostPort", -5));
        one("app port protocol XTP", app, set("spec.ports.protocol", "XTP"));
        one("app port name 300 chars", app, set("spec.ports.name", big(300)));
        one("app duplicate port names", app, o -> ((List<Object>) at(o, "spec").get("ports")).add(m("name", "http", "containerPort", 9090)));
        one("app constraint operator FOO", app, set("spec.constraints", l(m("field", "@hostname", "operator", "FOO"))));
        one("app constraint field empty", app, set("spec.constraints", l(m("field", "", "operator", "UNIQUE"))));
        one("app LIKE regex [", app, set("spec.constraints", l(m("field", "rack", "operator", "LIKE", "value", "["))));
        one("app UNLIKE regex (", app, set("spec.constraints", l(m("field", "rack", "operator", "UNLIKE", "value", "(rack"))));
        one("app LIKE regex a{2,1}", app, set("spec.constraints", l(m("field", "rack", "operator", "LIKE", "value", "a{2,1}"))));
        one("app LIKE regex *", app, set("spec.constraints", l(m("field", "rack", "operator", "LIKE", "value", "*rack"))));
        one("app LIKE without value", app, set("spec.constraints", l(m("field", "rack", "operator", "LIKE"))));
        one("app MAX_PER word", app, set("spec.constraints", l(m("field", "rack", "operator", "MAX_PER", "value", "many"))));
        one("app MAX_PER negative", app, set("spec.constraints", l(m("field", "rack", "operator", "MAX_PER", "value", "-2"))));
        one("app GROUP_BY word", app, set("spec.constraints", l(m("field", "rack", "operator", "GROUP_BY", "value", "abc"))));
        one("app IS without value", app, set("spec.constraints", l(m("field", "rack", "operator", "IS"))));
        one("app minimumHealthCapacity 1.5", app, set("spec.upgradeStrategy", m("minimumHealthCapacity", 1.5)));
        one("app minimumHealthCapacity -0.1", app, set("spec.upgradeStrategy", m("minimumHealthCapacity", -0.1)));
        one("app maximumOverCapacity 2", app, set("spec.upgradeStrategy", m("maximumOverCapacity", 2)));
        one("app upgradeStrategy string", app, set("spec.upgradeStrategy", m("maximumOverCapacity", "half")));
        one("app killSelection Random", app, set("spec.killSelection", "Random"));
        one("app health protocol FTP", app, set("spec.healthChecks.protocol", "FTP"));
        one("app health portName unknown", app, set("spec.healthChecks.portName", "nosuch"));
        one("app health interval negative", app, set("spec.healthChecks.intervalSeconds", -1));
        one("app health timeout negative", app, set("spec.healthChecks.timeoutSeconds", -3));
        one("app health failures negative", app, set("spec.healthChecks.maxConsecutiveFailures", -1));
        one("app readiness portName unknown", app, set("spec.readinessChecks", l(m("protocol", "HTTP", "portName", "nosuch", "path", "/"))));
        one("app pool missing", app, set("spec.pool", "no-such-pool"));
        one("app pool name invalid", app, set("spec.pool", "Not_A_Name!"));
        one("app claim set missing", app, set("spec.volumes", l(m("name", "data", "mountPath", "/data", "claimSet", "no-such-set"))));
        one("app volume mountPath relative", app, set("spec.volumes", l(m("name", "data", "mountPath", "data", "claimSet", "x"))));
        one("app volume without claim set", app, set("spec.volumes", l(m("name", "data", "mountPath", "/data"))));
        one("app dependency missing", app, set("spec.dependencies", l("no-such-app")));
        one("app service type Bogus", app, set("spec.service", m("enabled", true, "type", "Bogus")));
        one("app env value 1 MiB", app, set("spec.container.env", l(m("name", "BIG", "value", big(1 << 20)))));
        one("app args 1 MiB", app, set("spec.container.args", l(big(1 << 20))));
        one("app env name with =", app, set("spec.container.env", l(m("name", "A=B", "value", "v"))));
        one("app env name empty", app, set("spec.container.env", l(m("name", "", "value", "v"))));
        one("app label value 1 MiB", app, set("metadata.labels", m("big", big(1 << 20))));
        one("app annotation 1 MiB", app, set("metadata.annotations", m("big", big(1 << 20))));
        one("app name 300 chars", app, set("metadata.name", big(300)));
        one("app name upper case", app, set("metadata.name", "Bad-Name"));
        one("app name underscore", app, set("metadata.name", "bad_name"));
        one("app backoff negative", app, set("spec.backoff", m("seconds", -1)));
        one("app backoff factor 0", app, set("spec.backoff", m("factor", 0)));
        one("app backoff max delay a year", app, set("spec.backoff", m("maxLaunchDelaySeconds", 31536000)));
        one("app priority string", app, set("spec.priority", "high"));
        one("app rollback-to abc", app, set("metadata.annotations", m("datacenter.dev/rollback-to", "abc")));
        one("app rollback-to 99", app, set("metadata.annotations", m("datacenter.dev/rollback-to", "99")));
        one("app rollback-to -1", app, set("metadata.annotations", m("datacenter.dev/rollback-to", "-1")));
        one("app rollback-to empty", app, set("metadata.annotations", m("datacenter.dev/rollback-to", "")));
        one("app rollback-to 1e9", app, set("metadata.annotations", m("datacenter.dev/rollback-to", "1000000000000")));
        // cycles: a self-dependency, and two apps depending on each other
        one("app depends on itself", app, o -> at(o, "spec").put("dependencies", l(at(o, "metadata").get("name"))));
        {
            Map<String, Object> a = app("cycle-a");
            Map<String, Object> b = app("cycle-b");
            at(a, "spec").put("dependencies", l("cycle-b"));
            at(b, "spec").put("dependencies", l("cycle-a"));
            CASES.add(new FaultsDriver.BadCase("apps depend on each other", app, List.of(Serialization.asJson(a), Serialization.asJson(b))));
        }
        {
            Map<String, Object> a = app("cycle3-a");
            Map<String, Object> b = app("cycle3-b");
            Map<String, Object> c = app("cycle3-c");
            at(a, "spec").put("dependencies", l("cycle3-b"));
            at(b, "spec").put("dependencies", l("cycle3-c"));
            at(c, "spec").put("dependencies", l("cycle3-a"));
            CASES.add(new FaultsDriver.BadCase("three apps in a cycle", app, List.of(Serialization.asJson(a), Serialization.asJson(b), Serialization.asJson(c))));
        }
        // --- ResourcePool
        one("pool weight 0", pool, set("spec.weight", 0));
        one("pool weight negative", pool, set("spec.weight", -1));
        one("pool weight string", pool, set("spec.weight", "heavy"));
        one("pool guarantee above limit", pool, set("spec.guarantee", m("cpus", 16, "mem", "1Gi")));
        one("pool guarantee cpus negative", pool, set("spec.guarantee.cpus", -1));
        one("pool guarantee mem word", pool, set("spec.guarantee.mem", "plenty"));
        one("pool limit gpus negative", pool, set("spec.limit.gpus", -1));
        one("pool limit mem negative", pool, set("spec.limit.mem", "-8Gi"));
        one("pool preemption Always", pool, set("spec.preemption", "Always"));
        one("pool selector operator Near", pool, set("spec.nodeSelector", m("matchExpressions", l(m("key", "rack", "operator", "Near", "values", l("x"))))));
        one("pool selector In without values", pool, set("spec.nodeSelector", m("matchExpressions", l(m("key", "rack", "operator", "In")))));
        one("pool selector Exists with values", pool, set("spec.nodeSelector", m("matchExpressions", l(m("key", "rack", "operator", "Exists", "values", l("x"))))));
        one("pool selector label key invalid", pool, set("spec.nodeSelector", m("matchLabels", m("bad key!", "x"))));
        one("pool selector matches no node", pool, set("spec.nodeSelector", m("matchLabels", m("tier", "nowhere"))));
        one("pool selector label value 300 chars", pool, set("spec.nodeSelector", m("matchLabels", m("tier", big(300)))));
        one("pool reservation negative", pool, set("spec.reservations", l(m("nodeSelector", m(), "resources", m("cpus", -2)))));
        one("pool reservation cpus word", pool, set("spec.reservations", l(m("nodeSelector", m(), "resources", m("cpus", "two")))));
        one("pool name 300 chars", pool, set("metadata.name", big(300)));
        one("pool name upper case", pool, set("metadata.name", "Heavy"));
        one("pool label value 1 MiB", pool, set("metadata.labels", m("big", big(1 << 20))));
        one("pool spec a list", pool, set("spec", l(1, 2)));
        one("pool guarantee a string", pool, set("spec.guarantee", "all"));
        // --- PersistentVolumeClaimSet
        one("set template missing", set, set("spec.template", null));
        one("set accessModes Sometimes", set, set("spec.template.accessModes", l("Sometimes")));
        one("set storage negative", set, set("spec.template.resources.requests.storage", "-1Gi"));
        one("set storage word", set, set("spec.template.resources.requests.storage", "huge"));
        one("set storage missing", set, set("spec.template.resources", null));
        one("set whenScaled Keep", set, set("spec.retentionPolicy.whenScaled", "Keep"));
        one("set whenDeleted Burn", set, set("spec.retentionPolicy.whenDeleted", "Burn"));
        one("set nodeLoss action Teleport", set, set("spec.nodeLossPolicy.action", "Teleport"));
        one("set afterSeconds 5", set, set("spec.nodeLossPolicy.afterSeconds", 5));
        one("set afterSeconds negative", set, set("spec.nodeLossPolicy.afterSeconds", -1));
        one("set afterSeconds string", set, set("spec.nodeLossPolicy.afterSeconds", "soon"));
        one("set reserveResources string", set, set("spec.reserveResources", "yes"));
        one("set storageClassName invalid", set, set("spec.template.storageClassName", "Bad Class!"));
        one("set volumeMode Weird", set, set("spec.template.volumeMode", "Weird"));
        one("set name 300 chars", set, set("metadata.name", big(300)));
        one("set name with slash", set, set("metadata.name", "a/b"));
        one("set annotation 1 MiB", set, set("metadata.annotations", m("big", big(1 << 20))));
        one("set wipe abc", set, set("metadata.annotations", m("datacenter.dev/wipe", "abc")));
        one("set wipe 999", set, set("metadata.annotations", m("datacenter.dev/wipe", "999")));
        one("set wipe -1", set, set("metadata.annotations", m("datacenter.dev/wipe", "-1")));
        one("set wipe empty", set, set("metadata.annotations", m("datacenter.dev/wipe", "")));
        one("set wipe 1.5", set, set("metadata.annotations", m("datacenter.dev/wipe", "1.5")));
        one("set wipe 0 with no claim", set, set("metadata.annotations", m("datacenter.dev/wipe", "0")));
        one("set spec a number", set, set("spec", 7));
        return List.copyOf(CASES);
    }
}
