package dev.datacenter.operator.api;

/** The app's current rollout. */
public class DeploymentStatus {
    private Long revision;
    private DeploymentPhase phase;
    private String step;

    public Long getRevision() {
        return revision;
    }

    public void setRevision(Long revision) {
        this.revision = revision;
    }

    public DeploymentPhase getPhase() {
        return phase;
    }

    public void setPhase(DeploymentPhase phase) {
        this.phase = phase;
    }

    public String getStep() {
        return step;
    }

    public void setStep(String step) {
        this.step = step;
    }
}
