package pretix.resilience.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import pretix.resilience.docker.Docker;
import pretix.resilience.doctor.CheckResult;
import pretix.resilience.doctor.Doctor;
import pretix.resilience.stack.Topology;
import pretix.resilience.stack.image.ProjectHome;
import pretix.resilience.stack.launch.RunningStack;
import pretix.resilience.stack.launch.StackLauncher;

/** Starts the suite's stack once per class (removed with the class) and hands each test its {@link Resilience}. */
final class ResilienceExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ResilienceExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        ResilienceSuite suite = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), ResilienceSuite.class)
                .orElseThrow();
        context.getStore(NAMESPACE).getOrComputeIfAbsent(RunningStackResource.class,
                key -> new RunningStackResource(launcher().launch(Topology.defaults(suite.profile()), false)));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Resilience.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        RunningStack stack = context.getStore(NAMESPACE).get(RunningStackResource.class, RunningStackResource.class).stack;
        Path reports = ProjectHome.directory().resolve("reports").resolve(context.getRequiredTestClass().getSimpleName())
                .resolve(reportName(context));
        return new Resilience(stack, reports);
    }

    /** The test method's name, plus the invocation's arguments for a parameterized test. */
    private static String reportName(ExtensionContext context) {
        String method = context.getRequiredTestMethod().getName();
        String display = context.getDisplayName();
        return display.startsWith(method) ? method
                : method + "-" + display.replaceAll("[^A-Za-z0-9.]+", "-").replaceAll("^-|-$", "");
    }

    private static StackLauncher launcher() {
        List<CheckResult> checks = new Doctor(System.out::println).run(false);
        assertThat(Doctor.allPassed(checks))
                .as("this machine cannot run stacks; `./chaos doctor --fix` repairs it:%n%s", Doctor.checklist(checks))
                .isTrue();
        return new StackLauncher(Docker.client(), ProjectHome.imagesDirectory(), System.out::println);
    }

    /** Closes the stack when JUnit drops the class's store. */
    private record RunningStackResource(RunningStack stack) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            stack.close();
        }
    }
}
