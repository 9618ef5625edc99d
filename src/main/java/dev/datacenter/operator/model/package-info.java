/**
 * Pure desired-state builders and lifecycle decisions: from a DataCenterApp (and a placement
 * decision) to the Pod, Service, PVC and ControllerRevision it wants, and the small decisions a
 * reconciler makes (backoff, scale-down victims, rollout steps, instance state, dependencies).
 * A builder returning {@code null} means the object should not exist. No client, no Quarkus, no I/O:
 * imports {@code api}, the fabric8 model and Jackson only.
 *
 * <p>Entry points: {@link dev.datacenter.operator.model.InstancePodBuilder},
 * {@link dev.datacenter.operator.model.PodTemplateHash}, {@link dev.datacenter.operator.model.RevisionBuilder},
 * {@link dev.datacenter.operator.model.RevisionHistory}, {@link dev.datacenter.operator.model.AppServiceBuilder},
 * {@link dev.datacenter.operator.model.ClaimBuilder}, {@link dev.datacenter.operator.model.LaunchBackoff},
 * {@link dev.datacenter.operator.model.ScaleDownSelector}, {@link dev.datacenter.operator.model.RollingUpdatePlanner},
 * {@link dev.datacenter.operator.model.InstanceState}, {@link dev.datacenter.operator.model.DependencyGraph},
 * {@link dev.datacenter.operator.model.SpecChecks},
 * {@link dev.datacenter.operator.model.Names}, {@link dev.datacenter.operator.model.Labels}.
 */
package dev.datacenter.operator.model;
