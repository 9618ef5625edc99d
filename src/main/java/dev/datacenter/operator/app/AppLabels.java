package dev.datacenter.operator.app;

import dev.datacenter.operator.api.ApiGroup;
import dev.datacenter.operator.api.DataCenterApp;
import dev.datacenter.operator.app.AppInstances.Member;
import dev.datacenter.operator.cluster.MetadataWriter;
import dev.datacenter.operator.model.Labels;
import dev.datacenter.operator.model.Names;
import io.fabric8.kubernetes.api.model.Pod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Labels kept in place, never by replacing an instance: the app's own {@code datacenter.dev/group} label (its
 * group path with '/' as '.', so {@code kubectl get dca -l datacenter.dev/group=prod.web} lists the apps of
 * {@code /prod/web}), and on its running pods the app's own labels ({@link Labels#propagated}) and the group
 * label. A pod remembers which of the app's labels it was given ({@link #ANNOTATION}) so that a label taken
 * off the app comes off its pods too. The Service is relabelled by {@link AppServiceApplier}.
 */
@ApplicationScoped
public class AppLabels {

    private static final String ANNOTATION = Labels.ANNOTATION_APP_LABELS;

    @Inject
    MetadataWriter writer;

    public void apply(DataCenterApp app, List<Member> members) {
        String group = groupLabel(app);
        Map<String, String> own = app.getMetadata().getLabels() == null
                ? Map.of()
                : app.getMetadata().getLabels();
        if (!Objects.equals(group, own.get(ApiGroup.LABEL_GROUP))) {
            writer.labelApp(
                    app,
                    group == null ? Map.of() : Map.of(ApiGroup.LABEL_GROUP, group),
                    group == null ? Set.of(ApiGroup.LABEL_GROUP) : Set.of());
        }
        Map<String, String> wanted = Labels.propagated(app);
        String keys = String.join(",", wanted.keySet());
        for (Member m : members) {
            if (!m.terminating()) {
                relabel(m.pod(), wanted, keys, group);
            }
        }
    }

    private void relabel(Pod pod, Map<String, String> wanted, String keys, String group) {
        Map<String, String> labels = pod.getMetadata().getLabels() == null
                ? Map.of()
                : pod.getMetadata().getLabels();
        Map<String, String> annotations = pod.getMetadata().getAnnotations() == null
                ? Map.of()
                : pod.getMetadata().getAnnotations();
        Map<String, String> set = new HashMap<>();
        wanted.forEach((k, v) -> {
            if (!v.equals(labels.get(k))) {
                set.put(k, v);
            }
        });
        Set<String> remove = new TreeSet<>();
        String had = annotations.get(ANNOTATION);
        if (had != null && !had.isEmpty()) {
            Arrays.stream(had.split(",")).filter(k -> !wanted.containsKey(k)).forEach(remove::add);
        }
        remove.retainAll(labels.keySet());
        if (group == null && labels.containsKey(ApiGroup.LABEL_GROUP)) {
            remove.add(ApiGroup.LABEL_GROUP);
        } else if (group != null && !group.equals(labels.get(ApiGroup.LABEL_GROUP))) {
            set.put(ApiGroup.LABEL_GROUP, group);
        }
        if (!set.isEmpty() || !remove.isEmpty() || !keys.equals(had == null ? "" : had)) {
            writer.labelPod(pod, set, remove, ANNOTATION, keys);
        }
    }

    private static String groupLabel(DataCenterApp app) {
        String group = app.getSpec() == null ? null : app.getSpec().getGroup();
        return group == null || group.isEmpty() ? null : Names.groupLabel(group);
    }
}
