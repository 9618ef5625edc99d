package dev.datacenter.operator.sandbox;

import dev.datacenter.operator.model.Json;
import java.util.Map;

/** What the sandbox answers on {@code /version}: the Kubernetes API level it imitates. */
final class SandboxVersion {

    static final String INFO = Json.canonical(Map.of(
            "major", "1",
            "minor", "32",
            "gitVersion", "v1.32.0-datacenter-sandbox",
            "platform", "linux/amd64",
            "goVersion", "n/a",
            "compiler", "n/a"));

    private SandboxVersion() {}
}
