package dev.datacenter.operator.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Groups summed from the apps, parents summing their children. */
class GroupViewBuilderTest {

    @Test
    void parentGroupsSumTheirChildrenAndAppsWithoutGroupAreInNone() {
        List<GroupView> groups = GroupViewBuilder.build(List.of(
                app("shop", "web", "/prod/web", 3, counts(3, 0, 3, 3, 3, 0), 0.5, ServiceStatus.Running),
                app("shop", "api", "/prod/web", 2, counts(1, 1, 0, 0, 0, 0), 1.0, ServiceStatus.Waiting),
                app("data", "db", "/prod/db", 1, counts(1, 0, 1, 0, 0, 1), 2.0, ServiceStatus.Recovering),
                app("tools", "ci", null, 1, counts(1, 0, 1, 1, 1, 0), 1.0, ServiceStatus.Running)));

        assertThat(groups).extracting(GroupView::path).containsExactly("/prod", "/prod/db", "/prod/web");
        GroupView web = groups.get(2);
        assertThat(web.label()).isEqualTo("prod.web");
        assertThat(web.parent()).isEqualTo("/prod");
        assertThat(web.apps()).containsExactly("shop/web", "shop/api");
        assertThat(web.appCount()).isEqualTo(2);
        assertThat(web.desired()).isEqualTo(5);
        assertThat(web.instances()).isEqualTo(counts(4, 1, 3, 3, 3, 0));
        assertThat(web.resources().cpus()).isEqualTo(2.5); // 3 x 0.5 + 1 x 1.0
        assertThat(web.status()).isEqualTo(ServiceStatus.Waiting);

        GroupView prod = groups.get(0);
        assertThat(prod.parent()).isNull();
        assertThat(prod.groups()).containsExactly("/prod/db", "/prod/web");
        assertThat(prod.apps()).isEmpty();
        assertThat(prod.appCount()).isEqualTo(3);
        assertThat(prod.desired()).isEqualTo(6);
        assertThat(prod.instances()).isEqualTo(counts(5, 1, 4, 3, 3, 1));
        assertThat(prod.resources().cpus()).isEqualTo(4.5);
        assertThat(prod.status()).as("the least healthy app").isEqualTo(ServiceStatus.Recovering);
    }

    @Test
    void theStateViewCarriesTheGroups() {
        StateView state = new StateView(
                "t",
                null,
                List.of(),
                List.of(),
                List.of(app("a", "x", "/g", 1, counts(1, 0, 1, 1, 1, 0), 1.0, ServiceStatus.Running)));
        assertThat(state.groups()).singleElement().extracting(GroupView::path).isEqualTo("/g");
    }

    private static InstanceCountsView counts(
            int total, int staged, int running, int healthy, int ready, int unhealthy) {
        return new InstanceCountsView(total, staged, running, healthy, ready, unhealthy);
    }

    private static AppView app(
            String ns,
            String name,
            String group,
            int desired,
            InstanceCountsView i,
            double cpus,
            ServiceStatus status) {
        return new AppView(
                ns,
                name,
                "default",
                group,
                "example/" + name,
                desired,
                new ResourcesView(cpus, 1024, 0, 0),
                i,
                status,
                null,
                null,
                PendingView.NONE,
                null,
                1,
                "Complete",
                List.of());
    }
}
