package dev.datacenter.operator.api;

/** Regular expressions shared by the schema annotations (they end up in the CRDs). */
public final class Patterns {
    /** An RFC 1123 label: the name of a namespaced object, a pool, a port or a volume. */
    public static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
    /** A Marathon-style group path such as {@code /demo/frontend}. */
    public static final String GROUP_PATH = "^(/[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$";
    /** A constraint or colocation field: a node label key, or one of the aliases. */
    public static final String ATTRIBUTE_FIELD = "^(@hostname|@zone|@region|"
            + "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
            + "[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$";
    /** An IANA service name, as Kubernetes requires for a named container port. */
    public static final String PORT_NAME = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
    /** A Kubernetes environment variable name. */
    public static final String ENV_NAME = "^[-._a-zA-Z][-._a-zA-Z0-9]*$";

    private Patterns() {}
}
