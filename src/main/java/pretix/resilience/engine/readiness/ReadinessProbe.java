package pretix.resilience.engine.readiness;

import java.time.Duration;
import java.util.function.Function;
import pretix.resilience.stack.DeployedNode;

/** How a node is asked whether it is ready, and how often: as often as the question is cheap. */
public record ReadinessProbe(Function<DeployedNode, Readiness> check, Duration interval) {}
