/**
 * The DataCenterApp lifecycle, as a chain of short reconcile steps: validation, actions (restart,
 * rollback-to), revisions, instances (failures with backoff, node loss, scaling, rolling deployment),
 * the Service, events and status.
 *
 * <p>May import {@code model}, {@code status}, {@code inventory}, {@code allocation}, {@code runtime},
 * {@code cluster} and {@code api}; writes to the API only through {@code cluster}.
 */
package dev.datacenter.operator.app;
