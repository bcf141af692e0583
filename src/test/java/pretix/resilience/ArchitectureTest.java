package pretix.resilience;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package boundaries the build enforces: judging is pure (checkers, objectives and the result
 * model see a history, never Docker or a stack), and the Toxiproxy server and the stand-in shop
 * stand alone, since each ships in an image of its own.
 */
@AnalyzeClasses(packages = "pretix.resilience", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] ORCHESTRATION = {"..resilience.run..", "..resilience.stack..",
        "..resilience.docker..", "..resilience.fault..", "..resilience.roles..", "..resilience.workload..",
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
            .should().dependOnClassesThat().resideInAnyPackage("..resilience.run..", "..resilience.stack.launch..",
                    "..resilience.docker..", "org.testcontainers..", "com.github.dockerjava..")
            .because("a scenario file is read and validated without starting anything; run/ runs it");

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
}
