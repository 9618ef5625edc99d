package dev.datacenter.operator.web;

import dev.datacenter.operator.model.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Sums the apps of the state view per group path, every ancestor group included (a pure function). */
final class GroupViewBuilder {

    private GroupViewBuilder() {}

    private static final class Sum {
        final TreeSet<String> groups = new TreeSet<>();
        final List<String> apps = new ArrayList<>();
        int appCount;
        int desired;
        int total, staged, running, healthy, ready, unhealthy;
        ResourcesView resources = ResourcesView.ZERO;
        ServiceStatus status;

        void add(AppView a) {
            appCount++;
            desired += a.desired();
            InstanceCountsView i = a.instances();
            total += i.total();
            staged += i.staged();
            running += i.running();
            healthy += i.healthy();
            ready += i.ready();
            unhealthy += i.unhealthy();
            resources = resources.plus(a.resources().times(i.total()));
            if (status == null || a.status().ordinal() < status.ordinal()) {
                status = a.status();
            }
        }
    }

    /** The groups of the apps, by path. Apps without a group are in none. */
    static List<GroupView> build(List<AppView> apps) {
        Map<String, Sum> sums = new TreeMap<>();
        for (AppView a : apps) {
            String path = a.group();
            if (path == null || path.isEmpty() || !path.startsWith("/")) {
                continue;
            }
            sums.computeIfAbsent(path, p -> new Sum()).apps.add(a.namespace() + "/" + a.name());
            String child = null;
            for (String p = path; p != null; child = p, p = parent(p)) {
                Sum s = sums.computeIfAbsent(p, k -> new Sum());
                s.add(a);
                if (child != null) {
                    s.groups.add(child);
                }
            }
        }
        List<GroupView> out = new ArrayList<>();
        sums.forEach((path, s) -> out.add(new GroupView(
                path,
                Names.groupLabel(path),
                parent(path),
                List.copyOf(s.groups),
                List.copyOf(s.apps),
                s.appCount,
                s.desired,
                new InstanceCountsView(s.total, s.staged, s.running, s.healthy, s.ready, s.unhealthy),
                Amounts.rounded(s.resources),
                s.status)));
        return List.copyOf(out);
    }

    /** {@code /prod} for {@code /prod/web}; null for a top-level group. */
    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? null : path.substring(0, slash);
    }
}
