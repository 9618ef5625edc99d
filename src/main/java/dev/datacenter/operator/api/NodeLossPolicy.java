package dev.datacenter.operator.api;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** What happens when a pinned claim's node is lost: wait for it, or give the data up after a while. */
public class NodeLossPolicy {
    public static final int DEFAULT_AFTER_SECONDS = 900;

    @Default("Wait")
    private NodeLossAction action;

    @Min(0)
    @Default("900")
    @Max(864000)
    private Integer afterSeconds;

    public NodeLossAction getAction() {
        return action;
    }

    public void setAction(NodeLossAction action) {
        this.action = action;
    }

    public Integer getAfterSeconds() {
        return afterSeconds;
    }

    public void setAfterSeconds(Integer afterSeconds) {
        this.afterSeconds = afterSeconds;
    }
}
