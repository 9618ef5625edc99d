package dev.datacenter.operator.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorMatcherTest {
    private static final Map<String, String> WEB_R1 = Map.of("tier", "web", "rack", "r1");

    @Test
    void anEmptyOrAbsentSelectorMatchesEveryNode() {
        assertThat(LabelSelectorMatcher.matches(null, WEB_R1)).isTrue();
        assertThat(LabelSelectorMatcher.matches(new LabelSelector(), null)).isTrue();
    }

    @Test
    void matchLabelsMustAllBeEqual() {
        assertThat(LabelSelectorMatcher.matches(
                        selector().addToMatchLabels("tier", "web").build(), WEB_R1))
                .isTrue();
        assertThat(LabelSelectorMatcher.matches(
                        selector()
                                .addToMatchLabels("tier", "web")
                                .addToMatchLabels("rack", "r2")
                                .build(),
                        WEB_R1))
                .isFalse();
    }

    @Test
    void matchExpressionsInNotInExistsDoesNotExist() {
        assertThat(matches("rack", "In", "r1", "r2")).isTrue();
        assertThat(matches("rack", "In", "r3")).isFalse();
        assertThat(matches("rack", "NotIn", "r3")).isTrue();
        assertThat(matches("rack", "NotIn", "r1")).isFalse();
        assertThat(matches("zone", "NotIn", "a")).isTrue();
        assertThat(matches("tier", "Exists")).isTrue();
        assertThat(matches("gpu", "Exists")).isFalse();
        assertThat(matches("gpu", "DoesNotExist")).isTrue();
        assertThat(matches("tier", "DoesNotExist")).isFalse();
    }

    @Test
    void anUnknownOperatorOrAnInWithoutValuesIsAnError() {
        assertThatThrownBy(() -> matches("rack", "Like", "r1")).hasMessageContaining("unknown operator Like");
        assertThatThrownBy(() -> matches("rack", "In")).hasMessageContaining("needs at least one value");
    }

    private static boolean matches(String key, String operator, String... values) {
        return LabelSelectorMatcher.matches(
                selector()
                        .addNewMatchExpression()
                        .withKey(key)
                        .withOperator(operator)
                        .withValues(values)
                        .endMatchExpression()
                        .build(),
                WEB_R1);
    }

    private static LabelSelectorBuilder selector() {
        return new LabelSelectorBuilder();
    }
}
