package dev.datacenter.operator.claims;

import dev.datacenter.operator.api.ApiGroup;
import dev.datacenter.operator.api.ClaimPhase;
import dev.datacenter.operator.api.ClaimStatus;
import dev.datacenter.operator.api.ConditionReasons;
import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.api.PersistentVolumeClaimSet;
import dev.datacenter.operator.app.AppInstances;
import dev.datacenter.operator.claims.ClaimSetPlan.AppUse;
import dev.datacenter.operator.claims.ClaimSetPlan.GiveUp;
import dev.datacenter.operator.claims.ClaimSetPlan.NodeHealth;
import dev.datacenter.operator.cluster.ClusterCache;
import dev.datacenter.operator.cluster.StatusWriter;
import dev.datacenter.operator.inventory.EngineInputs;
import dev.datacenter.operator.model.ClaimTemplateChecks;
import dev.datacenter.operator.model.Names;
import dev.datacenter.operator.model.SpecDefaults;
import dev.datacenter.operator.runtime.ReconcileQueue;
import dev.datacenter.operator.runtime.Reconciler;
import dev.datacenter.operator.runtime.ResourceKey;
import dev.datacenter.operator.runtime.ResourceKind;
import dev.datacenter.operator.status.ActionFailures;
import dev.datacenter.operator.status.ClaimSetStatusAggregator;
import dev.datacenter.operator.status.ClaimSetStatusAggregator.Abandoned;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reconciles a PersistentVolumeClaimSet, a chain of short steps: carry out a {@code datacenter.dev/wipe};
 * record where each bound claim's data lives ({@code datacenter.dev/pinned-node}); give claims up only
 * where the set's policies say so ({@link ClaimSetPlan}: Relocate after a node loss, retention Delete);
 * write status. The claims themselves are created as the apps scale up ({@link AppClaims}).
 */
@ApplicationScoped
public class PersistentVolumeClaimSetReconciler implements Reconciler {

    @Inject
    ClusterCache cache;

    @Inject
    StatusWriter statusWriter;

    @Inject
    ClaimOperations claims;

    @Inject
    InstanceReleaser releaser;

    @Inject
    ObjectEvents events;

    @Inject
    ReconcileQueue queue;

    @Inject
    ClaimSetFinalizer finalizer;

    @Inject
    ClaimConflicts conflicts;

    private final ClaimSetStatusAggregator aggregator = new ClaimSetStatusAggregator();
    /** When each lost claim (namespace/name) was first seen lost: a node that is gone has no NotReady time. */
    private final Map<String, Instant> lostSince = new ConcurrentHashMap<>();
    /** The set's resourceVersion at its last wipe: a cached copy still showing that annotation is not wiped twice. */
    private final Map<ResourceKey, String> wipedAt = new ConcurrentHashMap<>();
    /**
     * The newest action of each set this process carried out: the refusal, or empty when it succeeded (so a
     * refusal the cached status still shows is not carried over a later success).
     */
    private final Map<ResourceKey, Optional<Condition>> lastActionFailed = new ConcurrentHashMap<>();
    /** The newest abandonment of each set. */
    private final Map<ResourceKey, Abandoned> lastAbandoned = new ConcurrentHashMap<>();

    @Override
    public ResourceKind kind() {
        return ResourceKind.PERSISTENT_VOLUME_CLAIM_SET;
    }

    @Override
    public void reconcile(ResourceKey key) {
        Optional<PersistentVolumeClaimSet> found = cache.claimSet(key.namespace(), key.name());
        if (found.isEmpty()) {
            lastAbandoned.remove(key);
            lastActionFailed.remove(key);
            wipedAt.remove(key);
            return;
        }
        PersistentVolumeClaimSet set = found.get();
        if (finalizer.handleDeletion(set) || finalizer.ensure(set)) {
            return; // deleted: its claims were kept or left to the policy; or the finalizer was just added
        }
        Instant now = Instant.now();
        List<PersistentVolumeClaim> current = new ArrayList<>();
        List<String> conflicting = new ArrayList<>();
        for (PersistentVolumeClaim claim : cache.claimsOfSet(key.namespace(), key.name())) {
            Optional<io.fabric8.kubernetes.api.model.OwnerReference> owner = ClaimOwnership.foreignOwner(claim, set);
            if (owner.isEmpty()) {
                current.add(claim);
            } else {
                conflicting.add("PersistentVolumeClaim " + claim.getMetadata().getName() + " is labelled for set "
                        + set.getMetadata().getName() + " but owned by "
                        + owner.get().getKind() + " "
                        + owner.get().getName() + " (uid " + owner.get().getUid() + ")");
            }
        }
        for (String c : conflicts.of(key)) {
            if (!conflicting.contains(c)) {
                conflicting.add(c);
            }
        }
        if (!conflicting.isEmpty()) {
            events.recordOnChange(
                    set, ObjectEvents.WARNING, ConditionReasons.CLAIM_CONFLICT, String.join("; ", conflicting));
        }
        WipeOutcome wipe = wipe(key, set, current, now);
        Optional<Abandoned> abandoned = wipe.abandoned();
        recordPins(current);
        ClaimSetPlan.Plan plan = ClaimSetPlan.of(new ClaimSetPlan.Input(
                set.getSpec(),
                current,
                appsOf(set),
                this::health,
                lostSince(set),
                ClaimSetPlan.byName(
                        set.getStatus() == null ? null : set.getStatus().getClaims()),
                now));
        for (GiveUp g : plan.giveUp()) {
            Optional<Abandoned> given = giveUp(set, g);
            if (given.isPresent()) {
                abandoned = given;
            }
        }
        if (abandoned.isPresent()) {
            lastAbandoned.put(key, abandoned.get());
        } else {
            abandoned =
                    Optional.ofNullable(lastAbandoned.get(key)); // the cache may not show the status written last yet
        }
        remember(key, plan.claims());
        Optional<Condition> actionFailed = actionFailed(key, set, wipe);
        statusWriter.writeIfChanged(
                withoutDoneWipe(set),
                aggregator.aggregate(
                        set,
                        plan.claims(),
                        abandoned,
                        ClaimTemplateChecks.problems(set.getSpec().getTemplate()),
                        conflicting,
                        actionFailed,
                        now));
        plan.recheckAfter().ifPresent(d -> queue.enqueueAfter(key, d.plusMillis(100)));
    }

    /**
     * What a wipe did this round.
     *
     * @param acted whether a wipe annotation was handled (carried out or refused)
     * @param failure the refusal of an invalid one
     */
    record WipeOutcome(boolean acted, Optional<Abandoned> abandoned, Optional<Condition> failure) {
        static final WipeOutcome NONE = new WipeOutcome(false, Optional.empty(), Optional.empty());
    }

    /**
     * The wipe annotation: delete that ordinal's claims and instances so each relocates with a fresh volume.
     * Only an exact ordinal ({@code "1"}, spaces around it ignored) of which the set has a claim wipes;
     * anything else ({@code "-1"}, {@code "01"}, {@code "999"}, {@code "abc"}) changes nothing and is reported:
     * an {@code InvalidWipe} event and the {@code ActionFailed} condition. The annotation is removed either
     * way, so a refused value can never wipe later (when the app grows to ordinal 999).
     */
    private WipeOutcome wipe(
            ResourceKey key, PersistentVolumeClaimSet set, List<PersistentVolumeClaim> current, Instant now) {
        Map<String, String> annotations = set.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(ApiGroup.ANNOTATION_WIPE);
        String version = set.getMetadata().getResourceVersion();
        if (value == null || (version != null && version.equals(wipedAt.get(key)))) {
            return WipeOutcome.NONE; // none, or done already and the cache does not show the annotation removed yet
        }
        Optional<Integer> ordinal = WipeRequest.ordinal(value);
        List<PersistentVolumeClaim> targets = ordinal.map(o -> current.stream()
                        .filter(c -> o.equals(ClaimPins.ordinal(c)) && !ClaimPins.deleting(c))
                        .toList())
                .orElse(List.of());
        if (targets.isEmpty()) {
            String message = ApiGroup.ANNOTATION_WIPE + ": \"" + value + "\" "
                    + (ordinal.isEmpty()
                            ? "is not a claim ordinal (a whole number such as \"0\")"
                            : "names no claim of this set (ordinals: " + ordinals(current) + ")")
                    + "; nothing was wiped and the annotation is removed";
            events.record(set, ObjectEvents.WARNING, ActionFailures.INVALID_WIPE, message);
            claims.wipeDone(set);
            wipedAt.put(key, version == null ? "" : version);
            return new WipeOutcome(
                    true,
                    Optional.empty(),
                    Optional.of(ActionFailures.failed(
                            ActionFailures.INVALID_WIPE,
                            message,
                            set.getMetadata().getGeneration(),
                            now)));
        }
        List<String> wiped = new ArrayList<>();
        for (PersistentVolumeClaim claim : targets) {
            releaser.release(set.getMetadata().getNamespace(), ClaimPins.appLabel(claim), ordinal.get(), null);
            claims.delete(claim);
            current.remove(claim);
            wiped.add(claim.getMetadata().getName()
                    + ClaimPins.placementNode(claim).map(n -> " on node " + n).orElse(""));
        }
        claims.wipeDone(set);
        wipedAt.put(key, version == null ? "" : version);
        String message = "wiped ordinal " + ordinal.get() + ": " + String.join(", ", wiped)
                + " deleted with its data; the instance relocates with a fresh claim";
        events.record(set, ObjectEvents.WARNING, "Wiped", message);
        return new WipeOutcome(true, Optional.of(new Abandoned("Wiped", message)), Optional.empty());
    }

    private static String ordinals(List<PersistentVolumeClaim> claims) {
        String list = claims.stream()
                .map(ClaimPins::ordinal)
                .filter(java.util.Objects::nonNull)
                .distinct()
                .sorted()
                .map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(", "));
        return list.isEmpty() ? "none" : list;
    }

    /**
     * The ActionFailed condition to show: this round's refusal; none after a wipe was carried out; else
     * the one shown before, while the set's spec is unchanged (the cache may not show it written yet).
     */
    private Optional<Condition> actionFailed(ResourceKey key, PersistentVolumeClaimSet set, WipeOutcome wipe) {
        Long generation = set.getMetadata().getGeneration();
        if (wipe.acted()) {
            lastActionFailed.put(key, wipe.failure());
            return wipe.failure();
        }
        Optional<Condition> remembered = lastActionFailed.get(key);
        if (remembered != null) {
            return remembered.filter(c -> java.util.Objects.equals(c.getObservedGeneration(), generation));
        }
        return ActionFailures.carried(
                set.getStatus() == null ? null : set.getStatus().getConditions(), generation);
    }

    /**
     * The set to write status through: any wipe annotation the cached copy still shows was carried out
     * above, so it is left out (an API server that stores the whole object on a status write, as the
     * in-process one does, would otherwise bring it back and the wipe would run again).
     */
    private PersistentVolumeClaimSet withoutDoneWipe(PersistentVolumeClaimSet set) {
        Map<String, String> annotations = set.getMetadata().getAnnotations();
        if (annotations == null || !annotations.containsKey(ApiGroup.ANNOTATION_WIPE)) {
            return set;
        }
        PersistentVolumeClaimSet copy = Serialization.clone(set);
        copy.getMetadata().getAnnotations().remove(ApiGroup.ANNOTATION_WIPE);
        return copy;
    }

    /** Bound claims with no recorded pin get one: the selected node, else the bound volume's node affinity. */
    private void recordPins(List<PersistentVolumeClaim> current) {
        for (PersistentVolumeClaim claim : current) {
            if (ClaimPins.deleting(claim) || ClaimPins.pinnedNode(claim).isPresent()) {
                continue;
            }
            ClaimPins.boundNode(claim, claims::volume).map(this::nodeName).ifPresent(node -> claims.pin(claim, node));
        }
    }

    /** A node name from a hostname label value (they usually agree). */
    private String nodeName(String hostnameOrName) {
        if (cache.node(hostnameOrName).isPresent()) {
            return hostnameOrName;
        }
        return cache.nodes().stream()
                .filter(n -> n.getMetadata().getLabels() != null
                        && hostnameOrName.equals(n.getMetadata().getLabels().get(ClaimPins.HOSTNAME)))
                .map(n -> n.getMetadata().getName())
                .findFirst()
                .orElse(hostnameOrName);
    }

    private Optional<Abandoned> giveUp(PersistentVolumeClaimSet set, GiveUp g) {
        String namespace = set.getMetadata().getNamespace();
        lostSince.remove(namespace + "/" + g.claim().getMetadata().getName());
        if (!claims.delete(g.claim())) {
            return Optional.empty(); // gone or replaced already: the cache was behind
        }
        if (g.reason() != ClaimSetPlan.Reason.RELOCATE) {
            events.record(set, ObjectEvents.NORMAL, "ClaimDeleted", g.message());
            return Optional.empty();
        }
        releaser.release(namespace, g.app(), g.ordinal(), g.node());
        cache.app(namespace, g.app())
                .ifPresent(app -> claims.create(set, app.getMetadata().getName(), g.ordinal()));
        events.record(set, ObjectEvents.WARNING, "DataAbandoned", g.message());
        return Optional.of(new Abandoned("Relocated", g.message()));
    }

    /** The apps using the set (and any app owning one of its claims), by their app label. */
    private Map<String, AppUse> appsOf(PersistentVolumeClaimSet set) {
        String namespace = set.getMetadata().getNamespace();
        Map<String, AppUse> out = new HashMap<>();
        List<DataCenterApp> apps = new ArrayList<>(
                cache.appsUsingClaimSet(namespace, set.getMetadata().getName()));
        for (PersistentVolumeClaim c :
                cache.claimsOfSet(namespace, set.getMetadata().getName())) {
            String label = ClaimPins.appLabel(c);
            if (label != null
                    && apps.stream()
                            .noneMatch(a ->
                                    label.equals(Names.appLabel(a.getMetadata().getName())))) {
                cache.app(namespace, label).ifPresent(apps::add);
            }
        }
        for (DataCenterApp app : apps) {
            Map<Integer, String> live = new HashMap<>();
            for (Pod pod : cache.podsOfApp(namespace, app.getMetadata().getName())) {
                Integer ordinal = ClaimPins.intLabel(pod.getMetadata().getLabels(), ApiGroup.LABEL_ORDINAL);
                if (ordinal != null) {
                    live.put(
                            ordinal,
                            pod.getMetadata()
                                    .getLabels()
                                    .getOrDefault(
                                            ApiGroup.LABEL_INSTANCE,
                                            pod.getMetadata().getName()));
                }
            }
            out.put(
                    Names.appLabel(app.getMetadata().getName()),
                    new AppUse(app.getMetadata().getName(), SpecDefaults.instances(app.getSpec()), live));
        }
        return out;
    }

    private NodeHealth health(String name) {
        Optional<Node> node = cache.node(name);
        if (node.isEmpty()) {
            return NodeHealth.GONE;
        }
        boolean ready = EngineInputs.ready(node.get());
        return new NodeHealth(
                true,
                ready,
                ready
                        ? null
                        : AppInstances.notReadySince(node.get(), Instant.now()).orElse(null));
    }

    /** Lost since: what this process saw first, else what the previous status says. */
    private Map<String, Instant> lostSince(PersistentVolumeClaimSet set) {
        Map<String, Instant> out = new HashMap<>();
        if (set.getStatus() != null && set.getStatus().getClaims() != null) {
            for (ClaimStatus c : set.getStatus().getClaims()) {
                if (c.getPhase() == ClaimPhase.Lost && c.getSince() != null) {
                    try {
                        out.put(c.getName(), Instant.parse(c.getSince()));
                    } catch (DateTimeParseException e) {
                        // a hand-edited status: start counting now
                    }
                }
            }
        }
        String prefix = set.getMetadata().getNamespace() + "/";
        lostSince.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.putIfAbsent(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    private void remember(ResourceKey key, List<ClaimStatus> statuses) {
        for (ClaimStatus c : statuses) {
            String k = key.namespace() + "/" + c.getName();
            if (c.getPhase() == ClaimPhase.Lost) {
                lostSince.putIfAbsent(k, Instant.parse(c.getSince()));
            } else {
                lostSince.remove(k);
            }
        }
    }
}
