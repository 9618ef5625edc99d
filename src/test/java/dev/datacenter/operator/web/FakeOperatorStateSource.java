package dev.datacenter.operator.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Instant;

/** The state source of the web tests: {@link FakeCluster}, enabled by {@link FakeStateProfile}. */
@Alternative
@ApplicationScoped
public class FakeOperatorStateSource implements OperatorStateSource {

    @Override
    public StateView state() {
        return FakeCluster.state(Instant.now());
    }

    @Override
    public OffersView offers() {
        return FakeCluster.offers(Instant.now());
    }
}
