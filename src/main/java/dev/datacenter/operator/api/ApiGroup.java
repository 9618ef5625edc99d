package dev.datacenter.operator.api;

/** Names of the API group and the well-known labels and annotations of docs/api.md. */
public final class ApiGroup {
    public static final String GROUP = "datacenter.dev";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;
    public static final String CATEGORY = "datacenter";

    public static final String LABEL_APP = GROUP + "/app";
    public static final String LABEL_POOL = GROUP + "/pool";
    public static final String LABEL_REVISION = GROUP + "/revision";
    public static final String LABEL_INSTANCE = GROUP + "/instance";
    public static final String LABEL_GROUP = GROUP + "/group";
    public static final String LABEL_CLAIM_SET = GROUP + "/claim-set";
    public static final String LABEL_ORDINAL = GROUP + "/ordinal";
    public static final String LABEL_MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "datacenter-operator";

    public static final String ANNOTATION_NODE = GROUP + "/node";
    public static final String ANNOTATION_RESTART = GROUP + "/restart";
    public static final String ANNOTATION_ROLLBACK_TO = GROUP + "/rollback-to";
    public static final String ANNOTATION_PINNED_NODE = GROUP + "/pinned-node";
    public static final String ANNOTATION_WIPE = GROUP + "/wipe";
    public static final String ANNOTATION_PORT_RANGE = GROUP + "/port-range";
    /** On framework pods: Marathon constraints as JSON, {@code [["hostname","UNIQUE"]]}. */
    public static final String ANNOTATION_CONSTRAINTS = GROUP + "/constraints";
    /** On framework pods: the gang name; pods of one gang are placed all together or not at all. */
    public static final String ANNOTATION_GANG = GROUP + "/gang";
    /** On framework pods: how many pods the gang has in all. */
    public static final String ANNOTATION_GANG_SIZE = GROUP + "/gang-size";
    /** On framework pods: an integer, default 0; a higher priority goes first within its pool. */
    public static final String ANNOTATION_PRIORITY = GROUP + "/priority";

    public static final String DEFAULT_POOL = "default";

    private ApiGroup() {}
}
