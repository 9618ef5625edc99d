package dev.datacenter.operator.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Validates objects against a CRD from {@code crds/} the way a Kubernetes API server does, without
 * one: defaults, then the OpenAPI schema (networknt JSON-schema validator), then every
 * {@code x-kubernetes-validations} rule (CEL-Java), reporting errors as {@code kubectl apply} shows
 * them ({@code spec.instances: Invalid value: -1: spec.instances in body should be greater than or
 * equal to 0}).
 * <p>
 * Faithful to the API server where it matters for our CRDs:
 * <ul>
 * <li>{@code default}s are applied top-down before anything is validated, so rules see defaulted
 * values ({@code self.protocol} of a check without a protocol is {@code HTTP});</li>
 * <li>{@code x-kubernetes-int-or-string} means integer or string (a fractional number is refused);
 * a node with only {@code x-kubernetes-preserve-unknown-fields} accepts any value;</li>
 * <li>fields the schema does not declare are refused, as {@code kubectl}'s default strict field
 * validation does;</li>
 * <li>CEL rules are type-checked against types derived from the schema as the API server derives
 * them: objects are structs of their declared fields, int-or-string is dyn, and an untyped field
 * is invisible to CEL, so a rule that reads one fails to compile here as it would there;</li>
 * <li>a rule runs only where its node is present, for each element under {@code items}; a rule with
 * a {@code fieldPath} reports at that path; no rule runs when the schema found a type, required,
 * enum, maxLength or maxItems error, as the API server does;</li>
 * <li>the Kubernetes quantity library ({@code isQuantity}, {@code quantity}, {@code sign},
 * {@code compareTo}, {@code isGreaterThan}, {@code isLessThan}) is bound to an exact parser.</li>
 * </ul>
 * Not checked (only a real API server can): the CEL cost budget, transition rules ({@code oldSelf}),
 * {@code messageExpression}, list-type/map-key invariants, formats, metadata (name syntax), and
 * that the CRD itself is structural. A rule that does not compile throws {@link IllegalStateException}.
 */
public final class CrdValidator {

    /** One error, as the API server words it. */
    public record Violation(String path, String detail) {
        @Override
        public String toString() {
            return path.isEmpty() ? detail : path + ": " + detail;
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final CelType QUANTITY = OpaqueType.create("kubernetes.Quantity");
    /** Schema failures after which the API server does not run CEL rules (they would see a broken object). */
    private static final Set<String> BLOCKING =
            Set.of("type", "required", "enum", "maxLength", "maxItems", "maxProperties");

    private static final String BLOCKED =
            "Invalid value: \"null\": some validation rules were not checked because the object was invalid; "
                    + "correct the existing errors to complete validation";

    private final String kind;
    private final JsonNode openApiSchema;
    private final JsonSchema jsonSchema;
    private final Map<JsonNode, CelType> celTypes = new IdentityHashMap<>();
    private final Map<String, CelType> namedTypes = new HashMap<>();
    private final Map<JsonNode, List<CelRuntime.Program>> programs = new IdentityHashMap<>();

    private CrdValidator(JsonNode crd) {
        this.kind = crd.at("/spec/names/kind").asText();
        JsonNode versions = crd.at("/spec/versions");
        if (versions.size() != 1) {
            throw new IllegalArgumentException("expected one version in " + kind + ", got " + versions.size());
        }
        this.openApiSchema = versions.get(0).at("/schema/openAPIV3Schema");
        ObjectNode translated = toJsonSchema(openApiSchema, true);
        this.jsonSchema =
                JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(translated);
        declareTypes(openApiSchema, kind, true);
        compileRules(openApiSchema, "");
    }

    /** The validator for the CRD in {@code crds/} whose kind is {@code kind}. */
    public static CrdValidator forKind(String kind) {
        return forCrd(crdFile(kind));
    }

    /** The validator of a CRD object (as stored by an API server, JSON or YAML tree). */
    public static CrdValidator forCrd(JsonNode crd) {
        return new CrdValidator(crd);
    }

    public static CrdValidator forCrd(Path crdFile) {
        try {
            return new CrdValidator(YAML.readTree(crdFile.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file under {@code crds/} that defines {@code kind}. */
    public static Path crdFile(String kind) {
        try (var files = Files.list(Path.of("crds"))) {
            for (Path f : files.sorted().toList()) {
                if (YAML.readTree(f.toFile()).at("/spec/names/kind").asText().equals(kind)) {
                    return f;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException("no CRD for kind " + kind + " in crds/");
    }

    public String kind() {
        return kind;
    }

    /** How many CEL rules this CRD has (all compiled when the validator was built). */
    public int ruleCount() {
        return programs.values().stream().mapToInt(List::size).sum();
    }

    public List<Violation> validate(String yaml) {
        return validate(validateInput(yaml));
    }

    /** {@code yaml} parsed as the tree this validator works on. */
    public JsonNode validateInput(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every error the API server would report for {@code object}; empty when it would accept it. */
    public List<Violation> validate(JsonNode object) {
        JsonNode defaulted = withDefaults(object);
        List<Violation> errors = new ArrayList<>();
        List<Violation> unknownFields = new ArrayList<>();
        boolean blocking = false;
        for (ValidationMessage m : sorted(jsonSchema.validate(defaulted))) {
            Violation v = describe(m);
            if (m.getType().equals("additionalProperties")) {
                unknownFields.add(v);
            }
            errors.add(v);
            blocking |= BLOCKING.contains(m.getType());
        }
        if (!unknownFields.isEmpty()) {
            // strict field validation fails the request while decoding, before any validation
            return unknownFields;
        }
        if (blocking) {
            errors.add(new Violation("", BLOCKED));
        } else {
            evaluateRules(openApiSchema, defaulted, "", errors);
        }
        return errors;
    }

    /** {@code object} as the API server stores it: every {@code default} of the schema applied. */
    public JsonNode withDefaults(JsonNode object) {
        JsonNode copy = object.deepCopy();
        applyDefaults(openApiSchema, copy);
        return copy;
    }

    /**
     * {@code object} without the fields its schema does not declare, as the API server prunes them when
     * the request does not ask for strict field validation (a node with
     * {@code x-kubernetes-preserve-unknown-fields} keeps everything; {@code apiVersion}, {@code kind} and
     * {@code metadata} are kept at the root).
     */
    public JsonNode pruned(JsonNode object) {
        JsonNode copy = object.deepCopy();
        prune(openApiSchema, copy, true);
        return copy;
    }

    private static void prune(JsonNode schema, JsonNode value, boolean root) {
        if (schema == null
                || schema.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
            return;
        }
        if (value instanceof ObjectNode obj) {
            JsonNode props = schema.get("properties");
            JsonNode additional = schema.get("additionalProperties");
            List<String> names = new ArrayList<>();
            obj.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (root && Set.of("apiVersion", "kind", "metadata").contains(name)) {
                    continue;
                }
                if (props != null && props.has(name)) {
                    prune(props.get(name), obj.get(name), false);
                } else if (additional != null && additional.isObject()) {
                    prune(additional, obj.get(name), false);
                } else if (additional == null || !additional.asBoolean(false)) {
                    obj.remove(name);
                }
            }
        } else if (value instanceof ArrayNode array && schema.has("items")) {
            array.forEach(e -> prune(schema.get("items"), e, false));
        }
    }

    // ---------------------------------------------------------------- defaults

    private static void applyDefaults(JsonNode schema, JsonNode value) {
        if (value instanceof ObjectNode obj) {
            JsonNode props = schema.get("properties");
            if (props != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> p = it.next();
                    if (!obj.has(p.getKey()) && p.getValue().has("default")) {
                        obj.set(p.getKey(), p.getValue().get("default").deepCopy());
                    }
                    if (obj.has(p.getKey())) {
                        applyDefaults(p.getValue(), obj.get(p.getKey()));
                    }
                }
            }
            JsonNode additional = schema.get("additionalProperties");
            if (additional != null && additional.isObject()) {
                obj.fields().forEachRemaining(e -> applyDefaults(additional, e.getValue()));
            }
        } else if (value instanceof ArrayNode array && schema.has("items")) {
            array.forEach(e -> applyDefaults(schema.get("items"), e));
        }
    }

    // ---------------------------------------------------------------- OpenAPI -> JSON schema

    private static final Set<String> COPIED = Set.of(
            "type",
            "required",
            "enum",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "minLength",
            "maxLength",
            "pattern",
            "minItems",
            "maxItems",
            "minProperties",
            "maxProperties",
            "uniqueItems");

    private static ObjectNode toJsonSchema(JsonNode k8s, boolean root) {
        ObjectNode out = NODES.objectNode();
        k8s.fields().forEachRemaining(e -> {
            if (COPIED.contains(e.getKey())) {
                out.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        if (k8s.path("x-kubernetes-int-or-string").asBoolean()) {
            out.set("type", NODES.arrayNode().add("integer").add("string"));
        }
        boolean preserve = k8s.path("x-kubernetes-preserve-unknown-fields").asBoolean();
        ObjectNode props = NODES.objectNode();
        if (k8s.has("properties")) {
            k8s.get("properties")
                    .fields()
                    .forEachRemaining(e -> props.set(e.getKey(), toJsonSchema(e.getValue(), false)));
        }
        if (root) {
            props.set("apiVersion", NODES.objectNode().put("type", "string"));
            props.set("kind", NODES.objectNode().put("type", "string"));
            props.set("metadata", NODES.objectNode().put("type", "object"));
        }
        if (!props.isEmpty()) {
            out.set("properties", props);
        }
        JsonNode additional = k8s.get("additionalProperties");
        if (additional != null) {
            out.set("additionalProperties", additional.isObject() ? toJsonSchema(additional, false) : additional);
        } else if ("object".equals(k8s.path("type").asText()) && !preserve) {
            // kubectl's default strict field validation refuses fields the schema does not declare
            out.put("additionalProperties", false);
        }
        if (k8s.has("items")) {
            out.set("items", toJsonSchema(k8s.get("items"), false));
        }
        for (String unsupported : List.of("allOf", "oneOf", "not")) {
            if (k8s.has(unsupported)) {
                throw new IllegalStateException("CrdValidator does not translate " + unsupported);
            }
        }
        if (k8s.has("anyOf") && !k8s.path("x-kubernetes-int-or-string").asBoolean()) {
            throw new IllegalStateException("CrdValidator translates anyOf only for x-kubernetes-int-or-string");
        }
        return out;
    }

    private static List<ValidationMessage> sorted(Set<ValidationMessage> messages) {
        return messages.stream()
                .sorted((a, b) -> a.getInstanceLocation()
                        .toString()
                        .compareTo(b.getInstanceLocation().toString()))
                .toList();
    }

    private Violation describe(ValidationMessage m) {
        List<Object> at = elements(m.getInstanceLocation());
        String path = render(at);
        JsonNode schema = schemaAt(at);
        JsonNode value = m.getInstanceNode();
        String v = value == null ? "null" : value.toString();
        switch (m.getType()) {
            case "required":
                return new Violation(join(path, m.getProperty()), "Required value");
            case "additionalProperties":
                return new Violation("", "unknown field \"" + join(path, m.getProperty()) + "\"");
            case "enum": {
                String supported = schema == null
                        ? ""
                        : toList(schema.get("enum")).stream()
                                .map(JsonNode::toString)
                                .collect(Collectors.joining(", "));
                return new Violation(path, "Unsupported value: " + v + ": supported values: " + supported);
            }
            case "minimum":
                return new Violation(
                        path,
                        "Invalid value: " + v + ": " + path + " in body should be greater than "
                                + (schema != null
                                                && schema.path("exclusiveMinimum")
                                                        .asBoolean()
                                        ? ""
                                        : "or equal to ")
                                + number(schema, "minimum"));
            case "maximum":
                return new Violation(
                        path,
                        "Invalid value: " + v + ": " + path + " in body should be less than "
                                + (schema != null
                                                && schema.path("exclusiveMaximum")
                                                        .asBoolean()
                                        ? ""
                                        : "or equal to ")
                                + number(schema, "maximum"));
            case "pattern":
                return new Violation(
                        path,
                        "Invalid value: " + v + ": " + path + " in body should match '"
                                + schema.path("pattern").asText() + "'");
            case "minLength":
                return new Violation(
                        path,
                        "Invalid value: " + v + ": " + path + " in body should be at least "
                                + schema.path("minLength").asInt() + " chars long");
            case "maxLength":
                return new Violation(
                        path,
                        "Too long: may not be more than "
                                + schema.path("maxLength").asInt() + " bytes");
            case "maxItems":
                return new Violation(
                        path,
                        "Too many: " + value.size() + ": must have at most "
                                + schema.path("maxItems").asInt() + " items");
            case "minItems":
                return new Violation(
                        path,
                        "Invalid value: " + value.size() + ": " + path + " in body should have at least "
                                + schema.path("minItems").asInt() + " items");
            case "type": {
                String expected = schema == null
                        ? "?"
                        : schema.path("x-kubernetes-int-or-string").asBoolean()
                                ? "integer,string"
                                : schema.path("type").asText();
                String actual = jsonType(value);
                return new Violation(
                        path,
                        "Invalid value: \"" + actual + "\": " + path + " in body must be of type " + expected + ": \""
                                + actual + "\"");
            }
            default:
                return new Violation(path, m.getMessage());
        }
    }

    private static String number(JsonNode schema, String keyword) {
        JsonNode n = schema.path(keyword);
        return n.isNumber() && n.decimalValue().stripTrailingZeros().scale() <= 0
                ? n.decimalValue().toBigInteger().toString()
                : n.asText();
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        if (array != null) {
            array.forEach(out::add);
        }
        return out;
    }

    private static String jsonType(JsonNode value) {
        if (value == null || value.isNull()) {
            return "null";
        }
        if (value.isIntegralNumber()) {
            return "integer";
        }
        if (value.isNumber()) {
            return "number";
        }
        if (value.isTextual()) {
            return "string";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        return value.isArray() ? "array" : "object";
    }

    private static List<Object> elements(JsonNodePath p) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < p.getNameCount(); i++) {
            out.add(p.getElement(i));
        }
        return out;
    }

    private static String render(List<Object> elements) {
        StringBuilder sb = new StringBuilder();
        for (Object e : elements) {
            if (e instanceof Integer i) {
                sb.append('[').append(i).append(']');
            } else {
                sb.append(sb.length() == 0 ? "" : ".").append(e);
            }
        }
        return sb.toString();
    }

    private static String join(String path, String child) {
        return path.isEmpty() ? child : path + "." + child;
    }

    private JsonNode schemaAt(List<Object> elements) {
        JsonNode s = openApiSchema;
        for (Object e : elements) {
            if (s == null) {
                return null;
            }
            if (e instanceof Integer) {
                s = s.get("items");
            } else if (s.has("properties") && s.get("properties").has((String) e)) {
                s = s.get("properties").get((String) e);
            } else {
                s = s.get("additionalProperties");
            }
        }
        return s;
    }

    // ---------------------------------------------------------------- CEL types, as the API server derives them

    private CelType declareTypes(JsonNode s, String name, boolean resourceRoot) {
        CelType t = celTypeOf(s, name, resourceRoot);
        if (t != null) {
            celTypes.put(s, t);
        }
        return t;
    }

    private CelType celTypeOf(JsonNode s, String name, boolean resourceRoot) {
        if (s.path("x-kubernetes-int-or-string").asBoolean()) {
            return SimpleType.DYN;
        }
        switch (s.path("type").asText()) {
            case "array": {
                CelType items = s.has("items") ? declareTypes(s.get("items"), name + ".@items", false) : null;
                return items == null ? null : ListType.create(items);
            }
            case "object": {
                JsonNode additional = s.get("additionalProperties");
                if (additional != null && additional.isObject()) {
                    CelType values = declareTypes(additional, name + ".@values", false);
                    return values == null ? null : MapType.create(SimpleType.STRING, values);
                }
                Map<String, CelType> fields = new LinkedHashMap<>();
                if (s.has("properties")) {
                    s.get("properties").fields().forEachRemaining(e -> {
                        CelType f = declareTypes(e.getValue(), name + "." + e.getKey(), false);
                        if (f != null) { // an untyped field is invisible to CEL, as in the API server
                            fields.put(e.getKey(), f);
                        }
                    });
                }
                if (resourceRoot) {
                    fields.putIfAbsent("apiVersion", SimpleType.STRING);
                    fields.putIfAbsent("kind", SimpleType.STRING);
                    StructType meta = StructType.create(
                            name + ".metadata",
                            ImmutableSet.of("name", "generateName"),
                            f -> Optional.of(SimpleType.STRING));
                    namedTypes.put(meta.name(), meta);
                    fields.putIfAbsent("metadata", meta);
                }
                StructType struct = StructType.create(
                        name, ImmutableSet.copyOf(fields.keySet()), f -> Optional.ofNullable(fields.get(f)));
                namedTypes.put(name, struct);
                return struct;
            }
            case "string":
                return SimpleType.STRING;
            case "boolean":
                return SimpleType.BOOL;
            case "number":
                return SimpleType.DOUBLE;
            case "integer":
                return SimpleType.INT;
            default:
                return null;
        }
    }

    private final CelTypeProvider typeProvider = new CelTypeProvider() {
        @Override
        public ImmutableCollection<CelType> types() {
            return ImmutableList.copyOf(namedTypes.values());
        }

        @Override
        public Optional<CelType> findType(String typeName) {
            return Optional.ofNullable(namedTypes.get(typeName));
        }
    };

    private void compileRules(JsonNode s, String path) {
        JsonNode rules = s.get("x-kubernetes-validations");
        if (rules != null) {
            CelType selfType = celTypes.get(s);
            if (selfType == null) {
                throw new IllegalStateException(kind + " " + path + ": x-kubernetes-validations on a node without a"
                        + " type CEL can see; the API server refuses this CRD");
            }
            Cel cel = environment(selfType);
            List<CelRuntime.Program> compiled = new ArrayList<>();
            for (JsonNode rule : rules) {
                if (rule.has("messageExpression") || rule.path("rule").asText().contains("oldSelf")) {
                    throw new IllegalStateException(
                            "CrdValidator does not evaluate messageExpression or transition" + " rules: " + rule);
                }
                String expression = rule.path("rule").asText();
                if (rule.has("fieldPath")) {
                    JsonNode target = s;
                    for (String part :
                            rule.get("fieldPath").asText().substring(1).split("\\.")) {
                        target = target.path("properties").path(part);
                    }
                    if (target.isMissingNode()) {
                        throw new IllegalStateException(
                                "fieldPath " + rule.get("fieldPath").asText() + " of a rule of " + kind + " at " + path
                                        + " names no declared field; the API server refuses the CRD");
                    }
                }
                CelValidationResult result = cel.compile(expression);
                if (result.hasError()) {
                    throw new IllegalStateException("CEL rule of " + kind + " at " + (path.isEmpty() ? "<root>" : path)
                            + " does not compile, so the API server would refuse the CRD: " + expression + "\n"
                            + result.getErrorString());
                }
                try {
                    CelAbstractSyntaxTree ast = result.getAst();
                    if (!ast.getResultType().equals(SimpleType.BOOL)) {
                        throw new IllegalStateException("CEL rule of " + kind + " at " + path
                                + " must evaluate to bool, not " + ast.getResultType() + ": " + expression);
                    }
                    compiled.add(cel.createProgram(ast));
                } catch (dev.cel.common.CelValidationException | CelEvaluationException e) {
                    throw new IllegalStateException(e);
                }
            }
            programs.put(s, compiled);
        }
        if (s.has("properties")) {
            s.get("properties").fields().forEachRemaining(e -> compileRules(e.getValue(), join(path, e.getKey())));
        }
        if (s.has("items")) {
            compileRules(s.get("items"), path + "[*]");
        }
        if (s.path("additionalProperties").isObject()) {
            compileRules(s.get("additionalProperties"), path + "[*]");
        }
    }

    private Cel environment(CelType selfType) {
        return CelFactory.standardCelBuilder()
                .setOptions(CelOptions.current()
                        .enableHeterogeneousNumericComparisons(true)
                        .build())
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .setTypeProvider(typeProvider)
                .addVar("self", selfType)
                .addFunctionDeclarations(
                        CelFunctionDecl.newFunctionDeclaration(
                                "isQuantity",
                                CelOverloadDecl.newGlobalOverload(
                                        "is_quantity_string", SimpleType.BOOL, SimpleType.STRING)),
                        CelFunctionDecl.newFunctionDeclaration(
                                "quantity",
                                CelOverloadDecl.newGlobalOverload("quantity_string", QUANTITY, SimpleType.STRING)),
                        CelFunctionDecl.newFunctionDeclaration(
                                "sign", CelOverloadDecl.newMemberOverload("quantity_sign", SimpleType.INT, QUANTITY)),
                        CelFunctionDecl.newFunctionDeclaration(
                                "compareTo",
                                CelOverloadDecl.newMemberOverload(
                                        "quantity_compare_to_quantity", SimpleType.INT, QUANTITY, QUANTITY)),
                        CelFunctionDecl.newFunctionDeclaration(
                                "isGreaterThan",
                                CelOverloadDecl.newMemberOverload(
                                        "quantity_is_greater_than_quantity", SimpleType.BOOL, QUANTITY, QUANTITY)),
                        CelFunctionDecl.newFunctionDeclaration(
                                "isLessThan",
                                CelOverloadDecl.newMemberOverload(
                                        "quantity_is_less_than_quantity", SimpleType.BOOL, QUANTITY, QUANTITY)))
                .addFunctionBindings(
                        CelFunctionBinding.from(
                                "is_quantity_string",
                                String.class,
                                s -> KubernetesQuantity.parse(s).isPresent()),
                        CelFunctionBinding.from("quantity_string", String.class, CrdValidator::quantity),
                        CelFunctionBinding.from("quantity_sign", KubernetesQuantity.class, q -> (long) q.sign()),
                        CelFunctionBinding.from(
                                "quantity_compare_to_quantity",
                                KubernetesQuantity.class,
                                KubernetesQuantity.class,
                                (a, b) -> (long) Integer.signum(a.compareTo(b))),
                        CelFunctionBinding.from(
                                "quantity_is_greater_than_quantity",
                                KubernetesQuantity.class,
                                KubernetesQuantity.class,
                                (a, b) -> a.compareTo(b) > 0),
                        CelFunctionBinding.from(
                                "quantity_is_less_than_quantity",
                                KubernetesQuantity.class,
                                KubernetesQuantity.class,
                                (a, b) -> a.compareTo(b) < 0))
                .build();
    }

    private static KubernetesQuantity quantity(String s) throws CelEvaluationException {
        return KubernetesQuantity.parse(s)
                .orElseThrow(() -> new IllegalArgumentException("quantities must match the regular expression"
                        + " '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': " + s));
    }

    // ---------------------------------------------------------------- CEL evaluation

    private void evaluateRules(JsonNode s, JsonNode value, String path, List<Violation> errors) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return;
        }
        List<CelRuntime.Program> compiled = programs.get(s);
        if (compiled != null) {
            Object self = toCel(s, value);
            JsonNode rules = s.get("x-kubernetes-validations");
            for (int i = 0; i < compiled.size(); i++) {
                JsonNode rule = rules.get(i);
                String where = path + rule.path("fieldPath").asText("");
                where = where.startsWith(".") ? where.substring(1) : where;
                String type = s.path("x-kubernetes-int-or-string").asBoolean()
                        ? jsonType(value)
                        : s.path("type").asText();
                try {
                    Object result = compiled.get(i).eval(Map.of("self", self));
                    if (!Boolean.TRUE.equals(result)) {
                        String message = rule.has("message")
                                ? rule.get("message").asText()
                                : "failed rule: " + rule.path("rule").asText();
                        errors.add(new Violation(where, "Invalid value: \"" + type + "\": " + message));
                    }
                } catch (CelEvaluationException | RuntimeException e) {
                    errors.add(new Violation(
                            where,
                            "Invalid value: \"" + type + "\": " + e.getMessage() + " evaluating rule: "
                                    + rule.path("rule").asText()));
                }
            }
        }
        if (value.isObject() && s.has("properties")) {
            s.get("properties")
                    .fields()
                    .forEachRemaining(
                            e -> evaluateRules(e.getValue(), value.get(e.getKey()), join(path, e.getKey()), errors));
        }
        if (value.isObject() && s.path("additionalProperties").isObject()) {
            value.fields()
                    .forEachRemaining(e -> evaluateRules(
                            s.get("additionalProperties"), e.getValue(), path + "[" + e.getKey() + "]", errors));
        }
        if (value.isArray() && s.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                evaluateRules(s.get("items"), value.get(i), path + "[" + i + "]", errors);
            }
        }
    }

    /** The CEL value of {@code value}, typed by its schema node as the API server types it. */
    private static Object toCel(JsonNode s, JsonNode value) {
        if (value == null || value.isNull()) {
            return dev.cel.common.values.NullValue.NULL_VALUE;
        }
        if (s == null) {
            return generic(value);
        }
        if (s.path("x-kubernetes-int-or-string").asBoolean()) {
            return value.isIntegralNumber() ? (Object) value.asLong() : generic(value);
        }
        switch (s.path("type").asText()) {
            case "integer":
                return value.isNumber() ? (Object) value.asLong() : generic(value);
            case "number":
                return value.isNumber() ? (Object) value.asDouble() : generic(value);
            case "array": {
                List<Object> out = new ArrayList<>();
                value.forEach(e -> out.add(toCel(s.get("items"), e)));
                return out;
            }
            case "object": {
                Map<String, Object> out = new LinkedHashMap<>();
                JsonNode props = s.get("properties");
                JsonNode additional = s.get("additionalProperties");
                value.fields().forEachRemaining(e -> {
                    if (e.getValue().isNull()) {
                        return;
                    }
                    if (props != null && props.has(e.getKey())) {
                        out.put(e.getKey(), toCel(props.get(e.getKey()), e.getValue()));
                    } else if (additional != null && additional.isObject()) {
                        out.put(e.getKey(), toCel(additional, e.getValue()));
                    } else {
                        out.put(e.getKey(), generic(e.getValue()));
                    }
                });
                return out;
            }
            default:
                return generic(value);
        }
    }

    private static Object generic(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isArray()) {
            List<Object> out = new ArrayList<>();
            value.forEach(e -> out.add(generic(e)));
            return out;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        value.fields().forEachRemaining(e -> out.put(e.getKey(), generic(e.getValue())));
        return out;
    }

    /** Every rule of this CRD with its schema location, for reports. */
    public Set<String> rules() {
        Set<String> out = new LinkedHashSet<>();
        programs.keySet()
                .forEach(s -> s.get("x-kubernetes-validations")
                        .forEach(r -> out.add(r.path("rule").asText())));
        return out;
    }
}
