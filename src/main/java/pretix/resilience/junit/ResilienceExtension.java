package pretix.resilience.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import pretix.resilience.engine.Engine;
import pretix.resilience.engine.docker.DockerEngine;
import pretix.resilience.doctor.Doctor;
import pretix.resilience.report.Reports;
import pretix.resilience.run.LaunchedStacks;
import pretix.resilience.stack.Topology;
import pretix.resilience.ProjectHome;

/** Starts the suite's stack once per class (removed with the class) and hands each test its {@link Resilience}. */
final class ResilienceExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ResilienceExtension.class);

    /** The class's stacks, closed by JUnit with the class's store. */
    private record SuiteStacks(Engine engine, LaunchedStacks stacks) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            stacks.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        var checks = new Doctor(System.out::println).run(false);
        assertThat(Doctor.allPassed(checks))
                .as("this machine cannot run stacks; `./chaos doctor --fix` repairs it:%n%s", Doctor.checklist(checks))
                .isTrue();
        ResilienceSuite suite = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), ResilienceSuite.class)
                .orElseThrow();
        SuiteStacks stacks = context.getStore(NAMESPACE).getOrComputeIfAbsent(SuiteStacks.class, key -> {
            Engine engine = DockerEngine.local();
            return new SuiteStacks(engine, new LaunchedStacks(engine, false, System.out::println));
        }, SuiteStacks.class);
        stacks.stacks().stackFor(Topology.defaults(suite.profile()));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Resilience.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ResilienceSuite suite = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), ResilienceSuite.class)
                .orElseThrow();
        SuiteStacks stacks = context.getStore(NAMESPACE).get(SuiteStacks.class, SuiteStacks.class);
        Path evidence = ProjectHome.directory().resolve(Reports.ROOT)
                .resolve(context.getRequiredTestClass().getSimpleName()).resolve(context.getRequiredTestMethod().getName());
        return new Resilience(stacks.engine(), stacks.stacks(), Topology.defaults(suite.profile()), evidence);
    }
}
