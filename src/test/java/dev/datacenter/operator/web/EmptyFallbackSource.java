package dev.datacenter.operator.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

/**
 * The fallback state source put back in place of the real one, so that {@link EmptyStateMockTest} sees what the
 * operator serves when no state source of its own exists (enabled by {@link EmptyStateProfile}).
 */
@Alternative
@ApplicationScoped
public class EmptyFallbackSource extends EmptyOperatorStateSource {}
