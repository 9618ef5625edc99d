package dev.datacenter.operator.api;

import io.fabric8.generator.annotation.Default;

/** The load-balancing Service over ready instances. Enabled by default when the app has ports. */
public class ServiceSpec {
    private Boolean enabled;

    @Default("ClusterIP")
    private ServiceType type;

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public ServiceType getType() {
        return type;
    }

    public void setType(ServiceType type) {
        this.type = type;
    }
}
