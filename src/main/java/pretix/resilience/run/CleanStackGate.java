package pretix.resilience.run;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import pretix.resilience.roles.PgpoolView;
import pretix.resilience.roles.RoleObserver;
import pretix.resilience.roles.RoleSnapshot;
import pretix.resilience.stack.DeployedStack;
import pretix.resilience.stack.Tier;
import pretix.resilience.stack.Topology;

/**
 * Lets a run start only on a stack that is as good as a fresh one: every tier complete, one
 * writer that every observer names, no client bound to a demoted Redis master. A stack that an
 * earlier run left otherwise would make this run's verdict depend on which run came before.
 */
final class CleanStackGate {

    /** The health sampler looks at every node once a second. */
    private static final Duration POLL = Duration.ofSeconds(1);
    /**
     * Each look at the watchdogs runs a command in every pgpool ({@code docker exec}, 0.1-0.3 s of
     * CPU each on a slow 2-core machine): looking every second kept that machine so busy that the
     * pgpools it waited for answered late, and the wait ran out.
     */
    private static final Duration WATCHDOG_POLL = Duration.ofSeconds(5);

    private final RoleObserver observer;
    private final Topology topology;
    private final Duration bound;
    private final Interruption interruption;
    private final Consumer<String> progress;

    CleanStackGate(RoleObserver observer, Topology topology, Duration bound, Interruption interruption,
                   Consumer<String> progress) {
        this.observer = observer;
        this.topology = topology;
        this.bound = bound;
        this.interruption = interruption;
        this.progress = progress;
    }

    /**
     * Returns once every pgpool watchdog is in touch with every other under one leader, so that
     * the steady state and the first fault meet the failover machinery complete; throws when it
     * is not within the bound. Serving needs less: a fresh stack serves while its watchdogs still
     * connect, but that is the end of its start, not its steady state.
     */
    void awaitWatchdogs(DeployedStack stack) throws InterruptedException {
        if (!topology.profile().settings().pgpoolWatchdog()) {
            return;
        }
        long started = System.nanoTime();
        long deadline = started + bound.toNanos();
        List<String> gaps = gaps(stack);
        if (gaps.isEmpty()) {
            return;
        }
        progress.accept("  waiting up to " + bound.toSeconds() + " s before the load for every pgpool watchdog: "
                + String.join("; ", gaps));
        while (!gaps.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IncompleteStackException("the pgpool watchdogs are still not all in touch after "
                        + bound.toSeconds() + " s: " + String.join("; ", gaps));
            }
            interruption.pause(WATCHDOG_POLL);
            gaps = gaps(stack);
        }
        progress.accept(String.format("  every pgpool watchdog in touch with every other after %.1f s",
                (System.nanoTime() - started) / 1e9));
    }

    private List<String> gaps(DeployedStack stack) {
        return PgpoolView.watchdogGaps(observer.pgpools(stack, true), topology.count(Tier.PGPOOL));
    }

    /**
     * Returns once the stack is clean; throws when it is not within the bound, or at once when
     * all that is left is what no wait undoes.
     */
    void await(Supplier<Optional<RoleSnapshot>> latest) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + bound.toNanos();
        boolean waited = false;
        while (true) {
            Optional<RoleSnapshot> roles = latest.get();
            List<String> problems = roles.map(snapshot -> snapshot.problems(topology))
                    .orElse(List.of("not looked at yet"));
            if (problems.isEmpty()) {
                if (waited) {
                    progress.accept(String.format("  the stack is as good as a fresh one after %.1f s",
                            (System.nanoTime() - started) / 1e9));
                }
                return;
            }
            if (roles.isPresent() && problems.equals(roles.get().pinnedSessions())) {
                throw new IncompleteStackException("clients are still bound to a Redis node that is not the master, "
                        + "which no wait undoes: " + String.join("; ", problems));
            }
            if (System.nanoTime() > deadline) {
                throw new IncompleteStackException("the stack is still not as a fresh one after " + bound.toSeconds()
                        + " s: " + String.join("; ", problems));
            }
            if (!waited) {
                progress.accept("  waiting up to " + bound.toSeconds() + " s for the stack to be as good as a fresh one: "
                        + String.join("; ", problems));
                waited = true;
            }
            interruption.pause(POLL);
        }
    }
}
