package dev.datacenter.operator.cluster;

import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.PersistentVolumeClaimSet;
import dev.datacenter.operator.api.ResourcePool;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * Read-only queries over the informers' caches. The objects returned are the cache's own: never
 * modify them (clone first). Before the informers start, every query answers empty.
 */
@ApplicationScoped
public class ClusterCache {

    @Inject
    InformerCache informers;

    public Optional<DataCenterApp> app(String namespace, String name) {
        return get(informers.apps(), CacheIndexes.key(namespace, name));
    }

    public List<DataCenterApp> apps() {
        return list(informers.apps());
    }

    public List<DataCenterApp> apps(String namespace) {
        return byIndex(informers.apps(), TypedStore.BY_NAMESPACE, namespace);
    }

    /** Apps whose {@code spec.pool} names this pool ("default" when unset). */
    public List<DataCenterApp> appsInPool(String pool) {
        return byIndex(informers.apps(), CacheIndexes.BY_POOL, pool);
    }

    public List<DataCenterApp> appsUsingClaimSet(String namespace, String claimSet) {
        return byIndex(informers.apps(), CacheIndexes.BY_CLAIM_SET, CacheIndexes.key(namespace, claimSet));
    }

    /** Apps of the namespace that list {@code app} in {@code spec.dependencies}. */
    public List<DataCenterApp> dependentsOf(String namespace, String app) {
        return byIndex(informers.apps(), CacheIndexes.BY_DEPENDENCY, CacheIndexes.key(namespace, app));
    }

    public Optional<ResourcePool> pool(String name) {
        return get(informers.pools(), name);
    }

    public List<ResourcePool> pools() {
        return list(informers.pools());
    }

    public Optional<PersistentVolumeClaimSet> claimSet(String namespace, String name) {
        return get(informers.claimSets(), CacheIndexes.key(namespace, name));
    }

    public List<PersistentVolumeClaimSet> claimSets() {
        return list(informers.claimSets());
    }

    public Optional<Node> node(String name) {
        return get(informers.nodes(), name);
    }

    public List<Node> nodes() {
        return list(informers.nodes());
    }

    public Optional<Pod> pod(String namespace, String name) {
        return get(informers.pods(), CacheIndexes.key(namespace, name));
    }

    /** Every pod of the cluster, ours or not. */
    public List<Pod> pods() {
        return list(informers.pods());
    }

    /** Pods bound to the node, plus pods of ours not bound yet whose offer was accepted on it. */
    public List<Pod> podsOnNode(String node) {
        return byIndex(informers.pods(), CacheIndexes.BY_NODE, node);
    }

    /**
     * The app whose {@code datacenter.dev/app} label value this is: for a name of at most 63 characters the
     * name itself, for a longer one its shortened form ({@link dev.datacenter.operator.model.Names#appLabel}).
     */
    public Optional<DataCenterApp> appOfLabel(String namespace, String label) {
        List<DataCenterApp> apps = byIndex(informers.apps(), CacheIndexes.BY_LABEL, CacheIndexes.key(namespace, label));
        return apps.stream().findFirst();
    }

    /** The name of the app whose label value this is, or the label value itself when no such app is known. */
    public String appNameOfLabel(String namespace, String label) {
        return appOfLabel(namespace, label).map(a -> a.getMetadata().getName()).orElse(label);
    }

    /** The app's pods, found by its label value: {@code app} may be the app's name or that label value. */
    public List<Pod> podsOfApp(String namespace, String app) {
        return byIndex(informers.pods(), CacheIndexes.BY_APP, CacheIndexes.labelKey(namespace, app));
    }

    /** A PVC the operator manages (only those are cached), by name. */
    public Optional<PersistentVolumeClaim> claim(String namespace, String name) {
        return get(informers.claims(), CacheIndexes.key(namespace, name));
    }

    public List<PersistentVolumeClaim> claimsOfApp(String namespace, String app) {
        return byIndex(informers.claims(), CacheIndexes.BY_APP, CacheIndexes.labelKey(namespace, app));
    }

    public List<PersistentVolumeClaim> claimsOfSet(String namespace, String claimSet) {
        return byIndex(informers.claims(), CacheIndexes.BY_CLAIM_SET, CacheIndexes.key(namespace, claimSet));
    }

    public List<ControllerRevision> revisionsOfApp(String namespace, String app) {
        return byIndex(informers.revisions(), CacheIndexes.BY_APP, CacheIndexes.labelKey(namespace, app));
    }

    private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> Optional<T> get(
            TypedStore<T> store, String key) {
        return store == null ? Optional.empty() : store.get(key);
    }

    private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> List<T> list(TypedStore<T> store) {
        return store == null ? List.of() : store.list();
    }

    private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> List<T> byIndex(
            TypedStore<T> store, String index, String key) {
        return store == null ? List.of() : store.byIndex(index, key);
    }

    private static <T> Optional<T> get(SharedIndexInformer<T> informer, String key) {
        return informer == null
                ? Optional.empty()
                : Optional.ofNullable(informer.getStore().getByKey(key));
    }

    private static <T> List<T> list(SharedIndexInformer<T> informer) {
        return informer == null ? List.of() : informer.getStore().list();
    }

    private static <T> List<T> byIndex(SharedIndexInformer<T> informer, String index, String key) {
        return informer == null ? List.of() : informer.getIndexer().byIndex(index, key);
    }
}
