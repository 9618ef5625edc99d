package dev.datacenter.operator.api;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** What happens when a pinned claim's node is lost: wait for it, or give the data up after a while. */
public class NodeLossPolicy {
    public static final int DEFAULT_AFTER_SECONDS = 900;
    /**
     * The shortest wait before data is given up: a node's Ready condition blips Unknown for a few seconds
     * on a busy cluster, and a Relocate after 0 s would delete a volume for that.
     */
    public static final int MIN_AFTER_SECONDS = 30;

    @Default("Wait")
    private NodeLossAction action;

    @Min(MIN_AFTER_SECONDS)
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
