package dev.datacenter.operator.api;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Relaunch delay after failures: seconds × factor^(failures - 1), capped at maxLaunchDelaySeconds. */
public class Backoff {
    public static final double DEFAULT_SECONDS = 1.0;
    public static final double DEFAULT_FACTOR = 1.15;
    public static final double DEFAULT_MAX_LAUNCH_DELAY_SECONDS = 300;

    @Min(0)
    @Default("1.0")
    @Max(86400)
    private Double seconds;

    @Min(1)
    @Default("1.15")
    @Max(100)
    private Double factor;

    @Min(0)
    @Default("300")
    @Max(86400)
    private Double maxLaunchDelaySeconds;

    public Double getSeconds() {
        return seconds;
    }

    public void setSeconds(Double seconds) {
        this.seconds = seconds;
    }

    public Double getFactor() {
        return factor;
    }

    public void setFactor(Double factor) {
        this.factor = factor;
    }

    public Double getMaxLaunchDelaySeconds() {
        return maxLaunchDelaySeconds;
    }

    public void setMaxLaunchDelaySeconds(Double maxLaunchDelaySeconds) {
        this.maxLaunchDelaySeconds = maxLaunchDelaySeconds;
    }
}
