package dev.datacenter.bench;

import dev.datacenter.bench.Model.App;
import dev.datacenter.bench.Model.Constraint;
import dev.datacenter.bench.Model.Node;
import dev.datacenter.bench.Model.Workload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Seeded generators: the same seed gives the same cluster and workload to both schedulers. */
public final class Gen {
    private Gen() {}

    public static final int ZONES = 3;
    public static final int RACKS = 50;
    public static final int APP_SIZE = 20;
    public static final int BATCH = 200;

    public static String zone(int z) { return "zone-" + (char) ('a' + z); }
    public static String rack(int r) { return String.format("rack-%02d", r); }

    /**
     * Nodes of the given size; node i sits in rack i % 50 and rack r in zone r % 3 (so zones
     * hold 17, 17 and 16 racks).
     */
    public static List<Node> nodes(int count, double cpus, double memMiB) {
        List<Node> nodes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int rack = i % RACKS;
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put(Model.ZONE_LABEL, zone(rack % ZONES));
            labels.put(Model.RACK_LABEL, rack(rack));
            labels.put("kubernetes.io/hostname", nodeName(i));
            nodes.add(new Node(i, nodeName(i), Map.copyOf(labels), cpus, memMiB));
        }
        return nodes;
    }

    public static String nodeName(int i) { return String.format("node-%05d", i); }

    /** The constraint mixes of scenario 1. */
    public static final List<String> MIXES = List.of("none", "UNIQUE", "GROUP_BY", "mix");

    /**
     * Apps of 20 tasks of 1, 2 or 4 cores (memory 1, 2 or 4 GiB per core), cut into batches of
     * 200 tasks (10 whole apps each).
     */
    public static Workload workload(String mix, int nodeCount, int taskCount, long seed) {
        List<Node> nodes = nodes(nodeCount, 8, 32 * 1024);
        SplittableRandom rnd = new SplittableRandom(seed);
        List<App> apps = new ArrayList<>();
        int appCount = taskCount / APP_SIZE;
        for (int a = 0; a < appCount; a++) {
            int cpus = new int[] {1, 2, 4}[rnd.nextInt(3)];
            int memPerCore = new int[] {1024, 2048, 4096}[rnd.nextInt(3)];
            List<Constraint> cs = constraints(mix, rnd);
            apps.add(new App(String.format("app-%05d", a), cpus, (double) cpus * memPerCore, cs, APP_SIZE));
        }
        List<List<App>> batches = new ArrayList<>();
        int perBatch = BATCH / APP_SIZE;
        for (int i = 0; i < apps.size(); i += perBatch) {
            batches.add(List.copyOf(apps.subList(i, Math.min(apps.size(), i + perBatch))));
        }
        return new Workload(mix, nodes, List.copyOf(apps), List.copyOf(batches));
    }

    static final Constraint UNIQUE_HOST = new Constraint("@hostname", "UNIQUE", null);
    static final Constraint GROUP_BY_ZONE = new Constraint("@zone", "GROUP_BY", "3");
    static final Constraint LIKE_RACK = new Constraint(Model.RACK_LABEL, "LIKE", "rack-[0-2][0-9]");

    /**
     * "mix": one fifth each of UNIQUE @hostname; GROUP_BY @zone; CLUSTER rack:rack-NN (a random rack);
     * LIKE rack:rack-[0-2][0-9] (racks 00 to 29); UNIQUE @hostname together with GROUP_BY @zone.
     */
    static List<Constraint> constraints(String mix, SplittableRandom rnd) {
        switch (mix) {
            case "none": return List.of();
            case "UNIQUE": return List.of(UNIQUE_HOST);
            case "GROUP_BY": return List.of(GROUP_BY_ZONE);
            case "mix":
                switch (rnd.nextInt(5)) {
                    case 0: return List.of(UNIQUE_HOST);
                    case 1: return List.of(GROUP_BY_ZONE);
                    case 2: return List.of(new Constraint(Model.RACK_LABEL, "CLUSTER", rack(rnd.nextInt(RACKS))));
                    case 3: return List.of(LIKE_RACK);
                    default: return List.of(UNIQUE_HOST, GROUP_BY_ZONE);
                }
            default: throw new IllegalArgumentException("unknown mix " + mix);
        }
    }
}
