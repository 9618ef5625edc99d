package dev.datacenter.operator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.datacenter.operator.allocation.AllocationView;
import dev.datacenter.operator.allocation.FrameworkView;
import dev.datacenter.operator.allocation.PublishedCycle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules each {@code package-info.java} states, checked on the compiled classes: the engine knows
 * nothing of Kubernetes, the pure builders and aggregators know no runtime, the HTTP API reads the allocation
 * loop only through its view, and every write to the API goes through {@code cluster}.
 */
class ArchitectureTest {
    private static final String ROOT = "dev.datacenter.operator";
    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void placementUsesTheJdkOnly() {
        classes()
                .that()
                .resideInAPackage(ROOT + ".placement..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(ROOT + ".placement..", "java..")
                .check(main);
    }

    @Test
    void modelAndStatusAreFreeOfTheRuntime() {
        noClasses()
                .that()
                .resideInAnyPackage(ROOT + ".model..", ROOT + ".status..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        ROOT + ".cluster..",
                        ROOT + ".runtime..",
                        ROOT + ".app..",
                        ROOT + ".allocation..",
                        ROOT + ".pool..",
                        ROOT + ".claims..",
                        ROOT + ".web..",
                        ROOT + ".sandbox..",
                        "io.fabric8.kubernetes.client..",
                        "io.quarkus..",
                        "jakarta.inject..",
                        "jakarta.enterprise..")
                .check(main);
    }

    @Test
    void webReadsTheAllocationLoopOnlyThroughItsView() {
        DescribedPredicate<JavaClass> view = DescribedPredicate.describe(
                "the allocation view types",
                c -> c.isEquivalentTo(AllocationView.class)
                        || c.isEquivalentTo(PublishedCycle.class)
                        || c.isEquivalentTo(FrameworkView.class));
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".web..")
                .should()
                .dependOnClassesThat(DescribedPredicate.and(
                        JavaClass.Predicates.resideInAnyPackage(
                                ROOT + ".allocation..",
                                ROOT + ".app..",
                                ROOT + ".pool..",
                                ROOT + ".claims..",
                                ROOT + ".runtime..",
                                ROOT + ".sandbox.."),
                        DescribedPredicate.not(view)))
                .check(main);
    }

    @Test
    void onlyTheClusterPortTalksToTheApiServer() {
        noClasses()
                .that()
                .resideOutsideOfPackages(ROOT + ".cluster..", ROOT + ".sandbox..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.fabric8.kubernetes.client.dsl..")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("io.fabric8.kubernetes.client.KubernetesClient")
                .check(main);
    }

    @Test
    void placementStateClassesKeepTheirFieldsToThemselves() {
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".placement..")
                .should(accessNonPrivateFieldsOfOtherClassesOfTheirPackage())
                .check(main);
    }

    @Test
    void webAndAppClassesKeepTheirFieldsToThemselves() {
        noClasses()
                .that()
                .resideInAnyPackage(ROOT + ".web..", ROOT + ".app..")
                .should(accessNonPrivateFieldsOfOtherClassesOfTheirPackage())
                .check(main);
    }

    /**
     * Reading or writing a field another class of the same package declares (a nested class counts as part of its
     * top-level class), unless the field is private or a static final constant. Record components are read
     * through their accessors, which are methods, so records pass.
     */
    private static ArchCondition<JavaClass> accessNonPrivateFieldsOfOtherClassesOfTheirPackage() {
        return new ArchCondition<>("access non-private fields of other classes of their package") {
            @Override
            public void check(JavaClass accessor, ConditionEvents events) {
                for (JavaFieldAccess access : accessor.getFieldAccessesFromSelf()) {
                    JavaField field = access.getTarget().resolveMember().orElse(null);
                    if (field == null) continue;
                    JavaClass owner = field.getOwner();
                    boolean constant = field.getModifiers().contains(JavaModifier.STATIC)
                            && field.getModifiers().contains(JavaModifier.FINAL);
                    boolean foreign = owner.getPackageName().equals(accessor.getPackageName())
                            && !topLevel(owner).equals(topLevel(accessor))
                            && !field.getModifiers().contains(JavaModifier.PRIVATE)
                            && !constant;
                    if (foreign) events.add(SimpleConditionEvent.satisfied(access, access.getDescription()));
                }
            }
        };
    }

    private static JavaClass topLevel(JavaClass c) {
        JavaClass t = c;
        while (t.getEnclosingClass().isPresent()) t = t.getEnclosingClass().get();
        return t;
    }

    @Test
    void testsAreNamedByTheirLayer() {
        JavaClasses tests = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages(ROOT);
        // in-process API tests (a Quarkus application with the mock or the sandbox API) end in MockTest;
        // benchmarks (*Benchmark, run by their own command, never by the test suite) print figures instead
        classes()
                .that()
                .areAnnotatedWith("io.quarkus.test.junit.QuarkusTest")
                .should()
                .haveSimpleNameEndingWith("MockTest")
                .orShould()
                .haveSimpleNameEndingWith("IT")
                .orShould()
                .haveSimpleNameEndingWith("Benchmark")
                .check(tests);
    }

    @Test
    void theOperatorNeverImportsTheSandbox() {
        noClasses()
                .that()
                .resideOutsideOfPackage(ROOT + ".sandbox..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(ROOT + ".sandbox..")
                .check(main);
    }
}
