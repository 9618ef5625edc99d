package dev.datacenter.operator.api;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** Each instance goes to a node whose {@code field} value equals that of a node running {@code app}. */
public class Colocation {
    @Required
    @Pattern(Patterns.DNS_LABEL)
    private String app;

    @Default("\"@hostname\"")
    @Pattern(Patterns.ATTRIBUTE_FIELD)
    private String field;

    public String getApp() {
        return app;
    }

    public void setApp(String app) {
        this.app = app;
    }

    public String getField() {
        return field;
    }

    public void setField(String field) {
        this.field = field;
    }
}
