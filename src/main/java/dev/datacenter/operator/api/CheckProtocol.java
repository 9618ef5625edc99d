package dev.datacenter.operator.api;

/** How a health or readiness check probes an instance. */
public enum CheckProtocol {
    HTTP,
    HTTPS,
    TCP,
    COMMAND
}
