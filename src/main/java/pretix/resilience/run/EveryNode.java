package pretix.resilience.run;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import pretix.resilience.stack.DeployedNode;
import pretix.resilience.stack.DeployedStack;

/**
 * One question asked of every running node of a stack at once, each on a thread of its own:
 * Docker takes up to a second per node to answer, and the common pool has one thread on two cores.
 */
final class EveryNode implements AutoCloseable {

    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);

    private final ExecutorService questions;

    EveryNode(String name) {
        this.questions = Executors.newCachedThreadPool(daemon(name));
    }

    /** Threads that never keep the harness from exiting. */
    static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The answers of the nodes that gave one within 5 s, in the stack's order of nodes. */
    Map<DeployedNode, Long> ask(DeployedStack stack, Function<DeployedNode, OptionalLong> question) {
        Map<DeployedNode, CompletableFuture<OptionalLong>> asked = new LinkedHashMap<>();
        stack.nodes().stream().filter(DeployedNode::running).forEach(node -> asked.put(node,
                CompletableFuture.supplyAsync(() -> question.apply(node), questions)
                        .completeOnTimeout(OptionalLong.empty(), ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                        .exceptionally(failure -> OptionalLong.empty())));
        Map<DeployedNode, Long> answers = new LinkedHashMap<>();
        asked.forEach((node, answer) -> answer.join().ifPresent(value -> answers.put(node, value)));
        return answers;
    }

    @Override
    public void close() {
        questions.shutdownNow();
    }
}
