package dev.datacenter.operator.api;

/** Where an app's rollout stands. */
public enum DeploymentPhase {
    WaitingForDependencies,
    Deploying,
    Complete,
    Failed
}
