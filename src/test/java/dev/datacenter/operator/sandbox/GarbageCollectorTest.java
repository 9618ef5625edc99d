package dev.datacenter.operator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datacenter.operator.model.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class GarbageCollectorTest {

    static JsonNode object(String name, String uid, String metadataExtra) {
        return Json.parse("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name
                + "\",\"namespace\":\"demo\",\"uid\":\"" + uid + "\"" + metadataExtra + "}}");
    }

    static String ownedBy(String uid, boolean block) {
        return ",\"ownerReferences\":[{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"name\":\"o\",\"uid\":\"" + uid
                + "\",\"blockOwnerDeletion\":" + block + "}]";
    }

    static String deleting(String finalizer) {
        return ",\"deletionTimestamp\":\"2026-01-01T00:00:00Z\",\"finalizers\":[\"" + finalizer + "\"]";
    }

    @Test
    void theOwnershipViewKeepsApiVersionKindAndMetadataAndDropsTheRest() {
        String pod = "{\"kind\":\"Pod\",\"spec\":{\"containers\":[{\"name\":\"app\",\"args\":[\"-x\"]}],"
                + "\"nodeName\":\"n1\"},\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"p\",\"namespace\":\"demo\","
                + "\"uid\":\"9\"" + ownedBy("2", true) + deleting(GarbageCollector.FOREGROUND)
                + "},\"status\":{\"phase\":\"Running\",\"conditions\":[{\"type\":\"Ready\"}]}}";

        JsonNode view = Json.parseOwnership(pod);
        JsonNode whole = Json.parse(pod);

        assertThat(view.get("apiVersion")).isEqualTo(whole.get("apiVersion"));
        assertThat(view.get("kind")).isEqualTo(whole.get("kind"));
        assertThat(view.get("metadata")).isEqualTo(whole.get("metadata"));
        assertThat(view.has("spec") || view.has("status")).isFalse();
        JsonNode owner = object("o", "2", "");
        assertThat(GarbageCollector.collect(List.of(whole, owner)))
                .containsExactly(new GarbageCollector.RemoveFinalizer(whole, GarbageCollector.FOREGROUND));
        assertThat(GarbageCollector.collect(List.of(view, owner)))
                .as("the same decision on the view")
                .containsExactly(new GarbageCollector.RemoveFinalizer(view, GarbageCollector.FOREGROUND));
    }

    @Test
    void aDependentWhoseOwnerIsGoneIsDeletedAndOneWithItsOwnerIsKept() {
        JsonNode orphan = object("a", "1", ownedBy("gone", false));
        JsonNode owner = object("o", "2", "");
        JsonNode kept = object("b", "3", ownedBy("2", false));

        List<GarbageCollector.Action> actions = GarbageCollector.collect(List.of(orphan, owner, kept));

        assertThat(actions).containsExactly(new GarbageCollector.Delete(orphan));
    }

    @Test
    void foregroundDeletesDependentsFirstAndReleasesTheOwnerOnceNoBlockingDependentRemains() {
        JsonNode owner = object("o", "2", deleting(GarbageCollector.FOREGROUND));
        JsonNode blocking = object("b", "3", ownedBy("2", true));

        assertThat(GarbageCollector.collect(List.of(owner, blocking)))
                .containsExactly(new GarbageCollector.Delete(blocking));
        assertThat(GarbageCollector.collect(List.of(owner)))
                .containsExactly(new GarbageCollector.RemoveFinalizer(owner, GarbageCollector.FOREGROUND));
    }

    @Test
    void orphanTakesTheOwnerReferenceOffThenReleasesTheOwner() {
        JsonNode owner = object("o", "2", deleting(GarbageCollector.ORPHAN));
        JsonNode dependent = object("b", "3", ownedBy("2", true));

        assertThat(GarbageCollector.collect(List.of(owner, dependent)))
                .containsExactly(new GarbageCollector.RemoveOwnerReference(dependent, "2"));
        assertThat(GarbageCollector.collect(List.of(owner, object("b", "3", ""))))
                .containsExactly(new GarbageCollector.RemoveFinalizer(owner, GarbageCollector.ORPHAN));
    }

    @Test
    void anOwnerInAnotherNamespaceCountsAsAbsent() {
        JsonNode owner = Json.parse(
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"o\",\"namespace\":\"other\",\"uid\":\"2\"}}");
        JsonNode dependent = object("b", "3", ownedBy("2", false));

        assertThat(GarbageCollector.collect(List.of(owner, dependent)))
                .containsExactly(new GarbageCollector.Delete(dependent));
    }
}
