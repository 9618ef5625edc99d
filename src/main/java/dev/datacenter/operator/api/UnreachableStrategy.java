package dev.datacenter.operator.api;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Node loss: after inactiveAfterSeconds of the node being NotReady the instance is replaced
 * elsewhere; after expungeAfterSeconds the old instance is deleted.
 */
@ValidationRule(
        value =
                "!has(self.inactiveAfterSeconds) || !has(self.expungeAfterSeconds) || self.expungeAfterSeconds >= self.inactiveAfterSeconds",
        message = "expungeAfterSeconds must be greater than or equal to inactiveAfterSeconds",
        fieldPath = ".expungeAfterSeconds")
public class UnreachableStrategy {
    public static final int DEFAULT_INACTIVE_AFTER_SECONDS = 300;
    public static final int DEFAULT_EXPUNGE_AFTER_SECONDS = 600;

    @Min(1)
    @Default("300")
    @Max(864000)
    private Integer inactiveAfterSeconds;

    @Min(1)
    @Default("600")
    @Max(864000)
    private Integer expungeAfterSeconds;

    public Integer getInactiveAfterSeconds() {
        return inactiveAfterSeconds;
    }

    public void setInactiveAfterSeconds(Integer inactiveAfterSeconds) {
        this.inactiveAfterSeconds = inactiveAfterSeconds;
    }

    public Integer getExpungeAfterSeconds() {
        return expungeAfterSeconds;
    }

    public void setExpungeAfterSeconds(Integer expungeAfterSeconds) {
        this.expungeAfterSeconds = expungeAfterSeconds;
    }
}
