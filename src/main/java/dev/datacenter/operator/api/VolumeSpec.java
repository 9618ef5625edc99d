package dev.datacenter.operator.api;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A per-instance persistent volume: instance i mounts claim i of the named PersistentVolumeClaimSet. */
public class VolumeSpec {
    @Required
    @Size(max = 63)
    @Pattern(Patterns.DNS_LABEL)
    private String name;

    @Required
    @Pattern("^/.*")
    private String mountPath;

    @Required
    @Size(max = 63)
    @Pattern(Patterns.DNS_LABEL)
    private String claimSet;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getMountPath() {
        return mountPath;
    }

    public void setMountPath(String mountPath) {
        this.mountPath = mountPath;
    }

    public String getClaimSet() {
        return claimSet;
    }

    public void setClaimSet(String claimSet) {
        this.claimSet = claimSet;
    }
}
