package dev.datacenter.operator.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A small but realistic cluster for the web tests: 12 nodes in three zones (two with GPUs, one cordoned),
 * four pools, seven apps in every service status. Node and pool figures are computed from the apps'
 * running instances, placed first-fit, so every total adds up.
 */
final class FakeCluster {

    static final long GIB = 1L << 30;
    static final long MIB = 1L << 20;
    /** What the fake's non-operator pods (kube-system and friends) request on every node. */
    static final ResourcesView SYSTEM_PODS = new ResourcesView(0.5, GIB, 0, 0);

    private record Node(String name, Map<String, String> labels, boolean schedulable, ResourcesView capacity) {}

    private record Pool(
            String name,
            boolean implied,
            double weight,
            ResourcesView guarantee,
            ResourcesView limit,
            Predicate<Node> selects) {}

    private record App(
            String name,
            String pool,
            String group,
            String image,
            int desired,
            ResourcesView each,
            int running,
            int staged,
            int unhealthy,
            String readyReason,
            String readyMessage,
            String phase,
            PendingView pending,
            FailureView failure,
            List<String> dependencies) {}

    private FakeCluster() {}

    /** The cluster as the tests see it "now". */
    static StateView state(Instant time) {
        return state(time, 6, 1, 17);
    }

    /**
     * The cluster with {@code sparkRunning} of spark-batch's 10 instances and {@code trainerRunning} of
     * trainer's 2 running, and {@code failures} task failures counted since start.
     */
    static StateView state(Instant time, int sparkRunning, int trainerRunning, long failures) {
        List<Node> nodes = nodes();
        List<Pool> pools = pools();
        List<App> apps = apps(sparkRunning, trainerRunning);

        Map<String, ResourcesView> used = new LinkedHashMap<>();
        Map<String, Integer> tasksOn = new LinkedHashMap<>();
        for (Node n : nodes) {
            used.put(n.name, SYSTEM_PODS);
            tasksOn.put(n.name, 0);
        }
        Map<String, Pool> poolByName = new LinkedHashMap<>();
        pools.forEach(p -> poolByName.put(p.name, p));
        Map<String, ResourcesView> poolAllocated = new LinkedHashMap<>();
        pools.forEach(p -> poolAllocated.put(p.name, ResourcesView.ZERO));
        for (App app : apps) {
            Pool pool = poolByName.get(app.pool);
            if (pool == null) {
                continue;
            }
            int placed = 0;
            int start = Math.abs(app.name.hashCode());
            for (int k = 0; k < nodes.size() * 4 && placed < app.running + app.staged; k++) {
                Node n = nodes.get((start + k) % nodes.size());
                ResourcesView after = used.get(n.name).plus(app.each);
                if (!n.schedulable
                        || !pool.selects.test(n)
                        || !fits(after, n.capacity)
                        || (app.each.gpus() == 0 && n.capacity.gpus() > 0 && !app.pool.equals("gpu"))) {
                    continue;
                }
                used.put(n.name, after);
                tasksOn.merge(n.name, 1, Integer::sum);
                poolAllocated.merge(pool.name, app.each, ResourcesView::plus);
                placed++;
            }
        }

        List<NodeView> nodeViews = new ArrayList<>();
        ResourcesView capacity = ResourcesView.ZERO;
        ResourcesView allocated = ResourcesView.ZERO;
        int schedulable = 0;
        for (Node n : nodes) {
            List<String> in = pools.stream()
                    .filter(p -> p.selects.test(n))
                    .map(p -> p.name)
                    .toList();
            ResourcesView u = used.get(n.name);
            nodeViews.add(new NodeView(
                    n.name,
                    n.labels,
                    n.schedulable,
                    true,
                    n.labels.get("topology.kubernetes.io/zone"),
                    n.labels.get("rack"),
                    n.capacity,
                    u,
                    n.capacity.minus(u),
                    in,
                    tasksOn.get(n.name)));
            capacity = capacity.plus(n.capacity);
            allocated = allocated.plus(u);
            schedulable += n.schedulable ? 1 : 0;
        }

        List<AppView> appViews = new ArrayList<>();
        int staged = 0, running = 0, healthy = 0, unhealthy = 0, total = 0;
        for (App a : apps) {
            InstanceCountsView counts = new InstanceCountsView(
                    a.running + a.staged,
                    a.staged,
                    a.running,
                    a.running - a.unhealthy,
                    a.running - a.unhealthy,
                    a.unhealthy);
            appViews.add(new AppView(
                    "demo",
                    a.name,
                    a.pool,
                    a.group,
                    a.image,
                    a.desired,
                    a.each,
                    counts,
                    ServiceStatus.of(a.desired, counts, a.readyReason, a.phase),
                    a.readyReason,
                    a.readyMessage,
                    a.pending,
                    a.failure,
                    3,
                    a.phase,
                    a.dependencies));
            staged += counts.staged();
            running += counts.running();
            healthy += counts.healthy();
            unhealthy += counts.unhealthy();
            total += counts.total();
        }

        List<PoolView> poolViews = new ArrayList<>();
        for (Pool p : pools) {
            ResourcesView cap = ResourcesView.ZERO;
            int count = 0;
            for (Node n : nodes) {
                if (p.selects.test(n)) {
                    cap = cap.plus(n.capacity);
                    count++;
                }
            }
            ResourcesView alloc = poolAllocated.get(p.name);
            double dominant = Math.max(
                    Math.max(alloc.cpus() / capacity.cpus(), (double) alloc.mem() / capacity.mem()),
                    (double) alloc.gpus() / capacity.gpus());
            List<App> mine = apps.stream().filter(a -> a.pool.equals(p.name)).toList();
            int pending = mine.stream().mapToInt(a -> a.pending.count()).sum();
            poolViews.add(new PoolView(
                    p.name,
                    p.implied,
                    p.weight,
                    p.guarantee,
                    p.limit,
                    count,
                    cap,
                    alloc,
                    ResourcesView.ZERO,
                    p.guarantee == null ? ResourcesView.ZERO : p.guarantee,
                    dominant,
                    dominant / p.weight,
                    mine.size(),
                    pending,
                    "Ready",
                    null));
        }
        poolViews.sort(Comparator.comparing(PoolView::name));

        ClusterView cluster = new ClusterView(
                nodes.size(),
                schedulable,
                capacity,
                allocated,
                new TasksView(staged, running, healthy, unhealthy, total),
                failures);
        return new StateView(time.toString(), cluster, nodeViews, poolViews, appViews);
    }

    static OffersView offers(Instant time) {
        return new OffersView(
                4211,
                time.minusMillis(900).toString(),
                3.7,
                14,
                2,
                List.of(
                        new ReasonCount("UnfulfilledRole", 6),
                        new ReasonCount("InsufficientCpus", 5),
                        new ReasonCount("NodeUnschedulable", 1)),
                List.of(
                        new PlacementView("demo/trainer", "trainer-1", "g2", "gpu"),
                        new PlacementView("demo/cassandra", "cassandra-2", "n03", "default")),
                List.of(
                        new PoolShareView("analytics", 0.21, 0.21, 4), new PoolShareView("default", 0.09, 0.09, 0),
                        new PoolShareView("gpu", 0.25, 0.25, 0), new PoolShareView("web", 0.02, 0.01, 0)),
                List.of(new PreemptionView(
                        "web",
                        "demo/jokes",
                        "jokes-2",
                        "n05",
                        List.of(new PreemptionView.VictimView("demo/spark-batch", "spark-batch-7", "analytics", 0)))));
    }

    private static boolean fits(ResourcesView r, ResourcesView capacity) {
        return r.cpus() <= capacity.cpus() && r.mem() <= capacity.mem() && r.gpus() <= capacity.gpus();
    }

    private static List<Node> nodes() {
        List<Node> nodes = new ArrayList<>();
        String[] zones = {"eu-west-1a", "eu-west-1b", "eu-west-1c"};
        for (int i = 1; i <= 10; i++) {
            String name = String.format("n%02d", i);
            String tier = i <= 4 ? "web" : "batch";
            nodes.add(new Node(
                    name,
                    Map.of(
                            "kubernetes.io/hostname",
                            name,
                            "topology.kubernetes.io/zone",
                            zones[(i - 1) % 3],
                            "rack",
                            "rack-" + ((i - 1) / 3 + 1),
                            "tier",
                            tier),
                    i != 10,
                    new ResourcesView(8, 32 * GIB, 0, 200 * GIB)));
        }
        for (int i = 1; i <= 2; i++) {
            String name = "g" + i;
            nodes.add(new Node(
                    name,
                    Map.of(
                            "kubernetes.io/hostname",
                            name,
                            "topology.kubernetes.io/zone",
                            zones[i - 1],
                            "rack",
                            "rack-gpu",
                            "tier",
                            "gpu",
                            "nvidia.com/gpu.present",
                            "true"),
                    true,
                    new ResourcesView(16, 64 * GIB, 4, 500 * GIB)));
        }
        return nodes;
    }

    private static List<Pool> pools() {
        return List.of(
                new Pool("default", true, 1, null, null, n -> true),
                new Pool(
                        "web",
                        false,
                        2,
                        new ResourcesView(4, 8 * GIB, 0, 0),
                        null,
                        n -> "web".equals(n.labels.get("tier"))),
                new Pool(
                        "analytics",
                        false,
                        1,
                        new ResourcesView(16, 32 * GIB, 0, 0),
                        new ResourcesView(48, 192 * GIB, 0, 0),
                        n -> "batch".equals(n.labels.get("tier"))),
                new Pool(
                        "gpu",
                        false,
                        1,
                        null,
                        new ResourcesView(32, 128 * GIB, 8, 0),
                        n -> "gpu".equals(n.labels.get("tier"))));
    }

    private static List<App> apps(int sparkRunning, int trainerRunning) {
        int sparkPending = 10 - sparkRunning;
        return List.of(
                new App(
                        "jokes",
                        "web",
                        "/demo/frontend",
                        "example/jokes:1.0",
                        3,
                        new ResourcesView(0.5, 256 * MIB, 0, 0),
                        3,
                        0,
                        0,
                        "AllInstancesReady",
                        null,
                        "Complete",
                        PendingView.NONE,
                        null,
                        List.of()),
                new App(
                        "cassandra",
                        "default",
                        "/demo/data",
                        "example/cassandra:4.1",
                        3,
                        new ResourcesView(2, 8 * GIB, 0, 20 * GIB),
                        2,
                        0,
                        0,
                        "BackingOff",
                        "instance cassandra-2 failed 3 times; next launch in 12s",
                        "Complete",
                        PendingView.NONE,
                        new FailureView(
                                "cassandra-2", "n03", "Error", "exit code 137 (OOMKilled)", "2026-11-25T08:41:07Z"),
                        List.of()),
                new App(
                        "spark-batch",
                        "analytics",
                        "/analytics",
                        "example/spark:3.5",
                        10,
                        new ResourcesView(4, 8 * GIB, 0, 0),
                        sparkRunning,
                        0,
                        0,
                        sparkPending > 0 ? "WaitingForOffers" : "AllInstancesReady",
                        sparkPending > 0 ? sparkPending + " instances wait for offers" : null,
                        "Complete",
                        sparkPending > 0
                                ? new PendingView(
                                        sparkPending,
                                        List.of(
                                                new ReasonCount("UnfulfilledRole", 6),
                                                new ReasonCount("InsufficientCpus", 5),
                                                new ReasonCount("NodeUnschedulable", 1)))
                                : PendingView.NONE,
                        null,
                        List.of()),
                new App(
                        "trainer",
                        "gpu",
                        "/ml",
                        "example/trainer:2.0",
                        2,
                        new ResourcesView(4, 16 * GIB, 2, 0),
                        trainerRunning,
                        2 - trainerRunning,
                        0,
                        "Deploying",
                        "rolling to revision 3",
                        "Deploying",
                        PendingView.NONE,
                        null,
                        List.of()),
                new App(
                        "memcached",
                        "default",
                        "/demo/data",
                        "memcached:1.6",
                        4,
                        new ResourcesView(1, 2 * GIB, 0, 0),
                        4,
                        0,
                        0,
                        "AllInstancesReady",
                        null,
                        "Complete",
                        PendingView.NONE,
                        null,
                        List.of()),
                new App(
                        "billing",
                        "default",
                        "/demo/backend",
                        "example/billing:0.9",
                        2,
                        new ResourcesView(1, 1 * GIB, 0, 0),
                        0,
                        0,
                        0,
                        "DependencyNotFound",
                        "dependency ledger does not exist in namespace demo",
                        "WaitingForDependencies",
                        PendingView.NONE,
                        null,
                        List.of("ledger")),
                new App(
                        "nightly-report",
                        "analytics",
                        "/analytics",
                        "example/report:1.2",
                        0,
                        new ResourcesView(2, 4 * GIB, 0, 0),
                        0,
                        0,
                        0,
                        "AllInstancesReady",
                        null,
                        "Complete",
                        PendingView.NONE,
                        null,
                        List.of()));
    }
}
