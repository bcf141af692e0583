package pretix.resilience.engine.docker.launch;

import java.time.Duration;
import java.util.function.Function;

/** How a node is asked whether it is ready, and how often: as often as the question is cheap. */
record ReadinessProbe(Function<NodeContainer, Readiness> check, Duration interval) {}
