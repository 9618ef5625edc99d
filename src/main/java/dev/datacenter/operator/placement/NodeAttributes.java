package dev.datacenter.operator.placement;

import java.util.Map;

/** Resolves a constraint field (label key or alias) to a node's attribute value. */
public final class NodeAttributes {

    public static final String HOSTNAME = "@hostname";
    public static final String ZONE = "@zone";
    public static final String REGION = "@region";
    public static final String ZONE_LABEL = "topology.kubernetes.io/zone";
    public static final String REGION_LABEL = "topology.kubernetes.io/region";

    private NodeAttributes() {}

    /** The canonical form of a field: {@code hostname} becomes {@code @hostname}; others unchanged. */
    public static String canonical(String field) {
        return "hostname".equals(field) ? HOSTNAME : field;
    }

    public static boolean isHostname(String field) {
        return HOSTNAME.equals(canonical(field));
    }

    /** The node's value for the field, or null when the node lacks the attribute. */
    public static String value(String field, String nodeName, Map<String, String> labels) {
        return switch (canonical(field)) {
            case HOSTNAME -> nodeName;
            case ZONE -> labels.get(ZONE_LABEL);
            case REGION -> labels.get(REGION_LABEL);
            default -> labels.get(field);
        };
    }
}
