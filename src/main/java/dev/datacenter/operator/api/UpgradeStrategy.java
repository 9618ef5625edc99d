package dev.datacenter.operator.api;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/**
 * Rolling deployments: never fewer than ceil(minimumHealthCapacity × instances) ready instances, never
 * more than instances + floor(maximumOverCapacity × instances) instances.
 * <p>
 * Unset fields take the defaults below. minimumHealthCapacity is deliberately not defaulted in the CRD:
 * an app with claim-set volumes rolls with no over-capacity, so its default is 0.5 (Marathon's default
 * for resident apps) where every other app's is 1.0.
 */
public class UpgradeStrategy {
    public static final double DEFAULT_MINIMUM_HEALTH_CAPACITY = 1.0;
    public static final double DEFAULT_MAXIMUM_OVER_CAPACITY = 1.0;
    public static final double DEFAULT_RESIDENT_MINIMUM_HEALTH_CAPACITY = 0.5;

    @Min(0)
    @Max(1)
    private Double minimumHealthCapacity;

    @Min(0)
    @Max(1)
    @Default("1.0")
    private Double maximumOverCapacity;

    public Double getMinimumHealthCapacity() {
        return minimumHealthCapacity;
    }

    public void setMinimumHealthCapacity(Double minimumHealthCapacity) {
        this.minimumHealthCapacity = minimumHealthCapacity;
    }

    public Double getMaximumOverCapacity() {
        return maximumOverCapacity;
    }

    public void setMaximumOverCapacity(Double maximumOverCapacity) {
        this.maximumOverCapacity = maximumOverCapacity;
    }
}
