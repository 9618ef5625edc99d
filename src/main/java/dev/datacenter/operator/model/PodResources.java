package dev.datacenter.operator.model;

import dev.datacenter.operator.api.AppResources;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** An app's {@code resources} as container resource requirements: requests = limits. */
public final class PodResources {
    public static final String GPU = "nvidia.com/gpu";

    private PodResources() {}

    /**
     * cpu and memory always; {@code nvidia.com/gpu} when gpus > 0; {@code ephemeral-storage} when
     * disk > 0. Requests equal limits for every resource, so the pod is in the Guaranteed QoS class.
     */
    public static ResourceRequirements of(AppResources r) {
        Map<String, Quantity> amounts = new LinkedHashMap<>(cpuAndMemory(r));
        int gpus = SpecDefaults.or(r.getGpus(), 0);
        if (gpus > 0) {
            amounts.put(GPU, new Quantity(String.valueOf(gpus)));
        }
        if (positive(r.getDisk())) {
            amounts.put("ephemeral-storage", copy(r.getDisk()));
        }
        return requestsEqualLimits(amounts);
    }

    /** Like {@link #of} without GPUs: for the artifact fetcher, which needs no GPU. */
    public static ResourceRequirements withoutGpus(AppResources r) {
        Map<String, Quantity> amounts = new LinkedHashMap<>(cpuAndMemory(r));
        if (positive(r.getDisk())) {
            amounts.put("ephemeral-storage", copy(r.getDisk()));
        }
        return requestsEqualLimits(amounts);
    }

    private static Map<String, Quantity> cpuAndMemory(AppResources r) {
        Map<String, Quantity> amounts = new LinkedHashMap<>();
        amounts.put("cpu", copy(r.getCpus()));
        amounts.put("memory", copy(r.getMem()));
        return amounts;
    }

    private static ResourceRequirements requestsEqualLimits(Map<String, Quantity> amounts) {
        Map<String, Quantity> limits = new LinkedHashMap<>();
        amounts.forEach((k, v) -> limits.put(k, copy(v)));
        return new ResourceRequirementsBuilder()
                .withRequests(amounts)
                .withLimits(limits)
                .build();
    }

    private static boolean positive(Quantity q) {
        if (q == null) {
            return false;
        }
        try {
            return q.getNumericalAmount().compareTo(BigDecimal.ZERO) > 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Quantity copy(Quantity q) {
        return new Quantity(q.getAmount(), q.getFormat());
    }
}
