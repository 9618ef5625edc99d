/**
 * Thin orchestration: the keyed work queue, one reconciler per kind (read the cache, compute, write
 * status), the routing of informer changes to work-queue keys, and the runtime that runs reconcilers
 * only while this process leads. See {@link dev.datacenter.operator.reconciler.OperatorRuntime}.
 */
package dev.datacenter.operator.reconciler;
