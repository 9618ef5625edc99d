package dev.datacenter.operator.model;

import dev.datacenter.operator.api.ApiGroup;
import dev.datacenter.operator.api.Artifact;
import dev.datacenter.operator.api.Backoff;
import dev.datacenter.operator.api.CheckProtocol;
import dev.datacenter.operator.api.DataCenterAppSpec;
import dev.datacenter.operator.api.KillSelection;
import dev.datacenter.operator.api.PortProtocol;
import dev.datacenter.operator.api.PortSpec;
import dev.datacenter.operator.api.UpgradeStrategy;
import java.util.List;

/**
 * The effective value of every optional field, as the CRD defaults it. The API server applies these
 * defaults, but objects that never went through it (the in-process API, tests) may lack them, and a
 * field left out must mean the same as the default written out.
 */
public final class SpecDefaults {
    public static final int TASK_KILL_GRACE_PERIOD_SECONDS = 30;
    public static final int HEALTH_GRACE_PERIOD_SECONDS = 300;
    public static final int HEALTH_INTERVAL_SECONDS = 60;
    public static final int HEALTH_TIMEOUT_SECONDS = 20;
    public static final int HEALTH_MAX_CONSECUTIVE_FAILURES = 3;
    public static final int READINESS_INTERVAL_SECONDS = 30;
    public static final int READINESS_TIMEOUT_SECONDS = 10;

    private SpecDefaults() {}

    /** {@code value}, or {@code fallback} when it is null. */
    public static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    /** {@code list}, or an empty list when it is null. */
    public static <T> List<T> list(List<T> list) {
        return list != null ? list : List.of();
    }

    public static String pool(DataCenterAppSpec spec) {
        String pool = spec.getPool();
        return pool == null || pool.isEmpty() ? ApiGroup.DEFAULT_POOL : pool;
    }

    public static int instances(DataCenterAppSpec spec) {
        return or(spec.getInstances(), 1);
    }

    public static int taskKillGracePeriodSeconds(DataCenterAppSpec spec) {
        return or(spec.getTaskKillGracePeriodSeconds(), TASK_KILL_GRACE_PERIOD_SECONDS);
    }

    /** {@code unreachableStrategy.inactiveAfterSeconds}, 300 when unset. */
    public static int inactiveAfterSeconds(DataCenterAppSpec spec) {
        dev.datacenter.operator.api.UnreachableStrategy u = spec.getUnreachableStrategy();
        return u == null || u.getInactiveAfterSeconds() == null
                ? dev.datacenter.operator.api.UnreachableStrategy.DEFAULT_INACTIVE_AFTER_SECONDS
                : u.getInactiveAfterSeconds();
    }

    public static KillSelection killSelection(DataCenterAppSpec spec) {
        return or(spec.getKillSelection(), KillSelection.YoungestFirst);
    }

    public static PortProtocol protocol(PortSpec port) {
        return or(port.getProtocol(), PortProtocol.TCP);
    }

    public static CheckProtocol protocol(CheckProtocol protocol) {
        return or(protocol, CheckProtocol.HTTP);
    }

    public static String path(String path) {
        return path == null || path.isEmpty() ? "/" : path;
    }

    public static boolean extract(Artifact artifact) {
        return or(artifact.getExtract(), true);
    }

    public static boolean executable(Artifact artifact) {
        return or(artifact.getExecutable(), false);
    }

    /**
     * The effective minimumHealthCapacity: as given, else 1.0, or 0.5 for an app with claim-set volumes
     * (it rolls with no over-capacity, so 1.0 could never stop an old instance: Marathon's resident-app
     * default).
     */
    public static double minimumHealthCapacity(DataCenterAppSpec spec) {
        UpgradeStrategy s = spec.getUpgradeStrategy();
        double fallback = hasClaimSetVolumes(spec)
                ? UpgradeStrategy.DEFAULT_RESIDENT_MINIMUM_HEALTH_CAPACITY
                : UpgradeStrategy.DEFAULT_MINIMUM_HEALTH_CAPACITY;
        return s == null ? fallback : or(s.getMinimumHealthCapacity(), fallback);
    }

    public static double maximumOverCapacity(DataCenterAppSpec spec) {
        UpgradeStrategy s = spec.getUpgradeStrategy();
        return s == null
                ? UpgradeStrategy.DEFAULT_MAXIMUM_OVER_CAPACITY
                : or(s.getMaximumOverCapacity(), UpgradeStrategy.DEFAULT_MAXIMUM_OVER_CAPACITY);
    }

    /** True when the app mounts a PersistentVolumeClaimSet (it must then roll with no over-capacity). */
    public static boolean hasClaimSetVolumes(DataCenterAppSpec spec) {
        return !list(spec.getVolumes()).isEmpty();
    }

    public static double backoffSeconds(Backoff b) {
        return b == null ? Backoff.DEFAULT_SECONDS : or(b.getSeconds(), Backoff.DEFAULT_SECONDS);
    }

    public static double backoffFactor(Backoff b) {
        return b == null ? Backoff.DEFAULT_FACTOR : or(b.getFactor(), Backoff.DEFAULT_FACTOR);
    }

    public static double maxLaunchDelaySeconds(Backoff b) {
        return b == null
                ? Backoff.DEFAULT_MAX_LAUNCH_DELAY_SECONDS
                : or(b.getMaxLaunchDelaySeconds(), Backoff.DEFAULT_MAX_LAUNCH_DELAY_SECONDS);
    }
}
