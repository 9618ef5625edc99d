package dev.datacenter.operator.runtime;

/**
 * A CDI event fired (synchronously) when this process starts or stops leading. The allocation loop
 * observes it to run cycles only while {@code leading}; {@code leading} is false before any write the
 * new leader may make.
 */
public record LeadershipChanged(boolean leading) {}
