package dev.datacenter.operator.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.datacenter.operator.cluster.ObjectKey;
import dev.datacenter.operator.model.AppKey;
import dev.datacenter.operator.model.InstanceKey;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InFlightPlacementsTest {
    private final String web = AppKey.engineKey("shop", "web");
    private final String api = AppKey.engineKey("shop", "api");

    @Test
    void aPodSeenByTheInformerEndsItsPlacementAndNamesItsTask() {
        InFlightPlacements inFlight = new InFlightPlacements();
        inFlight.placed(web, 0, "web-0-abc");
        inFlight.placed(web, 1, "web-1-def");
        inFlight.placed(api, 0, "api-0-ghi");
        assertEquals(Set.of(0, 1), inFlight.ordinals(web));

        assertEquals(InstanceKey.taskId(web, 1), inFlight.seen(new ObjectKey("shop", "web-1-def")));
        assertEquals(Set.of(0), inFlight.ordinals(web));
        assertEquals(Set.of(0), inFlight.ordinals(api));
        assertNull(inFlight.seen(new ObjectKey("shop", "web-1-def")), "seen once");
    }

    @Test
    void aPodOfTheSameNameInAnotherNamespaceIsNotOurs() {
        InFlightPlacements inFlight = new InFlightPlacements();
        inFlight.placed(web, 0, "web-0-abc");
        assertNull(inFlight.seen(new ObjectKey("other", "web-0-abc")));
        assertEquals(Set.of(0), inFlight.ordinals(web));
    }

    @Test
    void aRefusedPlacementIsNoLongerInFlight() {
        InFlightPlacements inFlight = new InFlightPlacements();
        inFlight.placed(web, 0, "web-0-abc");
        inFlight.refused(web, 0, "web-0-abc");
        assertEquals(Set.of(), inFlight.ordinals(web));
        assertNull(inFlight.seen(new ObjectKey("shop", "web-0-abc")));
    }
}
