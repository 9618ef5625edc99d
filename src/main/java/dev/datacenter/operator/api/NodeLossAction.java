package dev.datacenter.operator.api;

/** What happens to a claim whose node is lost. */
public enum NodeLossAction {
    Wait,
    Relocate
}
