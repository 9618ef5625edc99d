package dev.datacenter.operator.api;

/** Present while the backoff holds launches back. */
public class LaunchDelay {
    private String untilTime;
    private Double currentSeconds;

    public String getUntilTime() {
        return untilTime;
    }

    public void setUntilTime(String untilTime) {
        this.untilTime = untilTime;
    }

    public Double getCurrentSeconds() {
        return currentSeconds;
    }

    public void setCurrentSeconds(Double currentSeconds) {
        this.currentSeconds = currentSeconds;
    }
}
