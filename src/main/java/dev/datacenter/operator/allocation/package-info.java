/**
 * The allocation loop: one thread owning the {@link dev.datacenter.operator.placement.PlacementEngine}
 * while this process leads, the placements in flight (assumed, pod not yet seen), the pod writers,
 * the allocation meters and the read-only view of the newest cycle that the HTTP API shows.
 *
 * <p>May import {@code placement}, {@code inventory}, {@code model}, {@code cluster}, {@code runtime}
 * and {@code api}. The lifecycle ({@code app}) hands it work through
 * {@link dev.datacenter.operator.allocation.AppPlacement}.
 */
package dev.datacenter.operator.allocation;
