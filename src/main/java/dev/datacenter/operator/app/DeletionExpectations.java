package dev.datacenter.operator.app;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pods the operator deleted that the informer cache may still show, by app: counted as
 * terminating until the cache drops them, so that a reconcile on a stale cache never stops more
 * instances than the upgrade strategy allows.
 */
@ApplicationScoped
public class DeletionExpectations {
    private final Map<String, Set<String>> deleted = new ConcurrentHashMap<>();

    public void expect(String appKey, String uid) {
        if (uid != null) {
            deleted.computeIfAbsent(appKey, k -> ConcurrentHashMap.newKeySet()).add(uid);
        }
    }

    /** The expected deletions still pending, after forgetting those no longer in {@code present}. */
    public Set<String> pending(String appKey, Set<String> present) {
        Set<String> uids = deleted.get(appKey);
        if (uids == null) {
            return Set.of();
        }
        uids.retainAll(present);
        if (uids.isEmpty()) {
            deleted.remove(appKey, uids);
        }
        return Set.copyOf(uids);
    }

    /** The deletion of {@code uid} failed: the pod is not expected to go. */
    public void unexpect(String appKey, String uid) {
        Set<String> uids = deleted.get(appKey);
        if (uids != null && uid != null) {
            uids.remove(uid);
        }
    }

    public void forget(String appKey) {
        deleted.remove(appKey);
    }
}
