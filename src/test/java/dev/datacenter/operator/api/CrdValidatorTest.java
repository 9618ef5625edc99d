package dev.datacenter.operator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datacenter.operator.validation.CrdValidator;
import dev.datacenter.operator.validation.KubernetesQuantity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness itself: it must accept what the API server accepts and refuse what it refuses. */
class CrdValidatorTest {

    static final CrdValidator APPS = CrdValidator.forKind("DataCenterApp");
    static final CrdValidator POOLS = CrdValidator.forKind("ResourcePool");

    static String app(String spec) {
        return "apiVersion: datacenter.dev/v1alpha1\nkind: DataCenterApp\nmetadata: {name: a, namespace: demo}\nspec:\n"
                + "  container: {image: nginx}\n" + spec;
    }

    static List<String> errors(CrdValidator v, String yaml) {
        return v.validate(yaml).stream().map(Object::toString).toList();
    }

    @Test
    void acceptsMinimalApp() {
        assertThat(errors(APPS, app("  resources: {cpus: 500m, mem: 256Mi}\n"))).isEmpty();
    }

    @Test
    void quantitiesAreIntOrString() {
        assertThat(errors(APPS, app("  resources: {cpus: 2, mem: 1Gi}\n"))).isEmpty();
        assertThat(errors(APPS, app("  resources: {cpus: \"0.5\", mem: 268435456}\n")))
                .isEmpty();
        assertThat(errors(APPS, app("  resources: {cpus: 0.5, mem: 1Gi}\n")))
                .containsExactly(
                        "spec.resources.cpus: Invalid value: \"number\": spec.resources.cpus in body must be of type integer,string: \"number\"",
                        "Invalid value: \"null\": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation");
    }

    @Test
    void quantityRulesUseExactParser() {
        assertThat(errors(APPS, app("  resources: {cpus: 0, mem: 1Gi}\n")))
                .containsExactly(
                        "spec.resources.cpus: Invalid value: \"object\": cpus must be a positive quantity, such as 0.5 or 500m");
        assertThat(errors(APPS, app("  resources: {cpus: abc, mem: 1Gi}\n")))
                .containsExactly(
                        "spec.resources.cpus: Invalid value: \"object\": cpus must be a positive quantity, such as 0.5 or 500m");
        assertThat(errors(APPS, app("  resources: {cpus: 1m, mem: -1Mi}\n")))
                .containsExactly(
                        "spec.resources.mem: Invalid value: \"object\": mem must be a positive quantity, such as 256Mi or 1Gi");
    }

    @Test
    void defaultsApplyBeforeRules() {
        // protocol defaults to HTTP, so a check without portName is refused by a rule reading self.protocol
        assertThat(errors(APPS, app("  resources: {cpus: 1, mem: 1Gi}\n  healthChecks: [{path: /}]\n")))
                .containsExactly(
                        "spec.healthChecks[0].portName: Invalid value: \"object\": an HTTP, HTTPS or TCP check needs a portName naming one of the app's ports");
        assertThat(APPS.withDefaults(APPS.validateInput(app("  resources: {cpus: 1, mem: 1Gi}\n")))
                        .at("/spec/instances")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void schemaErrorsReadLikeKubectl() {
        assertThat(errors(APPS, app("  instances: -1\n  resources: {cpus: 1, mem: 1Gi}\n")))
                .containsExactly(
                        "spec.instances: Invalid value: -1: spec.instances in body should be greater than or equal to 0");
        assertThat(errors(APPS, app("  killSelection: Random\n  resources: {cpus: 1, mem: 1Gi}\n")))
                .containsExactly(
                        "spec.killSelection: Unsupported value: \"Random\": supported values: \"OldestFirst\", \"YoungestFirst\"",
                        "Invalid value: \"null\": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation");
        assertThat(errors(APPS, app("  resources: {cpus: 1}\n")))
                .containsExactly(
                        "spec.resources.mem: Required value",
                        "Invalid value: \"null\": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation");
        assertThat(errors(APPS, app("  resources: {cpus: 1, mem: 1Gi}\n  replicas: 3\n")))
                .containsExactly("unknown field \"spec.replicas\"");
        assertThat(
                        errors(
                                POOLS,
                                "apiVersion: datacenter.dev/v1alpha1\nkind: ResourcePool\nmetadata: {name: p}\nspec: {weight: 0}\n"))
                .containsExactly("spec.weight: Invalid value: 0: spec.weight in body should be greater than 0");
    }

    @Test
    void rulesUnderItemsRunPerElementAndAbsentNodesDoNot() {
        assertThat(errors(
                        APPS,
                        app("  resources: {cpus: 1, mem: 1Gi}\n  constraints:\n"
                                + "  - {field: \"@hostname\", operator: UNIQUE}\n  - {field: rack, operator: LIKE}\n")))
                .containsExactly(
                        "spec.constraints[1].value: Invalid value: \"object\": value is required for the LIKE, UNLIKE, MAX_PER and IS operators");
    }

    @Test
    void aRuleReadingAFieldCelCannotSeeDoesNotCompile() throws Exception {
        java.nio.file.Path crd = java.nio.file.Files.createTempFile("crd", ".yml");
        java.nio.file.Files.writeString(crd, """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: things.example.org}
                spec:
                  group: example.org
                  names: {kind: Thing, plural: things}
                  scope: Namespaced
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    schema:
                      openAPIV3Schema:
                        type: object
                        properties:
                          spec:
                            type: object
                            properties:
                              cpus: {x-kubernetes-preserve-unknown-fields: true}
                            x-kubernetes-validations:
                            - {rule: "isQuantity(string(self.cpus))", message: m}
                """);
        assertThatThrownBy(() -> CrdValidator.forCrd(crd))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not compile")
                .hasMessageContaining("cpus");
    }

    @Test
    void quantityParser() {
        assertThat(KubernetesQuantity.parse("500m")
                        .orElseThrow()
                        .compareTo(KubernetesQuantity.parse("0.5").orElseThrow()))
                .isZero();
        assertThat(KubernetesQuantity.parse("1Ki").orElseThrow().value().intValue())
                .isEqualTo(1024);
        assertThat(KubernetesQuantity.parse("1e3")
                        .orElseThrow()
                        .compareTo(KubernetesQuantity.parse("1k").orElseThrow()))
                .isZero();
        assertThat(KubernetesQuantity.parse("-1").orElseThrow().sign()).isEqualTo(-1);
        assertThat(KubernetesQuantity.parse("abc")).isEmpty();
        assertThat(KubernetesQuantity.parse("1 Gi")).isEmpty();
        assertThat(KubernetesQuantity.parse("1GB")).isEmpty();
    }

    static CrdValidator synthetic(String specSchema) throws Exception {
        java.nio.file.Path crd = java.nio.file.Files.createTempFile("crd", ".yml");
        java.nio.file.Files.writeString(crd, """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: things.example.org}
                spec:
                  group: example.org
                  names: {kind: Thing, plural: things}
                  scope: Namespaced
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    schema:
                      openAPIV3Schema:
                        type: object
                        properties:
                          spec:
                """ + specSchema.indent(16));
        return CrdValidator.forCrd(crd);
    }

    static final String THING = "apiVersion: example.org/v1\nkind: Thing\nmetadata: {name: t}\n";

    @Test
    void aRuleRunsOnlyWhereItsNodeIsPresentAndOncePerItem() throws Exception {
        CrdValidator v = synthetic("""
                type: object
                properties:
                  optional:
                    type: object
                    properties: {n: {type: integer}}
                    x-kubernetes-validations: [{rule: "self.n > 0", message: n must be positive}]
                  items:
                    type: array
                    items:
                      type: object
                      properties: {n: {type: integer}}
                      x-kubernetes-validations: [{rule: "self.n > 0", message: n must be positive}]
                """);
        assertThat(errors(v, THING + "spec: {}\n")).isEmpty();
        assertThat(errors(v, THING + "spec: {optional: {n: 0}}\n"))
                .containsExactly("spec.optional: Invalid value: \"object\": n must be positive");
        assertThat(errors(v, THING + "spec: {items: [{n: 0}, {n: 1}, {n: -1}]}\n"))
                .containsExactly(
                        "spec.items[0]: Invalid value: \"object\": n must be positive",
                        "spec.items[2]: Invalid value: \"object\": n must be positive");
    }

    @Test
    void rulesAreTypeCheckedAgainstTheSchemaAsTheApiServerDoes() {
        assertThatThrownBy(() -> synthetic("""
                type: object
                properties: {n: {type: integer}}
                x-kubernetes-validations: [{rule: "self.n == 'one'", message: m}]
                """))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not compile");
        assertThatThrownBy(() -> synthetic("""
                type: object
                properties: {n: {type: integer}}
                x-kubernetes-validations: [{rule: "self.m > 0", message: m}]
                """))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not compile");
        assertThatThrownBy(() -> synthetic("""
                type: object
                properties: {n: {type: integer}}
                x-kubernetes-validations: [{rule: "self.n", message: m}]
                """))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must evaluate to bool");
    }

    @Test
    void whatTheHarnessCannotEvaluateFailsLoudly() {
        assertThatThrownBy(() -> synthetic("""
                type: object
                properties: {n: {type: integer}}
                x-kubernetes-validations: [{rule: "self.n >= oldSelf.n", message: m}]
                """))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("transition");
        assertThatThrownBy(() -> synthetic("""
                type: object
                properties: {n: {type: integer}}
                x-kubernetes-validations: [{rule: "self.n > 0", messageExpression: "'n is ' + string(self.n)"}]
                """))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("messageExpression");
    }

    @Test
    void untypedFieldsAcceptAnythingAndNestedDefaultsApply() throws Exception {
        CrdValidator v = synthetic("""
                type: object
                properties:
                  free: {x-kubernetes-preserve-unknown-fields: true}
                  strategy:
                    type: object
                    default: {}
                    properties:
                      a: {type: integer, default: 5}
                      b: {type: integer, default: 1}
                    x-kubernetes-validations: [{rule: "self.a >= self.b", message: a must be at least b}]
                """);
        assertThat(errors(v, THING + "spec: {free: {any: [1, x, {y: true}]}}\n"))
                .isEmpty();
        assertThat(errors(v, THING + "spec: {free: 0.5}\n")).isEmpty();
        assertThat(v.withDefaults(v.validateInput(THING + "spec: {}\n"))
                        .at("/spec/strategy/a")
                        .asInt())
                .isEqualTo(5);
        assertThat(errors(v, THING + "spec: {strategy: {b: 6}}\n"))
                .containsExactly("spec.strategy: Invalid value: \"object\": a must be at least b");
    }

    @Test
    void kubernetesCelQuantityLibrary() throws Exception {
        CrdValidator v = synthetic("""
                type: object
                properties:
                  q: {x-kubernetes-int-or-string: true}
                x-kubernetes-validations:
                - {rule: "!has(self.q) || quantity(string(self.q)).isGreaterThan(quantity('1500m'))", message: more than 1.5}
                - {rule: "!has(self.q) || quantity(string(self.q)).compareTo(quantity('2Gi')) < 0", message: less than 2Gi}
                - {rule: "!has(self.q) || isQuantity(string(self.q))", message: a quantity}
                """);
        assertThat(errors(v, THING + "spec: {q: 2}\n")).isEmpty();
        assertThat(errors(v, THING + "spec: {q: 1600m}\n")).isEmpty();
        assertThat(errors(v, THING + "spec: {q: 1500m}\n"))
                .containsExactly("spec: Invalid value: \"object\": more than 1.5");
        assertThat(errors(v, THING + "spec: {q: 2Gi}\n"))
                .containsExactly("spec: Invalid value: \"object\": less than 2Gi");
        // quantity() of a non-quantity is an evaluation error, reported with the rule, as the API server does
        assertThat(errors(v, THING + "spec: {q: lots}\n"))
                .hasSize(3)
                .last()
                .asString()
                .contains("a quantity");
    }
}
