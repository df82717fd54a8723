package io.github.zmqffm;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

import java.lang.module.ModuleDescriptor;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The shape of the house, checked on the compiled classes: the public package holds the API and
 * nothing else, the engine lives in layers beneath it ({@code nat} under {@code life} under
 * {@code opt} under {@code io}), imports only run down, and no two classes depend on each other
 * in a circle.
 */
class ArchitectureTest {
    private static final String API = "io.github.zmqffm";
    private static final String ENGINE = "io.github.zmqffm.internal..";
    /** The API's value and exception types, which the engine reports in; never its facades. */
    private static final Set<String> API_LEAVES = Set.of("ZmqException", "ContextTerminatedException",
            "ZmqInterruptedException", "Errno", "SocketType", "Version").stream()
            .map(name -> API + "." + name).collect(Collectors.toSet());

    private static final JavaClasses MAIN = new ClassFileImporter().importPath(Path.of("target", "classes"));

    @Test
    void thePublicPackageHoldsOnlyPublicTypes() {
        classes().that().resideInAPackage(API).and().areTopLevelClasses().should().bePublic().check(MAIN);
    }

    @Test
    void theModuleExportsOnlyThePublicPackage() {
        ModuleDescriptor module = Socket.class.getModule().getDescriptor();
        assertEquals(Set.of(API), module.exports().stream().map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toSet()));
    }

    @Test
    void theEngineNeverNamesTheApisFacades() {
        noClasses().that().resideInAPackage(ENGINE)
                .should().dependOnClassesThat(resideInAPackage(API).and(notALeaf()))
                .check(MAIN);
    }

    @Test
    void theEngineLayersOnlyDependDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("api").definedBy(resideInAPackage(API).and(notALeaf()))
                .layer("io").definedBy("io.github.zmqffm.internal.io..")
                .layer("opt").definedBy("io.github.zmqffm.internal.opt..")
                .layer("life").definedBy("io.github.zmqffm.internal.life..")
                .layer("nat").definedBy("io.github.zmqffm.internal.nat..")
                .whereLayer("api").mayNotBeAccessedByAnyLayer()
                .whereLayer("io").mayOnlyBeAccessedByLayers("api")
                .whereLayer("opt").mayOnlyBeAccessedByLayers("api", "io")
                .whereLayer("life").mayOnlyBeAccessedByLayers("api", "io", "opt")
                .check(MAIN);
    }

    @Test
    void noClassesDependOnEachOtherInACircle() {
        slices().assignedFrom(new EachTopLevelClass()).should().beFreeOfCycles()
                .check(MAIN.that(resideInAnyPackage(API + "..").and(DescribedPredicate.not(resideInAPackage(API + ".raw")))));
    }

    private static DescribedPredicate<JavaClass> notALeaf() {
        return DescribedPredicate.describe("a facade (not an exception or value type)",
                type -> !API_LEAVES.contains(type.getName()));
    }

    /** One slice per top-level class, its nested classes included. */
    private static final class EachTopLevelClass implements SliceAssignment {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass type) {
            String name = type.getName();
            int nested = name.indexOf('$');
            return SliceIdentifier.of(nested < 0 ? name : name.substring(0, nested));
        }

        @Override
        public String getDescription() {
            return "each top-level class with its nested classes";
        }
    }
}
