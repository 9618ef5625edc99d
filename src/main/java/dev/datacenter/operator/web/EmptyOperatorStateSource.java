package dev.datacenter.operator.web;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;

/**
 * The fallback state source, used while no other {@link OperatorStateSource} bean exists: a valid, empty
 * cluster (no nodes, the implied default pool, no apps, no allocation cycle yet).
 */
@DefaultBean
@ApplicationScoped
public class EmptyOperatorStateSource implements OperatorStateSource {

    private final Clock clock = Clock.systemUTC();

    @Override
    public StateView state() {
        return new StateView(
                clock.instant().toString(),
                ClusterView.EMPTY,
                List.of(),
                List.of(PoolView.impliedDefault(0, ResourcesView.ZERO)),
                List.of());
    }

    @Override
    public OffersView offers() {
        return OffersView.NONE;
    }
}
