/**
 * The operator's runtime: the keyed work queue with retry backoff, the dispatcher that hands each key to
 * the reconciler of its kind, the routing of informer changes to keys, the start-up that runs
 * reconcilers only while this process leads, the health checks and the operator's own meters.
 *
 * <p>Knows reconcilers only through {@link dev.datacenter.operator.runtime.Reconciler}; may import
 * {@code cluster}, {@code api} and {@code model}. The kind-specific packages ({@code app}, {@code pool},
 * {@code claims}) import this one, never the other way round.
 */
package dev.datacenter.operator.runtime;
