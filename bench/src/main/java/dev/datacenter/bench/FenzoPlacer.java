package dev.datacenter.bench;

import com.netflix.fenzo.ConstraintEvaluator;
import com.netflix.fenzo.SchedulingResult;
import com.netflix.fenzo.TaskAssignmentResult;
import com.netflix.fenzo.TaskRequest;
import com.netflix.fenzo.TaskScheduler;
import com.netflix.fenzo.TaskTrackerState;
import com.netflix.fenzo.VMAssignmentResult;
import com.netflix.fenzo.VMTaskFitnessCalculator;
import com.netflix.fenzo.VirtualMachineCurrentState;
import com.netflix.fenzo.VirtualMachineLease;
import com.netflix.fenzo.functions.Action2;
import com.netflix.fenzo.functions.Func1;
import com.netflix.fenzo.plugins.BalancedHostAttrConstraint;
import com.netflix.fenzo.plugins.BinPackingFitnessCalculators;
import com.netflix.fenzo.plugins.HostAttrValueConstraint;
import com.netflix.fenzo.plugins.UniqueHostAttrConstraint;
import dev.datacenter.bench.Model.App;
import dev.datacenter.bench.Model.Constraint;
import dev.datacenter.bench.Model.Node;
import dev.datacenter.bench.Model.Task;
import org.apache.mesos.Protos;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Netflix Fenzo 0.9.3 driven the way a Mesos framework drives it: one lease per node with its free
 * resources, {@code scheduleOnce} per batch, the task assigner called for every assignment (so
 * Fenzo's constraints see earlier batches' tasks as running), and a fresh lease carrying each used
 * node's remaining resources offered with the next batch (Fenzo consumes every lease of a node it
 * assigns to; the unused leases stay with Fenzo, which never expires them here).
 *
 * <p>Constraints map to Fenzo's built-in hard constraints: UNIQUE to {@link UniqueHostAttrConstraint},
 * GROUP_BY to {@link BalancedHostAttrConstraint} (expected values = the GROUP_BY value), CLUSTER and IS
 * with a value to {@link HostAttrValueConstraint}; Fenzo has no regex constraint, so LIKE / UNLIKE use
 * the small {@link RegexConstraint} below. Fitness: {@code BinPackingFitnessCalculators.cpuMemBinPacker}.
 * Shortfall evaluation (autoscaling only) is disabled.
 *
 * <p>Timed: {@code scheduleOnce} plus the task-assigner calls; building the next leases (the
 * framework's bookkeeping) is not timed.
 */
public final class FenzoPlacer implements Placer {
    private List<Node> nodes;
    private final Map<String, Node> byName = new HashMap<>();
    private final Map<String, Map<String, Protos.Attribute>> attributes = new HashMap<>();
    /** Free resources per node index, as the framework tracks them. */
    private double[] freeCpus;
    private double[] freeMem;
    private TaskScheduler scheduler;
    private Action2<TaskRequest, String> assigner;
    private List<VirtualMachineLease> newLeases = new ArrayList<>();
    private long leaseSeq;
    /** Task id to the ids of all tasks of its app (Fenzo's "co-tasks"). */
    private final Map<String, Set<String>> coTasks = new HashMap<>();
    private final Func1<String, Set<String>> coTasksGetter = id -> coTasks.getOrDefault(id, Set.of());

    /**
     * Fitness at which Fenzo stops looking at more hosts for a task (its "good enough" function); NaN keeps
     * Fenzo's default ({@code fitness > 1.0}: never, so every host is evaluated). Set by
     * {@code --fenzo-good-enough}.
     */
    static double goodEnough = Double.NaN;

    @Override public String name() { return "fenzo 0.9.3"; }

    @Override
    public void start(List<Node> nodes) {
        this.nodes = nodes;
        freeCpus = new double[nodes.size()];
        freeMem = new double[nodes.size()];
        for (Node n : nodes) {
            byName.put(n.name(), n);
            Map<String, Protos.Attribute> attrs = new HashMap<>();
            n.labels().forEach((k, v) -> attrs.put(k, Protos.Attribute.newBuilder()
                    .setName(k)
                    .setType(Protos.Value.Type.TEXT)
                    .setText(Protos.Value.Text.newBuilder().setValue(v))
                    .build()));
            attributes.put(n.name(), Collections.unmodifiableMap(attrs));
            freeCpus[n.index()] = n.cpus();
            freeMem[n.index()] = n.memMiB();
            newLeases.add(lease(n));
        }
        TaskScheduler.Builder builder = new TaskScheduler.Builder()
                .withLeaseOfferExpirySecs(365L * 24 * 3600)
                .withLeaseRejectAction(lease -> { })
                .withFitnessCalculator(BinPackingFitnessCalculators.cpuMemBinPacker)
                .disableShortfallEvaluation();
        if (!Double.isNaN(goodEnough)) {
            double g = goodEnough;
            builder.withFitnessGoodEnoughFunction(f -> f >= g);
        }
        scheduler = builder.build();
        assigner = scheduler.getTaskAssigner();
    }

    private VirtualMachineLease lease(Node n) {
        return new Lease("lease-" + (leaseSeq++), n.name(), freeCpus[n.index()], freeMem[n.index()],
                attributes.get(n.name()));
    }

    @Override
    public BatchResult place(List<App> batch) {
        List<FenzoTask> requests = new ArrayList<>();
        for (App app : batch) {
            Set<String> ids = new LinkedHashSet<>();
            for (Task t : app.tasks) ids.add(t.id());
            Set<String> shared = Collections.unmodifiableSet(ids);
            List<ConstraintEvaluator> hard = new ArrayList<>();
            for (Constraint c : app.constraints) hard.add(constraint(c));
            for (Task t : app.tasks) {
                coTasks.put(t.id(), shared);
                requests.add(new FenzoTask(t, hard));
            }
        }
        List<VirtualMachineLease> offers = newLeases;
        newLeases = new ArrayList<>();

        long c0 = Placer.threadsCpuNanos();
        long t0 = System.nanoTime();
        SchedulingResult result = scheduler.scheduleOnce(requests, offers);
        for (VMAssignmentResult vm : result.getResultMap().values()) {
            for (TaskAssignmentResult r : vm.getTasksAssigned()) assigner.call(r.getRequest(), vm.getHostname());
        }
        long nanos = System.nanoTime() - t0;
        long cpu = Placer.threadsCpuNanos() - c0;
        if (!result.getExceptions().isEmpty()) {
            throw new IllegalStateException("Fenzo failed", result.getExceptions().get(0));
        }

        Map<String, Integer> placed = new HashMap<>();
        for (VMAssignmentResult vm : result.getResultMap().values()) {
            Node n = byName.get(vm.getHostname());
            for (TaskAssignmentResult r : vm.getTasksAssigned()) {
                Task t = ((FenzoTask) r.getRequest()).task;
                placed.put(t.id(), n.index());
                freeCpus[n.index()] -= t.app().cpus;
                freeMem[n.index()] -= t.app().memMiB;
            }
            // Fenzo consumed every lease of this node: offer what is left.
            if (freeCpus[n.index()] > 1e-9 && freeMem[n.index()] > 1e-9) newLeases.add(lease(n));
        }
        return new BatchResult(placed, nanos, cpu);
    }

    @Override
    public void close() {
        if (scheduler != null) scheduler.shutdown();
        scheduler = null;
    }

    private ConstraintEvaluator constraint(Constraint c) {
        String attr = fenzoAttribute(c.field());
        switch (c.operator()) {
            case "UNIQUE":
                return attr == null ? new UniqueHostAttrConstraint(coTasksGetter)
                        : new UniqueHostAttrConstraint(coTasksGetter, attr);
            case "GROUP_BY":
                return new BalancedHostAttrConstraint(coTasksGetter, attr == null ? "HOSTNAME" : attr,
                        c.value() == null ? 1 : Integer.parseInt(c.value()));
            case "CLUSTER":
            case "IS":
                if (c.value() == null) throw new UnsupportedOperationException("CLUSTER without value");
                String v = c.value();
                return new HostAttrValueConstraint(attr, id -> v);
            case "LIKE":
                return new RegexConstraint(attr, c.value(), true);
            case "UNLIKE":
                return new RegexConstraint(attr, c.value(), false);
            default:
                throw new UnsupportedOperationException("no Fenzo mapping for " + c);
        }
    }

    /** Fenzo reads attributes from the lease's map; HOSTNAME (null here) means the lease's host name. */
    private static String fenzoAttribute(String field) {
        switch (field) {
            case "@hostname": return null;
            case "@zone": return Model.ZONE_LABEL;
            case "@region": return "topology.kubernetes.io/region";
            default: return field;
        }
    }

    /** LIKE / UNLIKE on a lease attribute (Fenzo 0.9.3 ships no regex constraint). */
    static final class RegexConstraint implements ConstraintEvaluator {
        private final String attr;
        private final Pattern pattern;
        private final boolean like;
        private final String name;

        RegexConstraint(String attr, String regex, boolean like) {
            this.attr = attr;
            this.pattern = Pattern.compile(regex);
            this.like = like;
            this.name = (like ? "LIKE-" : "UNLIKE-") + attr;
        }

        @Override public String getName() { return name; }

        @Override
        public Result evaluate(TaskRequest task, VirtualMachineCurrentState vm, TaskTrackerState state) {
            VirtualMachineLease lease = vm.getCurrAvailableResources();
            String value;
            if (attr == null) {
                value = lease.hostname();
            } else {
                Protos.Attribute a = lease.getAttributeMap() == null ? null : lease.getAttributeMap().get(attr);
                value = a == null ? null : a.getText().getValue();
            }
            if (value == null) return new Result(!like, attr + " unavailable");
            boolean m = pattern.matcher(value).matches();
            return new Result(m == like, like ? "not like" : "like");
        }
    }

    /** A task request for Fenzo. */
    static final class FenzoTask implements TaskRequest {
        final Task task;
        private final List<ConstraintEvaluator> hard;
        private AssignedResources assigned;

        FenzoTask(Task task, List<ConstraintEvaluator> hard) {
            this.task = task;
            this.hard = hard;
        }

        @Override public String getId() { return task.id(); }
        @Override public String taskGroupName() { return task.app().id; }
        @Override public double getCPUs() { return task.app().cpus; }
        @Override public double getMemory() { return task.app().memMiB; }
        @Override public double getNetworkMbps() { return 0; }
        @Override public double getDisk() { return 0; }
        @Override public int getPorts() { return 0; }
        @Override public Map<String, NamedResourceSetRequest> getCustomNamedResources() { return Collections.emptyMap(); }
        @Override public List<? extends ConstraintEvaluator> getHardConstraints() { return hard; }
        @Override public List<? extends VMTaskFitnessCalculator> getSoftConstraints() { return null; }
        @Override public void setAssignedResources(AssignedResources r) { this.assigned = r; }
        @Override public AssignedResources getAssignedResources() { return assigned; }
    }

    /** A lease (Mesos offer) with a node's free resources and its labels as text attributes. */
    static final class Lease implements VirtualMachineLease {
        private final String id;
        private final String host;
        private final double cpus;
        private final double mem;
        private final Map<String, Protos.Attribute> attrs;
        private final long offeredTime = System.currentTimeMillis();

        Lease(String id, String host, double cpus, double mem, Map<String, Protos.Attribute> attrs) {
            this.id = id;
            this.host = host;
            this.cpus = cpus;
            this.mem = mem;
            this.attrs = attrs;
        }

        @Override public String getId() { return id; }
        @Override public long getOfferedTime() { return offeredTime; }
        @Override public String hostname() { return host; }
        @Override public String getVMID() { return host; }
        @Override public double cpuCores() { return cpus; }
        @Override public double memoryMB() { return mem; }
        @Override public double networkMbps() { return 0; }
        @Override public double diskMB() { return 100_000; }
        @Override public List<Range> portRanges() { return Collections.emptyList(); }
        @Override public Protos.Offer getOffer() { return null; }
        @Override public Map<String, Protos.Attribute> getAttributeMap() { return attrs; }
    }
}
