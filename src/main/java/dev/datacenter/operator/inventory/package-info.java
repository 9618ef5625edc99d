/**
 * The shim between the cluster and the placement engine: pure translations from Kubernetes objects
 * (nodes, pods, pools, apps) to the engine's inputs, in millicores and bytes, and the feed that keeps
 * the engine's nodes, tasks and pools in line with the informer cache. The one label-selector
 * evaluator lives here.
 *
 * <p>May import {@code placement}, {@code api}, {@code model} and {@code cluster}; nothing that writes.
 */
package dev.datacenter.operator.inventory;
