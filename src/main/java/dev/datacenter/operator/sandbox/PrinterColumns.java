package dev.datacenter.operator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The columns of {@code kubectl get}, as a real API server serves them: a CRD's
 * {@code additionalPrinterColumns}, and kubectl's familiar columns for nodes, pods, namespaces, claims and
 * volumes. Other kinds have none here, and kubectl falls back to NAME and AGE.
 */
final class PrinterColumns {

    private static final Map<String, String> ACCESS_MODES =
            Map.of("ReadWriteOnce", "RWO", "ReadOnlyMany", "ROX", "ReadWriteMany", "RWX", "ReadWriteOncePod", "RWOP");

    private PrinterColumns() {}

    static Optional<List<TableColumn>> of(ApiPath path, List<CustomResourceDefinition> crds) {
        if (path.group().isEmpty()) {
            return builtin(path.resource());
        }
        return crds.stream()
                .filter(crd -> crd.getSpec().getGroup().equals(path.group())
                        && crd.getSpec().getNames().getPlural().equals(path.resource()))
                .flatMap(crd -> crd.getSpec().getVersions().stream())
                .filter(v -> v.getName().equals(path.version()))
                .findFirst()
                .map(v -> crdColumns(v.getAdditionalPrinterColumns()));
    }

    private static List<TableColumn> crdColumns(List<CustomResourceColumnDefinition> definitions) {
        List<TableColumn> columns = new ArrayList<>(List.of(TableColumn.nameColumn()));
        if (definitions == null || definitions.isEmpty()) {
            columns.add(TableColumn.ageColumn());
            return columns;
        }
        for (CustomResourceColumnDefinition d : definitions) {
            boolean date = "date".equals(d.getType());
            columns.add(new TableColumn(
                    d.getName(),
                    date ? "string" : d.getType(),
                    d.getFormat() == null ? "" : d.getFormat(),
                    d.getPriority() == null ? 0 : d.getPriority(),
                    o -> {
                        String value = JsonPathLite.evaluate(o, d.getJsonPath());
                        return date && !value.isEmpty() ? HumanDuration.since(value) : value;
                    }));
        }
        return columns;
    }

    private static Optional<List<TableColumn>> builtin(String resource) {
        return Optional.ofNullable(
                switch (resource) {
                    case "nodes" ->
                        List.of(
                                TableColumn.nameColumn(),
                                TableColumn.of("Status", PrinterColumns::nodeStatus),
                                TableColumn.of("Roles", PrinterColumns::nodeRoles),
                                TableColumn.ageColumn(),
                                TableColumn.of(
                                        "Version",
                                        o -> o.path("status")
                                                .path("nodeInfo")
                                                .path("kubeletVersion")
                                                .asText("")),
                                TableColumn.wide("Internal-IP", o -> address(o, "InternalIP")),
                                TableColumn.wide("Zone", o -> label(o, "topology.kubernetes.io/zone")),
                                TableColumn.wide("Rack", o -> label(o, "rack")));
                    case "pods" ->
                        List.of(
                                TableColumn.nameColumn(),
                                TableColumn.of("Ready", PrinterColumns::podReady),
                                TableColumn.of("Status", PrinterColumns::podStatus),
                                TableColumn.of(
                                        "Restarts",
                                        o -> sum(o.path("status").path("containerStatuses"), "restartCount")),
                                TableColumn.ageColumn(),
                                TableColumn.wide(
                                        "IP", o -> text(o.path("status").path("podIP"))),
                                TableColumn.wide(
                                        "Node", o -> text(o.path("spec").path("nodeName"))));
                    case "namespaces" ->
                        List.of(
                                TableColumn.nameColumn(),
                                TableColumn.of(
                                        "Status",
                                        o -> o.path("status").path("phase").asText("Active")),
                                TableColumn.ageColumn());
                    case "persistentvolumeclaims" ->
                        List.of(
                                TableColumn.nameColumn(),
                                TableColumn.of(
                                        "Status",
                                        o -> o.path("status").path("phase").asText("Pending")),
                                TableColumn.of(
                                        "Volume",
                                        o -> o.path("spec").path("volumeName").asText("")),
                                TableColumn.of(
                                        "Capacity",
                                        o -> o.path("status")
                                                .path("capacity")
                                                .path("storage")
                                                .asText("")),
                                TableColumn.of(
                                        "Access Modes",
                                        o -> accessModes(o.path("status").path("accessModes"))),
                                TableColumn.of(
                                        "StorageClass",
                                        o -> o.path("spec")
                                                .path("storageClassName")
                                                .asText("")),
                                TableColumn.ageColumn());
                    case "persistentvolumes" ->
                        List.of(
                                TableColumn.nameColumn(),
                                TableColumn.of(
                                        "Capacity",
                                        o -> o.path("spec")
                                                .path("capacity")
                                                .path("storage")
                                                .asText("")),
                                TableColumn.of(
                                        "Access Modes",
                                        o -> accessModes(o.path("spec").path("accessModes"))),
                                TableColumn.of(
                                        "Reclaim Policy",
                                        o -> o.path("spec")
                                                .path("persistentVolumeReclaimPolicy")
                                                .asText("")),
                                TableColumn.of(
                                        "Status",
                                        o -> o.path("status").path("phase").asText("")),
                                TableColumn.of(
                                        "Claim", o -> claim(o.path("spec").path("claimRef"))),
                                TableColumn.of(
                                        "StorageClass",
                                        o -> o.path("spec")
                                                .path("storageClassName")
                                                .asText("")),
                                TableColumn.ageColumn());
                    default -> null;
                });
    }

    private static String nodeStatus(JsonNode node) {
        boolean ready = false;
        for (JsonNode c : node.path("status").path("conditions")) {
            ready |= c.path("type").asText().equals("Ready")
                    && c.path("status").asText().equals("True");
        }
        String status = ready ? "Ready" : "NotReady";
        return node.path("spec").path("unschedulable").asBoolean() ? status + ",SchedulingDisabled" : status;
    }

    private static String nodeRoles(JsonNode node) {
        List<String> roles = new ArrayList<>();
        for (Iterator<String> it = node.path("metadata").path("labels").fieldNames(); it.hasNext(); ) {
            String label = it.next();
            if (label.startsWith("node-role.kubernetes.io/")) {
                roles.add(label.substring("node-role.kubernetes.io/".length()));
            }
        }
        return roles.isEmpty() ? "<none>" : String.join(",", roles);
    }

    private static String podReady(JsonNode pod) {
        int ready = 0;
        for (JsonNode c : pod.path("status").path("containerStatuses")) {
            ready += c.path("ready").asBoolean() ? 1 : 0;
        }
        return ready + "/" + pod.path("spec").path("containers").size();
    }

    private static String podStatus(JsonNode pod) {
        if (pod.path("metadata").hasNonNull("deletionTimestamp")) {
            return "Terminating";
        }
        return pod.path("status")
                .path("reason")
                .asText(pod.path("status").path("phase").asText("Pending"));
    }

    private static String address(JsonNode node, String type) {
        for (JsonNode a : node.path("status").path("addresses")) {
            if (a.path("type").asText().equals(type)) {
                return a.path("address").asText();
            }
        }
        return "<none>";
    }

    private static String label(JsonNode object, String label) {
        return object.path("metadata").path("labels").path(label).asText("<none>");
    }

    private static int sum(JsonNode list, String field) {
        int total = 0;
        for (JsonNode e : list) {
            total += e.path(field).asInt();
        }
        return total;
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? "<none>" : node.asText();
    }

    private static String accessModes(JsonNode modes) {
        List<String> short_ = new ArrayList<>();
        modes.forEach(m -> short_.add(ACCESS_MODES.getOrDefault(m.asText(), m.asText())));
        return String.join(",", short_);
    }

    private static String claim(JsonNode ref) {
        return ref.isMissingNode()
                ? ""
                : ref.path("namespace").asText() + "/" + ref.path("name").asText();
    }
}
