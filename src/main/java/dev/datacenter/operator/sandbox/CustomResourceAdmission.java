package dev.datacenter.operator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datacenter.operator.model.Json;
import dev.datacenter.operator.validation.CrdValidator;
import dev.datacenter.operator.validation.CrdValidator.Violation;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * What the API server does to a custom resource before storing it: the schema's defaults applied, the fields
 * the schema does not declare pruned (or refused with 400 when the request asks for strict field validation,
 * as {@code kubectl} does), then the OpenAPI schema and the {@code x-kubernetes-validations} rules checked by
 * {@link CrdValidator} (after the metadata checks of {@link ObjectMetaValidation}), a failure answered 422 with the server's Status ({@code DataCenterApp.datacenter.dev
 * "x" is invalid: spec.instances: Invalid value: -1: ...}).
 */
final class CustomResourceAdmission {

    private static final Logger LOG = Logger.getLogger(CustomResourceAdmission.class);

    /** The object to store, or the Status to answer instead. */
    record Outcome(JsonNode admitted, Status refusal) {
        boolean refused() {
            return refusal != null;
        }
    }

    private record Compiled(String version, Optional<CrdValidator> validator) {}

    private final Map<String, Compiled> validators = new ConcurrentHashMap<>();

    /** The validator of the CRD serving {@code target}, if the target is a custom resource whose schema compiles. */
    Optional<CrdValidator> validatorFor(ApiPath target, List<CustomResourceDefinition> crds) {
        if (target.group().isEmpty()) {
            return Optional.empty();
        }
        return crds.stream()
                .filter(crd -> crd.getSpec().getGroup().equals(target.group())
                        && crd.getSpec().getNames().getPlural().equals(target.resource()))
                .findFirst()
                .flatMap(this::validator);
    }

    private Optional<CrdValidator> validator(CustomResourceDefinition crd) {
        String key = crd.getMetadata().getName();
        String version = crd.getMetadata().getUid() + "/" + crd.getMetadata().getResourceVersion();
        Compiled compiled = validators.get(key);
        if (compiled == null || !compiled.version().equals(version)) {
            compiled = new Compiled(version, compile(crd));
            validators.put(key, compiled);
        }
        return compiled.validator();
    }

    private static Optional<CrdValidator> compile(CustomResourceDefinition crd) {
        try {
            return Optional.of(CrdValidator.forCrd(Json.MAPPER.valueToTree(crd)));
        } catch (RuntimeException e) {
            LOG.warnf(
                    "sandbox: objects of %s are stored without validation: %s",
                    crd.getMetadata().getName(), e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Admits {@code object} (the whole object as it would be stored) or says why not.
     *
     * @param strict whether the request asked for {@code fieldValidation=Strict}
     */
    static Outcome admit(CrdValidator validator, String group, JsonNode object, boolean strict) {
        JsonNode defaulted = validator.withDefaults(withoutNulls(object));
        List<Violation> violations = new java.util.ArrayList<>(ObjectMetaValidation.violations(object));
        violations.addAll(validator.validate(strict ? defaulted : validator.pruned(defaulted)));
        if (violations.isEmpty()) {
            return new Outcome(validator.pruned(defaulted), null);
        }
        String kind = validator.kind();
        String name = object.path("metadata").path("name").asText("");
        List<Violation> unknown = violations.stream()
                .filter(v -> v.path().isEmpty() && v.detail().startsWith("unknown field"))
                .toList();
        if (!unknown.isEmpty()) {
            String version = object.path("apiVersion").asText("").replaceFirst(".*/", "");
            return new Outcome(
                    null,
                    failure(
                            400,
                            "BadRequest",
                            kind + " in version \"" + version + "\" cannot be handled as a " + kind
                                    + ": strict decoding error: "
                                    + unknown.stream().map(Violation::detail).collect(Collectors.joining(", ")),
                            null));
        }
        return new Outcome(null, invalid(kind, group, name, violations));
    }

    /** The 422 Status {@code NewInvalid} builds: a message and one cause per error. */
    static Status invalid(String kind, String group, String name, List<Violation> violations) {
        String errors = violations.size() == 1
                ? violations.get(0).toString()
                : violations.stream().map(Violation::toString).collect(Collectors.joining(", ", "[", "]"));
        String qualified = group.isEmpty() ? kind : kind + "." + group;
        List<StatusCause> causes = violations.stream()
                .map(v -> new StatusCauseBuilder()
                        .withReason(causeReason(v.detail()))
                        .withMessage(v.detail())
                        .withField(v.path())
                        .build())
                .toList();
        Status status = failure(422, "Invalid", qualified + " \"" + name + "\" is invalid: " + errors, causes);
        status.getDetails().setName(name);
        status.getDetails().setGroup(group);
        status.getDetails().setKind(kind);
        return status;
    }

    private static String causeReason(String detail) {
        if (detail.startsWith("Required value")) {
            return "FieldValueRequired";
        }
        if (detail.startsWith("Unsupported value")) {
            return "FieldValueNotSupported";
        }
        if (detail.startsWith("Too long")) {
            return "FieldValueTooLong";
        }
        if (detail.startsWith("Too many")) {
            return "FieldValueTooMany";
        }
        return "FieldValueInvalid";
    }

    static Status failure(int code, String reason, String message, List<StatusCause> causes) {
        return new StatusBuilder()
                .withStatus("Failure")
                .withCode(code)
                .withReason(reason)
                .withMessage(message)
                .withNewDetails()
                .withCauses(causes)
                .endDetails()
                .build();
    }

    /** The API server drops the null fields of a custom resource (none of our schemas is nullable). */
    static JsonNode withoutNulls(JsonNode value) {
        JsonNode copy = value.deepCopy();
        dropNulls(copy);
        return copy;
    }

    private static void dropNulls(JsonNode value) {
        if (value instanceof ObjectNode obj) {
            List<String> nulls = new java.util.ArrayList<>();
            obj.fields().forEachRemaining(e -> {
                if (e.getValue().isNull()) {
                    nulls.add(e.getKey());
                } else {
                    dropNulls(e.getValue());
                }
            });
            obj.remove(nulls);
        } else if (value != null && value.isArray()) {
            value.forEach(CustomResourceAdmission::dropNulls);
        }
    }

    /** {@code object} with the {@code status} of {@code from} (or none), as the main resource's writes keep it. */
    static JsonNode withStatusOf(JsonNode object, JsonNode from) {
        ObjectNode copy = object.deepCopy();
        copy.remove("status");
        if (from != null && from.has("status")) {
            copy.set("status", from.get("status").deepCopy());
        }
        return copy;
    }
}
