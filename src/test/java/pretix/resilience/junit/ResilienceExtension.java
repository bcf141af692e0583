package pretix.resilience.junit;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import pretix.resilience.stack.Topology;
import pretix.resilience.stack.image.ProjectHome;

/** Starts the suite's stack once per class (removed with the class) and hands each test its {@link Resilience}. */
final class ResilienceExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ResilienceExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        ResilienceSuite suite = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), ResilienceSuite.class)
                .orElseThrow();
        context.getStore(NAMESPACE).getOrComputeIfAbsent(SuiteStack.class,
                key -> new SuiteStack(Topology.defaults(suite.profile())));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Resilience.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        SuiteStack stack = context.getStore(NAMESPACE).get(SuiteStack.class, SuiteStack.class);
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
}
