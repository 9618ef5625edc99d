package dev.datacenter.bench;

import dev.datacenter.bench.Model.App;
import dev.datacenter.bench.Model.Constraint;
import dev.datacenter.bench.Model.Node;
import dev.datacenter.bench.Model.Task;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The independent referee: it checks a final assignment (task id to node index) against the
 * workload, knowing nothing of either scheduler. Semantics are those of
 * shared/reference/marathon-mesos.md: a node lacking the attribute is refused by every operator but
 * UNLIKE; UNIQUE at most one per value; CLUSTER / IS equal to the value (CLUSTER without value: all
 * on the first instance's value); LIKE / UNLIKE full regex match; MAX_PER at most n per value;
 * GROUP_BY max skew 1 among the values that still have room for one more instance (room: a node with
 * that value where the app's task fits the remaining resources and every other constraint of the app
 * would hold).
 */
public final class Checker {
    private Checker() {}

    /** What the referee found. */
    public record Report(int placed, int tasks, int capacityViolations, int constraintViolations,
                         int groupBySkewViolations, int unplacedButFit, int nodesUsed, int lowerBound) {
        public int violations() { return capacityViolations + constraintViolations + groupBySkewViolations; }

        public String detail() {
            return "capacity=" + capacityViolations + " constraint=" + constraintViolations
                    + " groupBySkew=" + groupBySkewViolations + " unplacedButFit=" + unplacedButFit;
        }
    }

    public static Report check(List<Node> nodes, List<App> apps, Map<String, Integer> placement) {
        int n = nodes.size();
        double[] usedCpu = new double[n];
        double[] usedMem = new double[n];
        int tasks = 0;
        int placed = 0;
        double demandCpu = 0;
        double demandMem = 0;
        for (App a : apps) {
            for (Task t : a.tasks) {
                tasks++;
                demandCpu += a.cpus;
                demandMem += a.memMiB;
                Integer ni = placement.get(t.id());
                if (ni == null) continue;
                placed++;
                usedCpu[ni] += a.cpus;
                usedMem[ni] += a.memMiB;
            }
        }
        int capacity = 0;
        int nodesUsed = 0;
        double nodeCpu = 0;
        double nodeMem = 0;
        for (Node node : nodes) {
            int i = node.index();
            if (usedCpu[i] > node.cpus() + 1e-9 || usedMem[i] > node.memMiB() + 1e-9) capacity++;
            if (usedCpu[i] > 0 || usedMem[i] > 0) nodesUsed++;
            nodeCpu = Math.max(nodeCpu, node.cpus());
            nodeMem = Math.max(nodeMem, node.memMiB());
        }
        int lowerBound = (int) Math.ceil(Math.max(demandCpu / nodeCpu, demandMem / nodeMem) - 1e-9);

        int constraintViolations = 0;
        int skew = 0;
        int unplacedButFit = 0;
        Map<String, Pattern> patterns = new HashMap<>();
        Map<String, Integer> distinctCache = new HashMap<>();
        for (App a : apps) {
            List<Node> on = new ArrayList<>();
            for (Task t : a.tasks) {
                Integer ni = placement.get(t.id());
                if (ni != null) on.add(nodes.get(ni));
            }
            for (Constraint c : a.constraints) {
                constraintViolations += violations(c, on, patterns);
            }
            // GROUP_BY: max skew 1 among the values with room.
            for (Constraint c : a.constraints) {
                if (!c.operator().equals("GROUP_BY")) continue;
                Map<String, Integer> counts = new HashMap<>();
                for (Node node : on) {
                    String v = node.attr(c.field());
                    if (v != null) counts.merge(v, 1, Integer::sum);
                }
                Set<String> withRoom = new HashSet<>();
                int distinct = distinctValues(nodes, c.field(), distinctCache);
                for (Node node : nodes) {
                    if (withRoom.size() == distinct) break;
                    String v = node.attr(c.field());
                    if (v == null || withRoom.contains(v)) continue;
                    if (fits(a, node, usedCpu, usedMem) && admissible(a, node, on, c, patterns)) withRoom.add(v);
                }
                int max = 0;
                for (int k : counts.values()) max = Math.max(max, k);
                int min = Integer.MAX_VALUE;
                for (String v : withRoom) min = Math.min(min, counts.getOrDefault(v, 0));
                if (min != Integer.MAX_VALUE && max - min > 1) skew++;
            }
            // Everything that fits must be placed.
            if (on.size() < a.tasks.size()) {
                for (Node node : nodes) {
                    if (fits(a, node, usedCpu, usedMem) && admissible(a, node, on, null, patterns)) {
                        unplacedButFit += a.tasks.size() - on.size();
                        break;
                    }
                }
            }
        }
        return new Report(placed, tasks, capacity, constraintViolations, skew, unplacedButFit, nodesUsed,
                lowerBound);
    }

    private static int distinctValues(List<Node> nodes, String field, Map<String, Integer> cache) {
        return cache.computeIfAbsent(field, k -> {
            Set<String> vs = new HashSet<>();
            for (Node node : nodes) {
                String v = node.attr(field);
                if (v != null) vs.add(v);
            }
            return vs.size();
        });
    }

    private static boolean fits(App a, Node node, double[] usedCpu, double[] usedMem) {
        int i = node.index();
        return usedCpu[i] + a.cpus <= node.cpus() + 1e-9 && usedMem[i] + a.memMiB <= node.memMiB() + 1e-9;
    }

    /** Would one more instance of the app on this node keep every constraint but {@code skip}? */
    private static boolean admissible(App a, Node node, List<Node> on, Constraint skip, Map<String, Pattern> patterns) {
        for (Constraint c : a.constraints) {
            if (c == skip) continue;
            if (c.operator().equals("GROUP_BY")) {
                if (node.attr(c.field()) == null) return false;
                continue;
            }
            List<Node> plus = new ArrayList<>(on);
            plus.add(node);
            if (violations(c, plus, patterns) > 0) return false;
        }
        return true;
    }

    /** Instances of one app (by their nodes) that break a non-GROUP_BY constraint. */
    static int violations(Constraint c, List<Node> on, Map<String, Pattern> patterns) {
        int bad = 0;
        String op = c.operator();
        switch (op) {
            case "UNIQUE":
            case "MAX_PER": {
                int cap = op.equals("UNIQUE") ? 1 : Integer.parseInt(c.value());
                Map<String, Integer> counts = new HashMap<>();
                for (Node node : on) {
                    String v = node.attr(c.field());
                    if (v == null) { bad++; continue; }
                    if (counts.merge(v, 1, Integer::sum) > cap) bad++;
                }
                return bad;
            }
            case "CLUSTER": {
                String want = c.value();
                for (Node node : on) {
                    String v = node.attr(c.field());
                    if (v == null) { bad++; continue; }
                    if (want == null) want = v;
                    if (!v.equals(want)) bad++;
                }
                return bad;
            }
            case "IS":
                for (Node node : on) if (!c.value().equals(node.attr(c.field()))) bad++;
                return bad;
            case "LIKE":
            case "UNLIKE": {
                Pattern p = patterns.computeIfAbsent(c.value(), Pattern::compile);
                for (Node node : on) {
                    String v = node.attr(c.field());
                    boolean matches = v != null && p.matcher(v).matches();
                    if (op.equals("LIKE") ? !matches : matches) bad++;
                }
                return bad;
            }
            case "GROUP_BY":
                for (Node node : on) if (node.attr(c.field()) == null) bad++;
                return bad;
            default:
                throw new IllegalArgumentException("unknown operator " + op);
        }
    }

    /**
     * Checks the referee on known cases before any figure relies on it: a deliberately broken assignment
     * (one over-committed node, two UNIQUE, one CLUSTER and one LIKE violation, one GROUP_BY skew) and a
     * correct one.
     */
    public static void selfTest() {
        List<Node> nodes = Gen.nodes(150, 8, 32 * 1024);
        App u = new App("u", 4, 1024, List.of(new Constraint("@hostname", "UNIQUE", null)), 3);
        App c = new App("c", 1, 1024, List.of(new Constraint(Model.RACK_LABEL, "CLUSTER", "rack-01")), 2);
        App g = new App("g", 1, 1024, List.of(new Constraint("@zone", "GROUP_BY", "3")), 4);
        App l = new App("l", 1, 1024, List.of(new Constraint(Model.RACK_LABEL, "LIKE", "rack-0[0-4]")), 1);
        List<App> apps = List.of(u, c, g, l);
        Map<String, Integer> bad = new HashMap<>(Map.of("u.0", 0, "u.1", 0, "u.2", 0, "c.0", 1, "c.1", 2,
                "g.0", 0, "g.1", 3, "g.2", 6, "g.3", 9));
        bad.put("l.0", 5);
        Report r = check(nodes, apps, bad);
        Map<String, Integer> good = new HashMap<>(Map.of("u.0", 0, "u.1", 1, "u.2", 2, "c.0", 1, "c.1", 51,
                "g.0", 0, "g.1", 1, "g.2", 2, "g.3", 3));
        good.put("l.0", 4);
        Report ok = check(nodes, apps, good);
        if (r.capacityViolations() != 1 || r.constraintViolations() != 4 || r.groupBySkewViolations() != 1
                || ok.violations() != 0 || ok.placed() != 10) {
            throw new IllegalStateException("violation checker self-test failed: " + r + " / " + ok);
        }
    }
}
