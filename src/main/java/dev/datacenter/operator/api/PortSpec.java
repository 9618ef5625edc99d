package dev.datacenter.operator.api;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * A port of the container. {@code hostPort: 0} asks for a dynamic host port from the node's port
 * range; an absent {@code hostPort} means no host port. The container sees the assigned host ports
 * as {@code PORT0..PORTn} and {@code PORT_<NAME>}.
 */
public class PortSpec {
    @Required
    @Size(min = 1, max = 15)
    @Pattern(Patterns.PORT_NAME)
    private String name;

    @Required
    @Min(1)
    @Max(65535)
    private Integer containerPort;

    @Min(0)
    @Max(65535)
    private Integer hostPort;

    @Default("TCP")
    @Size(max = 4)
    private PortProtocol protocol;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Integer getContainerPort() {
        return containerPort;
    }

    public void setContainerPort(Integer containerPort) {
        this.containerPort = containerPort;
    }

    public Integer getHostPort() {
        return hostPort;
    }

    public void setHostPort(Integer hostPort) {
        this.hostPort = hostPort;
    }

    public PortProtocol getProtocol() {
        return protocol;
    }

    public void setProtocol(PortProtocol protocol) {
        this.protocol = protocol;
    }
}
