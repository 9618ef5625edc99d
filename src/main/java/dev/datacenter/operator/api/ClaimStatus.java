package dev.datacenter.operator.api;

/** One claim of a set: which instance uses it, and where its data lives. */
public class ClaimStatus {
    private Integer ordinal;
    private String name;
    private ClaimPhase phase;
    private String node;
    private String instance;
    private String since;

    public Integer getOrdinal() {
        return ordinal;
    }

    public void setOrdinal(Integer ordinal) {
        this.ordinal = ordinal;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public ClaimPhase getPhase() {
        return phase;
    }

    public void setPhase(ClaimPhase phase) {
        this.phase = phase;
    }

    public String getNode() {
        return node;
    }

    public void setNode(String node) {
        this.node = node;
    }

    public String getInstance() {
        return instance;
    }

    public void setInstance(String instance) {
        this.instance = instance;
    }

    public String getSince() {
        return since;
    }

    public void setSince(String since) {
        this.since = since;
    }
}
