package dev.datacenter.operator.web;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** {@code GET /api/v1/history}: up to {@code capacity} samples, {@code intervalSeconds} apart, oldest first. */
@RegisterForReflection
public record HistoryView(double intervalSeconds, int capacity, List<HistoryPoint> points) {}
