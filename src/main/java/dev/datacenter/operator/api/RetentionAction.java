package dev.datacenter.operator.api;

/** What happens to claims when instances go away. */
public enum RetentionAction {
    Retain,
    Delete
}
