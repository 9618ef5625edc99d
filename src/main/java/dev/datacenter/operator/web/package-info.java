/**
 * The read-only HTTP API ({@code /api/v1/state}, {@code /api/v1/offers}, {@code /api/v1/history}) and
 * the dashboard at {@code /} (static files in {@code META-INF/resources}). Reads the operator's state
 * only through {@link dev.datacenter.operator.web.OperatorStateSource}; mutates nothing.
 */
package dev.datacenter.operator.web;
