package dev.datacenter.operator.api;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * A readiness check: it becomes the pod's readiness probe. An instance receives traffic and counts
 * toward deployment progress only once ready.
 */
@ValidationRule(
        value = "self.protocol != 'COMMAND' || (has(self.command) && size(self.command) > 0)",
        message = "a COMMAND check needs a command",
        fieldPath = ".command")
@ValidationRule(
        value = "self.protocol == 'COMMAND' || has(self.portName)",
        message = "an HTTP, HTTPS or TCP check needs a portName naming one of the app's ports",
        fieldPath = ".portName")
public class ReadinessCheck {
    @Default("HTTP")
    private CheckProtocol protocol;

    @Pattern(Patterns.PORT_NAME)
    private String portName;

    @Default("/")
    @Pattern("^/.*")
    private String path;

    private List<String> command;

    @Min(1)
    @Default("30")
    @Max(86400)
    private Integer intervalSeconds;

    @Min(1)
    @Default("10")
    @Max(86400)
    private Integer timeoutSeconds;

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
}
