package dev.datacenter.operator.api;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A file fetched into {@code /mnt/artifacts} by an init container before the app starts. */
public class Artifact {
    @Required
    @Pattern("^(https?|ftp|file)://.+")
    private String uri;

    @Default("true")
    private Boolean extract;

    @Default("false")
    private Boolean executable;

    public String getUri() {
        return uri;
    }

    public void setUri(String uri) {
        this.uri = uri;
    }

    public Boolean getExtract() {
        return extract;
    }

    public void setExtract(Boolean extract) {
        this.extract = extract;
    }

    public Boolean getExecutable() {
        return executable;
    }

    public void setExecutable(Boolean executable) {
        this.executable = executable;
    }
}
