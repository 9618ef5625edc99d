package dev.datacenter.operator.api;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * A Marathon health check. It becomes the pod's liveness probe, and a startup probe that covers
 * {@code gracePeriodSeconds}. After {@code maxConsecutiveFailures} failures the instance is replaced.
 */
@ValidationRule(
        value = "self.protocol != 'COMMAND' || (has(self.command) && size(self.command) > 0)",
        message = "a COMMAND check needs a command",
        fieldPath = ".command")
@ValidationRule(
        value = "self.protocol == 'COMMAND' || has(self.portName)",
        message = "an HTTP, HTTPS or TCP check needs a portName naming one of the app's ports",
        fieldPath = ".portName")
public class HealthCheck {
    @Default("HTTP")
    private CheckProtocol protocol;

    @Pattern(Patterns.PORT_NAME)
    private String portName;

    @Default("/")
    @Pattern("^/.*")
    private String path;

    private List<String> command;

    @Min(0)
    @Default("300")
    @Max(86400)
    private Integer gracePeriodSeconds;

    @Min(1)
    @Default("60")
    @Max(86400)
    private Integer intervalSeconds;

    @Min(1)
    @Default("20")
    @Max(86400)
    private Integer timeoutSeconds;

    @Min(1)
    @Default("3")
    @Max(10000)
    private Integer maxConsecutiveFailures;

    public CheckProtocol getProtocol() {
        return protocol;
    }

    public void setProtocol(CheckProtocol protocol) {
        this.protocol = protocol;
    }

    public String getPortName() {
        return portName;
    }

    public void setPortName(String portName) {
        this.portName = portName;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public List<String> getCommand() {
        return command;
    }

    public void setCommand(List<String> command) {
        this.command = command;
    }

    public Integer getGracePeriodSeconds() {
        return gracePeriodSeconds;
    }

    public void setGracePeriodSeconds(Integer gracePeriodSeconds) {
        this.gracePeriodSeconds = gracePeriodSeconds;
    }

    public Integer getIntervalSeconds() {
        return intervalSeconds;
    }

    public void setIntervalSeconds(Integer intervalSeconds) {
        this.intervalSeconds = intervalSeconds;
    }

    public Integer getTimeoutSeconds() {
        return timeoutSeconds;
    }

    public void setTimeoutSeconds(Integer timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
    }

    public Integer getMaxConsecutiveFailures() {
        return maxConsecutiveFailures;
    }

    public void setMaxConsecutiveFailures(Integer maxConsecutiveFailures) {
        this.maxConsecutiveFailures = maxConsecutiveFailures;
    }
}
