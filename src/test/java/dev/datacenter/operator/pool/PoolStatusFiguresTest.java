package dev.datacenter.operator.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datacenter.operator.api.ResourceAmounts;
import dev.datacenter.operator.api.ResourcePool;
import dev.datacenter.operator.api.ResourcePoolStatus;
import dev.datacenter.operator.placement.LabelSelector;
import dev.datacenter.operator.placement.PoolFigures;
import dev.datacenter.operator.placement.PoolSpec;
import dev.datacenter.operator.placement.Resources;
import dev.datacenter.operator.status.Quantities;
import dev.datacenter.operator.testsupport.TestObjects;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pool figures as status fields and printer strings, and the pool rules a schema cannot catch. */
class PoolStatusFiguresTest {
    private static final long GI = 1L << 30;

    @Test
    void figuresBecomeQuantitiesAndPrinterStrings() {
        PoolFigures f = new PoolFigures(
                "web",
                12,
                new Resources(48_000, 96 * GI, 0, 0),
                new Resources(12_000, 24 * GI, 0, 0),
                new Resources(2_000, 4 * GI, 0, 0),
                new Resources(8_000, 16 * GI, 0, 0),
                0.25,
                0.125,
                3,
                5);
        ResourcePoolStatus s = PoolShares.of(f);
        assertThat(s.getCpu()).isEqualTo("12/48");
        assertThat(s.getMem()).isEqualTo("24Gi/96Gi");
        assertThat(s.getCapacity().getCpus()).isEqualTo(new Quantity("48"));
        assertThat(s.getAllocated().getMem()).isEqualTo(new Quantity("24Gi"));
        assertThat(s.getReserved().getCpus()).isEqualTo(new Quantity("2"));
        assertThat(s.getGuaranteed().getMem()).isEqualTo(new Quantity("16Gi"));
        assertThat(s.getDominantShare()).isEqualTo(0.25);
        assertThat(s.getWeightedShare()).isEqualTo(0.125);
        assertThat(s.getNodes()).isEqualTo(12);
        assertThat(s.getApps()).isEqualTo(3);
        assertThat(s.getPendingInstances()).isEqualTo(5);
    }

    @Test
    void quantitiesAreExactInStatusAndShortInColumns() {
        assertThat(Quantities.cpus(500).toString()).isEqualTo("500m");
        assertThat(Quantities.cpus(3000).toString()).isEqualTo("3");
        assertThat(Quantities.bytes(256L << 20).toString()).isEqualTo("256Mi");
        assertThat(Quantities.bytes(1000).toString()).isEqualTo("1000");
        assertThat(Quantities.cpusShort(1500)).isEqualTo("1.5");
        assertThat(Quantities.bytesShort(3 * GI / 2)).isEqualTo("1.5Gi");
        assertThat(Quantities.bytesShort(512L << 20)).isEqualTo("512Mi");
        assertThat(Quantities.bytesShort(0)).isEqualTo("0");
    }

    @Test
    void rulesTheSchemaCannotCatchAreReported() {
        ResourcePool ok = TestObjects.pool(
                "ok", new LabelSelectorBuilder().addToMatchLabels("tier", "web").build());
        assertThat(PoolChecks.problem(ok)).isEmpty();

        ResourcePool badOperator = TestObjects.pool(
                "bad",
                new LabelSelectorBuilder()
                        .addNewMatchExpression()
                        .withKey("tier")
                        .withOperator("Sometimes")
                        .withValues("web")
                        .endMatchExpression()
                        .build());
        assertThat(PoolChecks.problem(badOperator))
                .hasValueSatisfying(m -> assertThat(m).contains("spec.nodeSelector", "Sometimes"));

        ResourcePool noValues = TestObjects.pool(
                "bad",
                new LabelSelectorBuilder()
                        .addNewMatchExpression()
                        .withKey("tier")
                        .withOperator("In")
                        .endMatchExpression()
                        .build());
        assertThat(PoolChecks.problem(noValues)).isPresent();

        ResourcePool zeroWeight = TestObjects.pool("w", null);
        zeroWeight.getSpec().setWeight(0.0);
        assertThat(PoolChecks.problem(zeroWeight))
                .hasValueSatisfying(m -> assertThat(m).contains("weight"));

        ResourcePool above = TestObjects.pool("g", null);
        above.getSpec().setGuarantee(new ResourceAmounts(new Quantity("8"), null, null, null));
        above.getSpec().setLimit(new ResourceAmounts(new Quantity("4"), null, null, null));
        assertThat(PoolChecks.problem(above))
                .hasValueSatisfying(m -> assertThat(m).contains("guarantee", "cpus"));
    }

    @Test
    void whatALoweredLimitLeavesAboveItIsSaid() {
        PoolSpec limited = new PoolSpec(
                "web",
                LabelSelector.EVERYTHING,
                1,
                Resources.ZERO,
                new Resources(8_000, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE),
                List.of());
        PoolFigures over = new PoolFigures(
                "web",
                4,
                new Resources(16_000, 32 * GI, 0, 0),
                new Resources(12_000, 12 * GI, 0, 0),
                Resources.ZERO,
                Resources.ZERO,
                0.75,
                0.75,
                1,
                0);
        assertThat(PoolChecks.overLimit(limited, over)).isEqualTo("allocated above the limit: cpus 12 > 8");
        PoolFigures within = new PoolFigures(
                "web",
                4,
                new Resources(16_000, 32 * GI, 0, 0),
                new Resources(8_000, 12 * GI, 0, 0),
                Resources.ZERO,
                Resources.ZERO,
                0.5,
                0.5,
                1,
                0);
        assertThat(PoolChecks.overLimit(limited, within)).isNull();
    }
}
