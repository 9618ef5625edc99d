package dev.datacenter.operator.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueTypesTest {

    @Test
    void portRangeParsesAToBAndDefaultsWhenAbsent() {
        assertThat(PortRange.parse("20000-20010")).isEqualTo(new PortRange(20000, 20010));
        assertThat(PortRange.parse(" 1 - 2 ")).isEqualTo(new PortRange(1, 2));
        assertThat(PortRange.parse(null)).isEqualTo(new PortRange(31000, 32000));
        assertThat(PortRange.parse("")).isEqualTo(PortRange.DEFAULT);
        assertThat(PortRange.parse("5-5").size()).isEqualTo(1);
        for (String bad : List.of("x", "10-1", "0-5", "1-70000", "1-2-3", "a-b")) {
            assertThatThrownBy(() -> PortRange.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void labelSelectorEvaluatesMatchLabelsAndEveryExpressionOperator() {
        Map<String, String> labels = Map.of("tier", "web", "zone", "a");
        assertThat(LabelSelector.EVERYTHING.matches(Map.of())).isTrue();
        assertThat(LabelSelector.matchLabels(Map.of("tier", "web")).matches(labels))
                .isTrue();
        assertThat(LabelSelector.matchLabels(Map.of("tier", "db")).matches(labels))
                .isFalse();
        assertThat(expr("zone", LabelSelector.Operator.In, "a", "b").matches(labels))
                .isTrue();
        assertThat(expr("zone", LabelSelector.Operator.In, "c").matches(labels)).isFalse();
        assertThat(expr("zone", LabelSelector.Operator.NotIn, "a").matches(labels))
                .isFalse();
        assertThat(expr("rack", LabelSelector.Operator.NotIn, "a").matches(labels))
                .isTrue();
        assertThat(expr("zone", LabelSelector.Operator.Exists).matches(labels)).isTrue();
        assertThat(expr("rack", LabelSelector.Operator.Exists).matches(labels)).isFalse();
        assertThat(expr("rack", LabelSelector.Operator.DoesNotExist).matches(labels))
                .isTrue();
    }

    private static LabelSelector expr(String key, LabelSelector.Operator op, String... values) {
        return new LabelSelector(Map.of(), List.of(new LabelSelector.Requirement(key, op, List.of(values))));
    }

    @Test
    void resourcesReportTheirFirstShortfallInCheckOrderAndRespectUnlimitedLimits() {
        Resources free = new Resources(1000, 1000, 1, 1000);
        assertThat(new Resources(2000, 2000, 2, 2000).shortfall(free)).isEqualTo(DeclineReason.InsufficientCpus);
        assertThat(new Resources(1000, 2000, 2, 2000).shortfall(free)).isEqualTo(DeclineReason.InsufficientMemory);
        assertThat(new Resources(1000, 1000, 2, 2000).shortfall(free)).isEqualTo(DeclineReason.InsufficientDisk);
        assertThat(new Resources(1000, 1000, 2, 1000).shortfall(free)).isEqualTo(DeclineReason.InsufficientGpus);
        assertThat(free.shortfall(free)).isNull();
        assertThat(free.fitsUnder(new Resources(Long.MAX_VALUE - 1, 0, 0, 0), Resources.UNLIMITED))
                .isTrue();
        assertThat(free.fitsUnder(
                        Resources.of(500, 0), new Resources(1400, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE)))
                .isFalse();
        assertThat(Resources.of(500, 250).dominantShare(Resources.of(1000, 1000)))
                .isEqualTo(0.5);
    }

    @Test
    void duplicateFixedHostPortsAreAnAppError() {
        PlacementEngine e = new PlacementEngine();
        e.upsertNode(Fixtures.node("a", 1000, 1));
        Fixtures.submit(e, Fixtures.app("ns/x", 100, 1).withPorts(List.of(80, 80)), 1);
        assertThat(e.allocate().decisions()).isEmpty();
        assertThat(e.whyPending("ns/x").orElseThrow().errors()).isNotEmpty();
    }
}
