/**
 * Status aggregators: pure functions from a custom resource and what the reconciler observed to the
 * status it should have. A fixed set of conditions, {@code Ready=False} with a specific reason rather
 * than a negative condition, {@code observedGeneration} on the status and on every condition, and
 * {@code lastTransitionTime} kept when a condition's status did not change. Imports {@code api} only.
 */
package dev.datacenter.operator.status;
