package dev.datacenter.operator.api;

import io.fabric8.generator.annotation.Default;

/** Whether claims outlive a scale-down and the deletion of the app or set. Retain unless told. */
public class RetentionPolicy {
    @Default("Retain")
    private RetentionAction whenScaled;

    @Default("Retain")
    private RetentionAction whenDeleted;

    public RetentionAction getWhenScaled() {
        return whenScaled;
    }

    public void setWhenScaled(RetentionAction whenScaled) {
        this.whenScaled = whenScaled;
    }

    public RetentionAction getWhenDeleted() {
        return whenDeleted;
    }

    public void setWhenDeleted(RetentionAction whenDeleted) {
        this.whenDeleted = whenDeleted;
    }
}
