package dev.datacenter.operator.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** Classifies failures of API calls. */
public final class ApiErrors {
    private ApiErrors() {}

    /** A 409 Conflict anywhere in the cause chain: someone else wrote first; read again and retry. */
    public static boolean isConflict(Throwable failure) {
        return hasCode(failure, 409);
    }

    public static boolean isNotFound(Throwable failure) {
        return hasCode(failure, 404);
    }

    private static boolean hasCode(Throwable failure, int code) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof KubernetesClientException e && e.getCode() == code) {
                return true;
            }
        }
        return false;
    }
}
