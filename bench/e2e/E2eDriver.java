import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The end-to-end benchmark's driver (bench/e2e.sh starts it): against a sandbox (its kubeconfig) and an operator
 * in another JVM (its HTTP port and pid), measures the raw pod-create ceiling with a plain fabric8 client, a burst
 * of DataCenterApps to all Running and Ready, a rolling upgrade of every app at once, a scale to zero and back,
 * the allocation cycle from the operator's metrics, and both JVMs' CPU, heap after GC and RSS. Prints Markdown.
 *
 * <p>Arguments: kubeconfig nodes apps instancesPerApp writers operatorPort operatorPid sandboxPid ceilingPods
 */
public class E2eDriver {
    static final String NS = "e2e";
    static final String CEILING_NS = "e2e-ceiling";
    static final String GROUP_VERSION = "datacenter.dev/v1alpha1";

    static KubernetesClient client;
    static int nodes, apps, perApp, writers, operatorPort;
    static long operatorPid, sandboxPid;
    static final StringBuilder out = new StringBuilder();
    static final Map<String, String> ceilingLoads = new java.util.HashMap<>();

    /** The 1-minute load average now (the machine is shared: every figure waits for a core). */
    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }

    public static void main(String[] args) {
        try {
            run(args);
            System.exit(0);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    static void run(String[] args) throws Exception {
        String kubeconfig = Files.readString(Path.of(args[0]));
        nodes = Integer.parseInt(args[1]);
        apps = Integer.parseInt(args[2]);
        perApp = Integer.parseInt(args[3]);
        writers = Integer.parseInt(args[4]);
        operatorPort = Integer.parseInt(args[5]);
        operatorPid = Long.parseLong(args[6]);
        sandboxPid = Long.parseLong(args[7]);
        int ceilingPods = Integer.parseInt(args[8]);
        Config config = Config.fromKubeconfig(kubeconfig);
        config.setRequestTimeout(120_000);
        client = new KubernetesClientBuilder().withConfig(config).build();
        int total = apps * perApp;
        log("e2e: %d nodes, %d apps x %d instances = %d, writers %d", nodes, apps, perApp, total, writers);

        for (String ns : List.of(NS, CEILING_NS)) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
                    .createOr(x -> x.update());
        }
        ceiling(Math.min(300, ceilingPods), writers); // warm-up: JIT of both JVMs, connections
        Map<String, Double> ceilings = new LinkedHashMap<>();
        ceilings.put("" + writers, ceiling(ceilingPods, writers));
        if (writers != 8) {
            ceilings.put("8", ceiling(ceilingPods, 8));
        }
        double ceiling = ceilings.get("" + writers);

        warmUp();

        SharedIndexInformer<Pod> pods = client.pods().inNamespace(NS).inform(new ResourceEventHandler<>() {
            public void onAdd(Pod obj) {}
            public void onUpdate(Pod a, Pod b) {}
            public void onDelete(Pod obj, boolean unknown) {}
        }, 0);

        List<String[]> phases = new ArrayList<>();
        // burst
        Snapshot before = Snapshot.take();
        long t0 = System.nanoTime();
        applyApps(total);
        long applied = System.nanoTime();
        double[] created = {-1};
        double ready = waitFor(pods, total, p -> true, t0, created, timeoutFor(total));
        Snapshot afterBurst = Snapshot.take();
        double placementsPerSecond = created[0] > 0 ? total / created[0] : Double.NaN;
        String burstLoad = load();
        phases.add(row("burst: " + apps + " apps applied at once", total, created[0], ready, before, afterBurst));

        String heapOp = heap(operatorPid);
        String heapSb = heap(sandboxPid);
        long heapOpBytes = heapUsed(heapOp);
        long heapSbBytes = heapUsed(heapSb);
        long rssOp = rss(operatorPid), rssSb = rss(sandboxPid);

        // report
        out.append("\n### ").append(String.format("%,d nodes × %,d instances (%,d apps)", nodes, total, apps)).append("\n\n");
        out.append("| writers | plain-client pod creates/s (ceiling) | operator placements/s (burst) | ratio | load (ceiling; burst) |\n|---:|---:|---:|---:|---|\n");
        out.append(String.format("| %d | %,.0f | %,.0f | %.2f | %s; %s |\n", writers, ceiling, placementsPerSecond, placementsPerSecond / ceiling,
                ceilingLoads.get("" + writers), burstLoad));
        ceilings.forEach((w, c) -> {
            if (!w.equals("" + writers)) {
                out.append(String.format("| (client with %s threads) | %,.0f | | %.2f | %s |\n", w, c, placementsPerSecond / c, ceilingLoads.get(w)));
            }
        });
        System.out.println(out);
        System.out.flush();
        out.setLength(0);
        String heapTable = heapTable(heapOpBytes, heapSbBytes, rssOp, rssSb, pods.getStore().list().size());
        System.out.println(heapTable);
        System.out.println("| phase | pods | all created (s) | all Running and Ready (s) | pods/s to Ready | cycles | cycle mean (ms) | cycle max (ms) | operator CPU (s) | sandbox CPU (s) | API writes | writes per pod | reconciles | load |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        printRow(phases.get(0));
        if (timedOut != null) {
            finish(pods, total, "the burst");
            return;
        }
        if ("burst".equals(System.getProperty("phases"))) {
            finish(pods, total, null);
            return;
        }
        // rolling upgrade of every app at once
        Set<String> old = new HashSet<>();
        pods.getStore().list().forEach(p -> old.add(p.getMetadata().getUid()));
        Snapshot s = Snapshot.take();
        t0 = System.nanoTime();
        patchAll("{\"spec\":{\"container\":{\"args\":[\"-listen=:8080\",\"-text=v2\"]}}}");
        double[] up = {-1};
        double upReady = waitFor(pods, total, p -> !old.contains(p.getMetadata().getUid()), t0, up, timeoutFor(total) * 2);
        Snapshot e = Snapshot.take();
        printRow(row("rolling upgrade of every app", total, up[0], upReady, s, e));
        timedOut = null; // the scale to zero starts from whatever the upgrade reached

        // scale to zero
        s = Snapshot.take();
        t0 = System.nanoTime();
        patchAll("{\"spec\":{\"instances\":0}}");
        double gone = waitForEmpty(pods, t0, timeoutFor(total));
        e = Snapshot.take();
        printRow(row("scale to zero", total, -1, gone, s, e));
        if (timedOut != null) {
            finish(pods, total, "the scale to zero");
            return;
        }
        // and back
        s = Snapshot.take();
        t0 = System.nanoTime();
        patchAll("{\"spec\":{\"instances\":" + perApp + "}}");
        double[] back = {-1};
        double backReady = waitFor(pods, total, p -> true, t0, back, timeoutFor(total));
        e = Snapshot.take();
        printRow(row("scale back to " + perApp + " per app", total, back[0], backReady, s, e));

        finish(pods, total, null);
    }

    /** The writes table, then the namespace emptied for the next size; {@code stoppedAfter}: the phase that timed out. */
    static void finish(SharedIndexInformer<Pod> pods, int total, String stoppedAfter) {
        if (stoppedAfter != null) {
            System.out.println("\n(later phases not run: " + stoppedAfter + " " + timedOut + ")");
        }
        printWrites(total);
        pods.close();
        client.genericKubernetesResources(GROUP_VERSION, "DataCenterApp").inNamespace(NS).delete();
        client.close();
    }

    static void printRow(String[] r) {
        System.out.println("| " + String.join(" | ", r) + " |");
        System.out.flush();
    }

    static String heapTable(long heapOpBytes, long heapSbBytes, long rssOp, long rssSb, int total) {
        StringBuilder out = new StringBuilder();
        out.append("\n| process | heap after GC (MiB) | RSS (MiB) | heap per cached pod (bytes) | heap per node (bytes) |\n|---|---:|---:|---:|---:|\n");
        int cachedPods = total; // the pods in the namespace when measured
        out.append(String.format("| operator | %,.0f | %,.0f | %,.0f | %,.0f |\n", heapOpBytes / 1048576.0, rssOp / 1048576.0,
                (double) heapOpBytes / (cachedPods + nodes), (double) heapOpBytes / nodes));
        out.append(String.format("| sandbox | %,.0f | %,.0f | %,.0f | %,.0f |\n", heapSbBytes / 1048576.0, rssSb / 1048576.0,
                (double) heapSbBytes / (cachedPods + nodes), (double) heapSbBytes / nodes));
        out.append("\n(heap measured after the burst with ").append(String.format("%,d", total))
                .append(" pods, load ").append(load())
                .append("; per cached pod = heap / (pods + nodes); per node = heap / nodes.)\n");
        return out.toString();
    }

    /** Each phase's bound: -Dphase.timeout=SECONDS, else 300 s or 20 pods/s, whichever is longer. */
    static long timeoutFor(int total) {
        long set = Long.getLong("phase.timeout", 0);
        return (set > 0 ? set : Math.max(300, total / 20)) * 1000L;
    }

    static String[] row(String name, int pods, double created, double ready, Snapshot a, Snapshot b) {
        recordWrites(name, a, b);
        if (timedOut != null) {
            name = name + " (" + timedOut + ")";
        }
        double cycles = b.cycles - a.cycles;
        double mean = cycles > 0 ? (b.cycleSum - a.cycleSum) / cycles * 1000 : Double.NaN;
        return new String[] {name, String.format("%,d", pods), created < 0 ? "" : String.format("%.1f", created),
            Double.isNaN(ready) ? "timed out" : String.format("%.1f", ready),
            created < 0 || Double.isNaN(ready) ? "" : String.format("%,.0f", pods / ready),
            String.format("%.0f", cycles), String.format("%.1f", mean), String.format("%.0f", b.cycleMax * 1000),
            String.format("%.1f", (b.opCpu - a.opCpu)), String.format("%.1f", (b.sbCpu - a.sbCpu)),
            String.format("%,.0f", b.writes - a.writes), String.format("%.2f", (b.writes - a.writes) / pods),
            String.format("%,.0f", b.reconciles - a.reconciles), load()};
    }

    /** Pods/s a plain fabric8 client gets creating n pods (as the operator writes them: pinned) on threads. */
    static double ceiling(int n, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        long t0 = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        String run = "c" + threads + "-" + System.nanoTime() % 100000;
        for (int t = 0; t < threads; t++) {
            fs.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < n) {
                    Pod p = pod(run + "-" + i, "sim-" + String.format("%05d", i % nodes));
                    createTolerating409(() -> client.pods().inNamespace(CEILING_NS).resource(p).create());
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        double rate = n / secs;
        ceilingLoads.put("" + threads, load());
        log("ceiling: %d pods in %.1f s on %d threads: %.0f/s", n, secs, threads, rate);
        client.pods().inNamespace(CEILING_NS).delete();
        long until = System.currentTimeMillis() + 300_000;
        while (!client.pods().inNamespace(CEILING_NS).list().getItems().isEmpty() && System.currentTimeMillis() < until) {
            Thread.sleep(500);
        }
        return rate;
    }

    static Pod pod(String name, String node) {
        return new PodBuilder().withNewMetadata().withName(name).addToLabels("bench", "ceiling").endMetadata()
                .withNewSpec()
                .withNewAffinity().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .addNewNodeSelectorTerm().addNewMatchField().withKey("metadata.name").withOperator("In").withValues(node)
                .endMatchField().endNodeSelectorTerm().endRequiredDuringSchedulingIgnoredDuringExecution()
                .endNodeAffinity().endAffinity()
                .addNewContainer().withName("main").withImage("docker.io/hashicorp/http-echo:1.0")
                .withArgs("-listen=:8080", "-text=ceiling")
                .withNewResources().addToRequests("cpu", new Quantity("10m")).addToRequests("memory", new Quantity("16Mi"))
                .endResources().endContainer().endSpec().build();
    }

    /** 10 apps of 20 instances placed, Ready and deleted before the measured burst: both JVMs' JIT warmed up. */
    static void warmUp() throws Exception {
        String ns = "e2e-warmup";
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
                .createOr(x -> x.update());
        long t0 = System.nanoTime();
        for (int a = 0; a < 10; a++) {
            GenericKubernetesResource app = new GenericKubernetesResource();
            app.setApiVersion(GROUP_VERSION);
            app.setKind("DataCenterApp");
            app.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("warm-" + a).withNamespace(ns).build());
            app.setAdditionalProperty("spec", Map.of("instances", 20,
                    "container", Map.of("image", "docker.io/hashicorp/http-echo:1.0"),
                    "resources", Map.of("cpus", "10m", "mem", "16Mi")));
            createTolerating409(() -> client.genericKubernetesResources(GROUP_VERSION, "DataCenterApp").inNamespace(ns).resource(app).create());
        }
        long until = System.currentTimeMillis() + 300_000;
        while (System.currentTimeMillis() < until
                && client.pods().inNamespace(ns).list().getItems().stream().filter(E2eDriver::isReady).count() < 200) {
            Thread.sleep(500);
        }
        client.genericKubernetesResources(GROUP_VERSION, "DataCenterApp").inNamespace(ns).delete();
        while (System.currentTimeMillis() < until && !client.pods().inNamespace(ns).list().getItems().isEmpty()) {
            Thread.sleep(500);
        }
        log("warm-up: 200 instances placed, Ready and deleted in %.1f s", (System.nanoTime() - t0) / 1e9);
    }

    static void applyApps(int total) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> fs = new ArrayList<>();
        for (int a = 0; a < apps; a++) {
            String name = String.format("app-%04d", a);
            fs.add(pool.submit(() -> {
                GenericKubernetesResource app = new GenericKubernetesResource();
                app.setApiVersion(GROUP_VERSION);
                app.setKind("DataCenterApp");
                app.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).withNamespace(NS).build());
                Map<String, Object> spec = new LinkedHashMap<>();
                spec.put("instances", perApp);
                spec.put("container", Map.of("image", "docker.io/hashicorp/http-echo:1.0", "args", List.of("-listen=:8080", "-text=v1")));
                spec.put("resources", Map.of("cpus", "10m", "mem", "16Mi"));
                app.setAdditionalProperty("spec", spec);
                createTolerating409(() -> client.genericKubernetesResources(GROUP_VERSION, "DataCenterApp").inNamespace(NS).resource(app).create());
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
    }

    /** The client retries a request whose answer it did not get: the retry of a create that went through is a 409. */
    static void createTolerating409(Runnable create) {
        try {
            create.run();
        } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }

    static void patchAll(String mergePatch) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> fs = new ArrayList<>();
        for (int a = 0; a < apps; a++) {
            String name = String.format("app-%04d", a);
            fs.add(pool.submit(() -> client.genericKubernetesResources(GROUP_VERSION, "DataCenterApp").inNamespace(NS)
                    .withName(name).patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch)));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
    }

    static boolean isReady(Pod p) {
        if (p.getStatus() == null || !"Running".equals(p.getStatus().getPhase()) || p.getStatus().getConditions() == null) {
            return false;
        }
        return p.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** Set by a wait that ran out of time: what it had reached then (the row says so, later phases are skipped). */
    static String timedOut;

    /**
     * Seconds until exactly `total` pods exist, none being deleted, all Ready and matching; created[0] = first time
     * `total` matching pods existed. On timeout: NaN, and {@link #timedOut} says how far it got.
     */
    static double waitFor(SharedIndexInformer<Pod> pods, int total, Predicate<Pod> match, long t0, double[] created, long timeoutMillis) throws Exception {
        long until = System.currentTimeMillis() + timeoutMillis;
        long lastLog = 0;
        while (System.currentTimeMillis() < until) {
            int all = 0, matching = 0, ready = 0;
            for (Pod p : pods.getStore().list()) {
                if (p.getMetadata().getDeletionTimestamp() != null) {
                    all++;
                    continue;
                }
                all++;
                if (match.test(p)) {
                    matching++;
                    if (isReady(p)) {
                        ready++;
                    }
                }
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            if (created[0] < 0 && matching >= total) {
                created[0] = secs;
            }
            if (all == total && ready == total) {
                return secs;
            }
            if (System.currentTimeMillis() - lastLog > 10_000) {
                lastLog = System.currentTimeMillis();
                log("  %.0f s: %d pods, %d new, %d of them Ready", secs, all, matching, ready);
            }
            if (System.currentTimeMillis() + 100 >= until) {
                timedOut = String.format("timed out after %.0f s: %,d pods, %,d new, %,d of them Ready", secs, all, matching, ready);
                log(timedOut);
                return Double.NaN;
            }
            Thread.sleep(100);
        }
        return Double.NaN;
    }

    static double waitForEmpty(SharedIndexInformer<Pod> pods, long t0, long timeoutMillis) throws Exception {
        long until = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < until) {
            if (pods.getStore().list().isEmpty()) {
                return (System.nanoTime() - t0) / 1e9;
            }
            Thread.sleep(100);
        }
        timedOut = String.format("timed out after %.0f s: %,d pods left", (System.nanoTime() - t0) / 1e9, pods.getStore().list().size());
        log(timedOut);
        return Double.NaN;
    }

    static String heap(long pid) throws Exception {
        jcmd(pid, "GC.run");
        return jcmd(pid, "GC.heap_info");
    }

    static String jcmd(long pid, String cmd) throws Exception {
        Process p = new ProcessBuilder("jcmd", "" + pid, cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        p.waitFor(60, TimeUnit.SECONDS);
        return text;
    }

    /** "used NNNNK" of the heap (G1: "garbage-first heap   total 123K, used 45K"). */
    static long heapUsed(String heapInfo) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(heapInfo);
        return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
    }

    static long rss(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    record Snapshot(double cycles, double cycleSum, double cycleMax, double writes, double opCpu, double sbCpu,
            Map<String, Double> writesBy, double reconciles) {
        static Snapshot take() {
            double count = 0, sum = 0, max = 0, writes = 0, reconciles = 0;
            Map<String, Double> by = new java.util.TreeMap<>();
            try {
                String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + operatorPort + "/q/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                for (String line : text.split("\n")) {
                    if (line.startsWith("#")) {
                        continue;
                    }
                    double v;
                    try {
                        v = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    } catch (RuntimeException e) {
                        continue;
                    }
                    if (line.startsWith("datacenter_allocation_cycle_duration_seconds_count")) count += v;
                    else if (line.startsWith("datacenter_allocation_cycle_duration_seconds_sum")) sum += v;
                    else if (line.startsWith("datacenter_allocation_cycle_duration_seconds_max")) max = Math.max(max, v);
                    else if (line.startsWith("datacenter_reconciles_total")) reconciles += v;
                    else if (line.startsWith("datacenter_api_writes_total")) {
                        writes += v;
                        by.merge(label(line, "verb") + " " + label(line, "kind")
                                + ("ok".equals(label(line, "outcome")) ? "" : " (" + label(line, "outcome") + ")"), v, Double::sum);
                    }
                }
            } catch (Exception e) {
                log("metrics: %s", e);
            }
            return new Snapshot(count, sum, max, writes, cpuSeconds(operatorPid), cpuSeconds(sandboxPid), by, reconciles);
        }

        static String label(String line, String name) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(name + "=\"([^\"]*)\"").matcher(line);
            return m.find() ? m.group(1) : "?";
        }
    }

    /** The operator's API writes of a phase by verb and kind (and outcome when not ok), per pod of the phase. */
    static final Map<String, Map<String, Double>> writesByPhase = new LinkedHashMap<>();

    static void recordWrites(String phase, Snapshot a, Snapshot b) {
        Map<String, Double> d = new java.util.TreeMap<>();
        b.writesBy.forEach((k, v) -> {
            double delta = v - a.writesBy.getOrDefault(k, 0.0);
            if (delta > 0) {
                d.put(k, delta);
            }
        });
        writesByPhase.put(phase, d);
        log("writes in %s: %s", phase, d);
    }

    static void printWrites(int pods) {
        System.out.println();
        System.out.println("| phase | API writes by verb and kind (per pod of the phase) |");
        System.out.println("|---|---|");
        writesByPhase.forEach((phase, d) -> {
            StringBuilder b = new StringBuilder();
            d.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ")
                    .append(String.format("%s %,.0f (%.2f)", k, v, v / pods)));
            System.out.println("| " + phase + " | " + b + " |");
        });
        System.out.println();
        System.out.flush();
    }

    static void log(String format, Object... args) {
        System.err.printf(format + "%n", args);
    }
}
