package dev.datacenter.operator.api;

/** Which instances go first on scale-down, after unready and outdated ones. */
public enum KillSelection {
    YoungestFirst,
    OldestFirst
}
