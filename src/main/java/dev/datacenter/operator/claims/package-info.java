/**
 * PersistentVolumeClaimSets: claims created per instance, pins to the node where the data lives,
 * node-loss policies (Wait, Relocate), wipes, retention and the finalizer that keeps claims when a set
 * is deleted with Retain; and the hook the app lifecycle calls so that an instance's claims exist
 * before it is placed.
 *
 * <p>May import {@code model}, {@code status}, {@code runtime}, {@code cluster} and {@code api}.
 */
package dev.datacenter.operator.claims;
