package dev.datacenter.operator.sandbox;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * A minimal Job controller for the sandbox, so that Jobs (and the Jobs of CronJobs) can be tried on a laptop.
 * For each Job not yet finished it keeps {@code min(parallelism, completions - succeeded)} pods of its template
 * alive (labels {@code batch.kubernetes.io/job-name} and {@code controller-uid}, a controller owner
 * reference), counts its pods' phases into {@code status.active/succeeded/failed}, and marks it
 * {@code Complete} once {@code completions} pods succeeded, or {@code Failed} (reason
 * {@code BackoffLimitExceeded}) once more than {@code backoffLimit} pods failed. Defaults as Kubernetes':
 * parallelism 1, completions = parallelism when unset, backoffLimit 6.
 *
 * <p>What it does not do: indexed completion mode, pod failure policies, {@code activeDeadlineSeconds},
 * {@code ttlSecondsAfterFinished}, suspend, backoff delays between retries, success policies, and deleting
 * pods when a Job is deleted (the sandbox's garbage collector, where present, does that by owner reference).
 */
public final class SandboxJobs implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SandboxJobs.class);
    static final String JOB_NAME = "batch.kubernetes.io/job-name";
    static final String CONTROLLER_UID = "batch.kubernetes.io/controller-uid";

    private final KubernetesClient client;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sandbox-job-controller");
        t.setDaemon(true);
        return t;
    });
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    /** Pods created but maybe not yet in the informer: job uid to their names. */
    private final Map<String, Set<String>> expected = new ConcurrentHashMap<>();

    private SharedIndexInformer<Job> jobs;
    private SharedIndexInformer<Pod> pods;

    public SandboxJobs(KubernetesClient client) {
        this.client = client;
    }

    public synchronized SandboxJobs start() {
        jobs = client.batch().v1().jobs().inAnyNamespace().inform(handler(), 0);
        pods = client.pods().inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                podChanged(pod);
            }

            @Override
            public void onUpdate(Pod oldPod, Pod newPod) {
                podChanged(newPod);
            }

            @Override
            public void onDelete(Pod pod, boolean unknown) {
                podChanged(pod);
            }
        });
        jobs.getStore().list().forEach(j -> enqueue(Cache.metaNamespaceKeyFunc(j)));
        return this;
    }

    @Override
    public synchronized void close() {
        worker.shutdownNow();
        if (pods != null) pods.close();
        if (jobs != null) jobs.close();
    }

    private ResourceEventHandler<Job> handler() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Job job) {
                enqueue(Cache.metaNamespaceKeyFunc(job));
            }

            @Override
            public void onUpdate(Job oldJob, Job newJob) {
                enqueue(Cache.metaNamespaceKeyFunc(newJob));
            }

            @Override
            public void onDelete(Job job, boolean unknown) {
                expected.remove(job.getMetadata().getUid());
            }
        };
    }

    private void podChanged(Pod pod) {
        if (pod.getMetadata().getOwnerReferences() == null) return;
        pod.getMetadata().getOwnerReferences().stream()
                .filter(o -> "Job".equals(o.getKind()) && Boolean.TRUE.equals(o.getController()))
                .forEach(o -> enqueue(pod.getMetadata().getNamespace() + "/" + o.getName()));
    }

    private void enqueue(String key) {
        if (queued.add(key) && !worker.isShutdown()) worker.execute(() -> work(key));
    }

    private void work(String key) {
        queued.remove(key);
        Job job = jobs.getStore().getByKey(key);
        if (job == null || job.getMetadata().getDeletionTimestamp() != null) return;
        try {
            reconcile(job);
        } catch (KubernetesClientException e) {
            LOG.debugf("sandbox job controller: job %s: %s; retrying", key, e.getMessage());
            if (!worker.isShutdown()) worker.schedule(() -> enqueue(key), 1, TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            LOG.warnf(e, "sandbox job controller: job %s failed; retrying", key);
            if (!worker.isShutdown()) worker.schedule(() -> enqueue(key), 1, TimeUnit.SECONDS);
        }
    }

    private void reconcile(Job job) {
        String uid = job.getMetadata().getUid();
        List<Pod> owned = new ArrayList<>();
        for (Pod p : pods.getStore().list()) {
            if (p.getMetadata().getOwnerReferences() != null
                    && p.getMetadata().getOwnerReferences().stream().anyMatch(o -> uid.equals(o.getUid()))) {
                owned.add(p);
            }
        }
        int succeeded = 0;
        int failed = 0;
        int active = 0;
        Set<String> seen = new java.util.HashSet<>();
        for (Pod p : owned) {
            seen.add(p.getMetadata().getName());
            String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
            if ("Succeeded".equals(phase)) succeeded++;
            else if ("Failed".equals(phase)) failed++;
            else if (p.getMetadata().getDeletionTimestamp() == null) active++;
        }
        Set<String> inFlight = expected.get(uid);
        if (inFlight != null) {
            inFlight.removeIf(seen::contains);
            active += inFlight.size();
        }
        int parallelism =
                job.getSpec().getParallelism() == null ? 1 : job.getSpec().getParallelism();
        int completions = job.getSpec().getCompletions() == null
                ? Math.max(1, parallelism)
                : job.getSpec().getCompletions();
        int backoffLimit =
                job.getSpec().getBackoffLimit() == null ? 6 : job.getSpec().getBackoffLimit();
        boolean complete = succeeded >= completions;
        boolean failedOut = !complete && failed > backoffLimit;
        if (!complete && !failedOut && !finished(job)) {
            int want = Math.min(parallelism, completions - succeeded) - active;
            for (int i = 0; i < want; i++) createPod(job);
            active += Math.max(0, want);
        }
        writeStatus(job, active, succeeded, failed, complete, failedOut);
    }

    private static boolean finished(Job job) {
        return job.getStatus() != null
                && job.getStatus().getConditions() != null
                && job.getStatus().getConditions().stream()
                        .anyMatch(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType()))
                                && "True".equals(c.getStatus()));
    }

    private void createPod(Job job) {
        String name = job.getMetadata().getName() + "-"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 5);
        Map<String, String> labels = new HashMap<>();
        if (job.getSpec().getTemplate().getMetadata() != null
                && job.getSpec().getTemplate().getMetadata().getLabels() != null) {
            labels.putAll(job.getSpec().getTemplate().getMetadata().getLabels());
        }
        labels.put(JOB_NAME, job.getMetadata().getName());
        labels.put("job-name", job.getMetadata().getName());
        labels.put(CONTROLLER_UID, job.getMetadata().getUid());
        Pod pod = new PodBuilder()
                .withNewMetadataLike(job.getSpec().getTemplate().getMetadata())
                .withName(name)
                .withNamespace(job.getMetadata().getNamespace())
                .withLabels(labels)
                .withOwnerReferences(new OwnerReferenceBuilder()
                        .withApiVersion("batch/v1")
                        .withKind("Job")
                        .withName(job.getMetadata().getName())
                        .withUid(job.getMetadata().getUid())
                        .withController(true)
                        .withBlockOwnerDeletion(true)
                        .build())
                .endMetadata()
                .withSpec(job.getSpec().getTemplate().getSpec())
                .build();
        pod.getMetadata().setResourceVersion(null);
        pod.getMetadata().setUid(null);
        expected.computeIfAbsent(job.getMetadata().getUid(), k -> ConcurrentHashMap.newKeySet())
                .add(name);
        client.pods()
                .inNamespace(job.getMetadata().getNamespace())
                .resource(pod)
                .create();
    }

    private void writeStatus(Job job, int active, int succeeded, int failed, boolean complete, boolean failedOut) {
        JobStatus current = job.getStatus() == null ? new JobStatus() : job.getStatus();
        String now = Timestamps.now();
        JobStatusBuilder b = new JobStatusBuilder(current)
                .withActive(active == 0 ? null : active)
                .withSucceeded(succeeded == 0 ? null : succeeded)
                .withFailed(failed == 0 ? null : failed)
                .withStartTime(current.getStartTime() == null ? now : current.getStartTime());
        List<JobCondition> conditions =
                new ArrayList<>(current.getConditions() == null ? List.of() : current.getConditions());
        if (complete && !finished(job)) {
            conditions.add(condition("Complete", null, null, now));
            b.withCompletionTime(now);
        } else if (failedOut && !finished(job)) {
            conditions.add(
                    condition("Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit", now));
        }
        b.withConditions(conditions);
        JobStatus status = b.build();
        if (sameCounts(current, status)) return;
        client.batch()
                .v1()
                .jobs()
                .inNamespace(job.getMetadata().getNamespace())
                .withName(job.getMetadata().getName())
                .editStatus(j -> {
                    j.setStatus(status);
                    return j;
                });
    }

    private static JobCondition condition(String type, String reason, String message, String now) {
        return new JobConditionBuilder()
                .withType(type)
                .withStatus("True")
                .withReason(reason)
                .withMessage(message)
                .withLastProbeTime(now)
                .withLastTransitionTime(now)
                .build();
    }

    private static boolean sameCounts(JobStatus a, JobStatus b) {
        return Objects.equals(a.getActive(), b.getActive())
                && Objects.equals(a.getSucceeded(), b.getSucceeded())
                && Objects.equals(a.getFailed(), b.getFailed())
                && Objects.equals(a.getStartTime(), b.getStartTime())
                && Objects.equals(
                        a.getConditions() == null ? 0 : a.getConditions().size(),
                        b.getConditions() == null ? 0 : b.getConditions().size());
    }
}
