package dev.datacenter.operator.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** A request made before an instance's task ended must not offer that instance again (a refused pod's node). */
class TaskEndLedgerTest {

    @Test
    void anOrdinalWhoseTaskEndedAfterTheRequestWasMadeIsNamed() {
        TaskEndLedger ledger = new TaskEndLedger();
        long seen = ledger.newest(); // the reconciler looks: ordinal 2 has no pod yet
        ledger.ended("ns/web", 2); // its pod is placed, refused by the node, and its task ends
        assertThat(ledger.unknownTo("ns/web", Set.of(0, 1, 2), seen)).containsExactly(2);
    }

    @Test
    void aRequestMadeKnowingOfTheEndIsAppliedWholeAndTheEndIsForgotten() {
        TaskEndLedger ledger = new TaskEndLedger();
        ledger.ended("ns/web", 2);
        long seen = ledger.newest();
        assertThat(ledger.unknownTo("ns/web", Set.of(2), seen)).isEmpty();
        assertThat(ledger.appsKept()).isZero();
        assertThat(ledger.unknownTo("ns/web", Set.of(2), 0))
                .as("forgotten once known")
                .isEmpty();
    }

    @Test
    void onlyTheEndsAfterTheRequestCountAndOtherAppsAreUntouched() {
        TaskEndLedger ledger = new TaskEndLedger();
        ledger.ended("ns/web", 1);
        long seen = ledger.newest();
        ledger.ended("ns/web", 3);
        ledger.ended("ns/db", 0);
        assertThat(ledger.unknownTo("ns/web", Set.of(1, 3, 4), seen)).containsExactly(3);
        assertThat(ledger.unknownTo("ns/web", Set.of(1, 4), seen))
                .as("an ordinal the request does not ask for is not named")
                .isEmpty();
        assertThat(ledger.unknownTo("ns/db", Set.of(0), seen)).containsExactly(0);
        assertThat(ledger.unknownTo("ns/api", Set.of(0), 0)).isEmpty();
    }

    @Test
    void aForgottenAppKeepsNothing() {
        TaskEndLedger ledger = new TaskEndLedger();
        ledger.ended("ns/web", 0);
        ledger.forget("ns/web");
        assertThat(ledger.unknownTo("ns/web", Set.of(0), 0)).isEmpty();
        assertThat(ledger.newest()).as("stamps keep growing").isEqualTo(1);
    }
}
