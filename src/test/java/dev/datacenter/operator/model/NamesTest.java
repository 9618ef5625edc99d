package dev.datacenter.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamesTest {
    private static final String LONG = "a-very-long-application-name-that-goes-on-and-on-beyond-sixty-three-chars";

    @Test
    void shortNamesAreKept() {
        assertThat(Names.instanceId("jokes", 2)).isEqualTo("jokes-2");
        assertThat(Names.appLabel("jokes")).isEqualTo("jokes");
        assertThat(Names.claimName("data", "db", 0)).matches("data-db-[a-z0-9]{6}-0");
        assertThat(Names.serviceName("jokes")).isEqualTo("jokes");
        assertThat(Names.groupLabel("/demo/frontend")).isEqualTo("demo.frontend");
    }

    @Test
    void claimNamesOfSetsAndAppsThatJoinAlikeDiffer() {
        // set a + app b-c and set a-b + app c both gave a-b-c-0 before
        String first = Names.claimName("a", "b-c", 0);
        String second = Names.claimName("a-b", "c", 0);
        assertThat(first).isNotEqualTo(second).startsWith("a-b-c-").endsWith("-0");
        assertThat(second).startsWith("a-b-c-").endsWith("-0");
        assertThat(Names.claimName("a", "b-c", 0)).as("stable").isEqualTo(first);
        assertThat(Names.claimName("a", "b-c", 1)).isEqualTo(first.substring(0, first.length() - 1) + "1");
        assertThat(Names.legacyClaimName("a", "b-c", 0)).isEqualTo(Names.legacyClaimName("a-b", "c", 0));
    }

    @Test
    void longClaimNamesStayDns1123SubdomainsWithin253Chars() {
        String set = "s".repeat(200);
        String name = Names.claimName(set, LONG, 123);
        assertThat(name).hasSizeLessThanOrEqualTo(253).endsWith("-123").matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
        assertThat(Names.claimName(set + "x", LONG, 123)).isNotEqualTo(name);
        assertThat(Names.claimName("data.v1", "db", 0)).matches("data\\.v1-db-[a-z0-9]{6}-0");
    }

    @Test
    void podNamesAreDeterministicPerNodeAndWithin63Chars() {
        String a = Names.podName("jokes", 2, 3, "n1");
        assertThat(a).matches("jokes-2-3-[a-z0-9]{5}");
        assertThat(Names.podName("jokes", 2, 3, "n1")).isEqualTo(a);
        assertThat(Names.podName("jokes", 2, 3, "n2")).isNotEqualTo(a);
        String long1 = Names.podName(LONG, 12, 345, "n1");
        assertThat(long1)
                .hasSizeLessThanOrEqualTo(63)
                .endsWith(long1.substring(long1.indexOf("-12-345-")))
                .matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
        assertThat(Names.podName(LONG + "x", 12, 345, "n1")).isNotEqualTo(long1).hasSizeLessThanOrEqualTo(63);
    }

    @Test
    void longNamesAreShortenedWithAHashThatKeepsThemApart() {
        String a = Names.appLabel(LONG);
        String b = Names.appLabel(LONG + "-2");
        assertThat(a).hasSize(63).isNotEqualTo(b).startsWith("a-very-long");
        assertThat(Names.instanceId(LONG, 7)).hasSizeLessThanOrEqualTo(63).endsWith("-7");
        assertThat(Names.fit("abc-", 3)).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void namesUpToTheKubernetesMaximumGiveValidLabelsAndNamesEverywhere() {
        String label = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
        String dns1123 = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
        String seventy = "a-service-with-a-rather-long-name-that-a-real-team-might-pick-quite-ok";
        String max = "x".repeat(120) + "." + "y".repeat(132);
        for (String app : new String[] {seventy, max, "a." + "b".repeat(70)}) {
            assertThat(Names.appLabel(app)).hasSizeLessThanOrEqualTo(63).matches(label);
            assertThat(Labels.appSelectorString(app)).isEqualTo("datacenter.dev/app=" + Names.appLabel(app));
            assertThat(Names.appLabel(Names.appLabel(app)))
                    .as("a label value maps to itself: lookups take the name or the label")
                    .isEqualTo(Names.appLabel(app));
            assertThat(Names.podName(app, 12, 3, "n1"))
                    .hasSizeLessThanOrEqualTo(63)
                    .matches(dns1123);
            assertThat(Names.instanceId(app, 12)).hasSizeLessThanOrEqualTo(63).matches(label);
            assertThat(Names.serviceName(app)).hasSizeLessThanOrEqualTo(63).matches("[a-z]([-a-z0-9]*[a-z0-9])?");
            assertThat(Names.claimName("data", app, 12))
                    .hasSizeLessThanOrEqualTo(253)
                    .matches(dns1123);
            assertThat(Names.revisionName(app, "abcdefghij"))
                    .hasSizeLessThanOrEqualTo(253)
                    .matches(dns1123);
        }
        assertThat(max).hasSize(253);
    }

    @Test
    void serviceNamesAreValidDns1035Labels() {
        assertThat(Names.serviceName("1st.app"))
                .matches("[a-z]([-a-z0-9]*[a-z0-9])?")
                .startsWith("app-1st-app-");
        assertThat(Names.serviceName(LONG)).hasSizeLessThanOrEqualTo(63);
        assertThat(Names.serviceName("a.b")).isNotEqualTo(Names.serviceName("a-b"));
    }

    @Test
    void hashIsStableAndUsesASafeAlphabet() {
        assertThat(Names.hash("x", 10))
                .isEqualTo(Names.hash("x", 10))
                .matches("[b-z2-9]{10}")
                .doesNotContainPattern("[aeiou]");
        assertThat(Names.hash("x", 10)).isNotEqualTo(Names.hash("y", 10));
    }
}
