package dev.datacenter.operator.web;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An accepted offer: instance {@code instance} of app {@code app} (namespace/name) placed on {@code node}. */
@RegisterForReflection
public record PlacementView(String app, String instance, String node, String pool) {}
