package pretix.resilience;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * The package boundaries the build enforces: judging is pure (checkers, objectives and the result
 * model see a history, never Docker or a stack), everything else sees nodes through the engine
 * boundary, packages do not depend on each other in a circle, and the Toxiproxy server and the
 * stand-in shop stand alone, since each ships in an image of its own.
 */
@AnalyzeClasses(packages = "pretix.resilience", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] ORCHESTRATION = {"..resilience.run..", "..resilience.stack..",
        "..resilience.engine..", "..resilience.fault..", "..resilience.roles..", "..resilience.workload..",
        "..resilience.scenario..", "..resilience.report..", "..resilience.cli..", "org.testcontainers..",
        "com.github.dockerjava.."};

    @ArchTest
    static final ArchRule judgingIsPure = noClasses()
            .that().resideInAnyPackage("..resilience.check..", "..resilience.history..", "..resilience.slo..",
                    "..resilience.result..")
            .should().dependOnClassesThat().resideInAnyPackage(ORCHESTRATION)
            .because("a checker or objective is a function of a recorded history, unit tested without Docker");

    @ArchTest
    static final ArchRule scenarioFilesAreAModel = noClasses()
            .that().resideInAPackage("..resilience.scenario..")
            .should().dependOnClassesThat().resideInAnyPackage("..resilience.run..", "..resilience.engine..",
                    "org.testcontainers..", "com.github.dockerjava..")
            .because("a scenario file is read and validated without starting anything; run/ runs it");

    @ArchTest
    static final ArchRule onlyTheEngineTalksToDocker = noClasses()
            .that().resideOutsideOfPackages("..resilience.engine.docker..", "..resilience.doctor..",
                    "..resilience.cli..", "..resilience.junit..")
            .should().dependOnClassesThat().resideInAnyPackage("..resilience.engine.docker..", "org.testcontainers..",
                    "com.github.dockerjava..")
            .because("faults, roles, workload and runs see a stack through the Engine interface, so that another"
                    + " engine is added without touching them; the CLI and the JUnit extension choose the engine,"
                    + " the doctor repairs Docker");

    @ArchTest
    static final ArchRule componentsAreFreeOfCycles = slices().assignedFrom(new Components()).should().beFreeOfCycles()
            .because("the Docker engine uses the role observer for readiness, which sees nodes through the interface");

    @ArchTest
    static final ArchRule theToxiproxyServerStandsAlone = standsAlone("toxiproxy")
            .because("it is a drop-in Toxiproxy that toxiproxy-java and ToxiproxyContainer use unchanged");

    @ArchTest
    static final ArchRule theShopStandsAlone = standsAlone("shop")
            .because("it stands in for pretix in an image of its own");

    private static ArchRule standsAlone(String component) {
        String inside = "pretix.resilience." + component + "..";
        return noClasses().that().resideInAPackage(inside).should().dependOnClassesThat(
                resideInAPackage("pretix.resilience..").and(resideOutsideOfPackage(inside)));
    }

    /** A top-level package of the harness, each engine implementation apart from the engine interface. */
    private static final class Components implements SliceAssignment {

        private static final String ROOT = "pretix.resilience.";

        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            if (!name.startsWith(ROOT)) {
                return SliceIdentifier.ignore();
            }
            String[] parts = name.substring(ROOT.length()).split("\\.");
            return SliceIdentifier.of(parts[0].equals("engine") && parts.length > 1 ? parts[0] + "." + parts[1] : parts[0]);
        }

        @Override
        public String getDescription() {
            return "top-level packages, each engine implementation on its own";
        }
    }
}
