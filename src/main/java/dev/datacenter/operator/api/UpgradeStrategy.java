package dev.datacenter.operator.api;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/**
 * Rolling deployments: never fewer than ceil(minimumHealthCapacity × instances) ready instances, never
 * more than instances + floor(maximumOverCapacity × instances) instances.
 */
public class UpgradeStrategy {
    public static final double DEFAULT_MINIMUM_HEALTH_CAPACITY = 1.0;
    public static final double DEFAULT_MAXIMUM_OVER_CAPACITY = 1.0;

    @Min(0)
    @Max(1)
    @Default("1.0")
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
