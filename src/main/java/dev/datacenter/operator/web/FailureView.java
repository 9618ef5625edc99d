package dev.datacenter.operator.web;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An app's last task failure ({@code time} is ISO-8601). */
@RegisterForReflection
public record FailureView(String instance, String node, String reason, String message, String time) {}
