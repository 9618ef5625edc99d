/**
 * ResourcePools: what a pool's schema cannot check, and its status figures (nodes, capacity, allocated,
 * shares) from the allocation loop's newest cycle.
 *
 * <p>May import {@code status}, {@code inventory}, {@code allocation}, {@code runtime}, {@code cluster}
 * and {@code api}.
 */
package dev.datacenter.operator.pool;
