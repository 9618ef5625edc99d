package dev.datacenter.operator.web;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A decline reason (a name of the decline-reason enum of docs/api.md, e.g. {@code InsufficientCpus}) and on
 * how many nodes (for an app's pending summary) or offers (for an allocation cycle) it applied.
 */
@RegisterForReflection
public record ReasonCount(String reason, int nodes) {}
