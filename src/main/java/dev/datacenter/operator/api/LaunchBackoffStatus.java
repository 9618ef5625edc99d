package dev.datacenter.operator.api;

/**
 * The launch backoff's memory, kept in status so that a restarted operator or a new leader goes on delaying
 * where the last one left off: consecutive failures of revision {@code revision}, the newest at
 * {@code lastFailureTime}. Present while the backoff counts (until its quiet period is over).
 */
public class LaunchBackoffStatus {
    private Integer failures;
    private String lastFailureTime;
    private Long revision;

    public Integer getFailures() {
        return failures;
    }

    public void setFailures(Integer failures) {
        this.failures = failures;
    }

    public String getLastFailureTime() {
        return lastFailureTime;
    }

    public void setLastFailureTime(String lastFailureTime) {
        this.lastFailureTime = lastFailureTime;
    }

    public Long getRevision() {
        return revision;
    }

    public void setRevision(Long revision) {
        this.revision = revision;
    }
}
