package dev.datacenter.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** The benchmark's own, scheduler-neutral description of a cluster and a workload. */
public final class Model {
    private Model() {}

    public static final String ZONE_LABEL = "topology.kubernetes.io/zone";
    public static final String RACK_LABEL = "rack";

    /** A node: name, labels, capacity (cpus in cores, memory in MiB). */
    public record Node(int index, String name, Map<String, String> labels, double cpus, double memMiB) {
        /** The value of a constraint field on this node, with Marathon's aliases; null when absent. */
        public String attr(String field) {
            switch (field) {
                case "@hostname": return name;
                case "@zone": return labels.get(ZONE_LABEL);
                case "@region": return labels.get("topology.kubernetes.io/region");
                default: return labels.get(field);
            }
        }
    }

    /** A Marathon constraint: field (label key or alias), operator, optional value. */
    public record Constraint(String field, String operator, String value) {
        @Override public String toString() {
            return field + ":" + operator + (value == null ? "" : ":" + value);
        }
    }

    /** One task (instance) of an app. */
    public record Task(String id, App app, int ordinal) {}

    /** An app: identical tasks sharing constraints. */
    public static final class App {
        public final String id;
        public final double cpus;
        public final double memMiB;
        public final List<Constraint> constraints;
        public final List<Task> tasks = new ArrayList<>();

        public App(String id, double cpus, double memMiB, List<Constraint> constraints, int instances) {
            this.id = id;
            this.cpus = cpus;
            this.memMiB = memMiB;
            this.constraints = Collections.unmodifiableList(new ArrayList<>(constraints));
            for (int i = 0; i < instances; i++) tasks.add(new Task(id + "." + i, this, i));
        }

        @Override public String toString() { return id; }
    }

    /** A scenario-1 workload: the cluster and the apps, cut into batches of whole apps. */
    public record Workload(String mix, List<Node> nodes, List<App> apps, List<List<App>> batches) {
        public int taskCount() {
            int n = 0;
            for (App a : apps) n += a.tasks.size();
            return n;
        }
    }
}
