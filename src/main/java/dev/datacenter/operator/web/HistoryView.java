package dev.datacenter.operator.web;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code GET /api/v1/history}: up to {@code capacity} samples, {@code intervalSeconds} apart, oldest first. */
@RegisterForReflection
public record HistoryView(double intervalSeconds, int capacity, List<HistoryPoint> points) {
}
