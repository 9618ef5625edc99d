package dev.datacenter.operator.web;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One framework in {@code GET /api/v1/state} (the DC/OS "Services" view): the owner of pods that name the
 * operator as their scheduler (a Job, a Spark application, a lone pod), its pool, its pods bound
 * ({@code running}) and waiting, and the resources its bound pods hold.
 */
@RegisterForReflection
public record FrameworkEntryView(
        String namespace, String owner, String pool, int running, int waiting, ResourcesView resources) {}
