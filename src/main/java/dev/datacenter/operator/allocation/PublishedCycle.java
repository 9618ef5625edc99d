package dev.datacenter.operator.allocation;

import dev.datacenter.operator.placement.CycleResult;
import java.time.Instant;

/** An allocation cycle as published: its number since start, when it started, and what the engine returned. */
public record PublishedCycle(long number, Instant startedAt, CycleResult result) {}
