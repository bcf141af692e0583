package pretix.resilience.roles;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import pretix.resilience.engine.Engine;
import pretix.resilience.history.History;
import pretix.resilience.history.RoleSample;
import pretix.resilience.stack.DeployedNode;
import pretix.resilience.stack.DeployedStack;
import pretix.resilience.stack.NodeClients;
import pretix.resilience.stack.Tier;
import pretix.resilience.stack.Topology;
import redis.clients.jedis.Jedis;

/**
 * Samples who can write every {@code interval} into a run's history: the PostgreSQL nodes out
 * of recovery, the Redis masters that accept a write, the masters the sentinels name. Every
 * question has {@code interval} to answer; a node that is late (frozen, gone) counts as no
 * writer in that sample. A second, slower loop observes every tier's health for the redundancy
 * check and keeps the stack's host endpoints current, since restarted nodes publish new ones.
 */
public final class RoleSampler implements AutoCloseable {

    private static final Duration HEALTH_INTERVAL = Duration.ofSeconds(1);
    /** A late answer is dropped after the interval anyway; this only frees the asking thread. */
    private static final Duration QUESTION_TIMEOUT = Duration.ofSeconds(1);

    private final Engine engine;
    private final RoleObserver observer;
    private final History history;
    private final Duration interval;
    private final AtomicReference<DeployedStack> stack;
    private final AtomicReference<Health> healthy = new AtomicReference<>(new Health(Map.of(), null));
    private final AtomicReference<RoleSnapshot> latest = new AtomicReference<>();
    private final ExecutorService questions = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "role-question");
        thread.setDaemon(true);
        return thread;
    });
    private final NodeClients clients;
    private final StandingPostgresConnections postgres;
    private final List<Thread> loops = new ArrayList<>();
    private volatile boolean running = true;

    public RoleSampler(Engine engine, DeployedStack stack, History history, Duration interval) {
        this.engine = engine;
        this.history = history;
        this.interval = interval;
        this.stack = new AtomicReference<>(stack);
        this.clients = stack.clients();
        this.postgres = new StandingPostgresConnections(clients, QUESTION_TIMEOUT);
        // Its own connections: a writer question in flight on a node would make it skip that node.
        this.observer = RoleObserver.keepingConnections(engine, clients);
        loops.add(loop("health-sampler", HEALTH_INTERVAL, this::observeHealth));
        loops.add(loop("writer-sampler", interval, () -> history.sample(sampleWriters(this.stack.get()))));
    }

    /** The stack as its engine last reported it. */
    public DeployedStack stack() {
        return stack.get();
    }

    /**
     * The last look at every node, taken at most a second ago once the sampler runs; empty before
     * its first. Whoever needs the stack's state meanwhile reads it here rather than asking every
     * node again: a look at a pgpool is a session, and a session logs in to every backend.
     */
    public Optional<RoleSnapshot> latestSnapshot() {
        return Optional.ofNullable(latest.get());
    }

    private Thread loop(String name, Duration every, Runnable work) {
        Thread thread = new Thread(() -> {
            while (running) {
                long started = System.nanoTime();
                try {
                    work.run();
                } catch (RuntimeException e) {
                    // The engine busy or the stack going away: the gap shows in the single-writer check.
                }
                long rest = every.toNanos() - (System.nanoTime() - started);
                try {
                    TimeUnit.NANOSECONDS.sleep(Math.max(0, rest));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Healthy nodes per tier, and when their observation began. */
    private record Health(Map<String, Integer> perTier, Long sinceNanos) {}

    private void observeHealth() {
        long since = history.clock().now();
        DeployedStack now = engine.stack(stack.get().id());
        stack.set(now);
        RoleSnapshot snapshot = observer.observe(now, false);
        latest.set(snapshot);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Tier tier : Tier.values()) {
            counts.put(tier.image(), snapshot.healthy(tier));
        }
        healthy.set(new Health(counts, since));
    }

    private RoleSample sampleWriters(DeployedStack now) {
        long at = history.clock().now();
        var primaries = ask(now.nodes(Tier.POSTGRES), postgres::isPrimary);
        var masters = ask(now.nodes(Tier.REDIS), this::acceptsWriteAsMaster);
        var sentinels = ask(now.nodes(Tier.SENTINEL), this::namedMaster);
        return new RoleSample(at, names(primaries, Boolean.TRUE::equals), names(masters, Boolean.TRUE::equals),
                answers(sentinels).stream().filter(Objects::nonNull).distinct().sorted().toList(),
                healthy.get().perTier(), healthy.get().sinceNanos());
    }

    /** Asks every running node at once; answers that are not in within the interval are dropped. */
    private <T> Map<String, CompletableFuture<T>> ask(List<DeployedNode> nodes, Function<DeployedNode, T> question) {
        Map<String, CompletableFuture<T>> asked = new LinkedHashMap<>();
        for (DeployedNode node : nodes) {
            if (node.running()) {
                asked.put(node.name(), CompletableFuture.supplyAsync(() -> question.apply(node), questions)
                        .completeOnTimeout(null, interval.toMillis(), TimeUnit.MILLISECONDS)
                        .exceptionally(failure -> null));
            }
        }
        return asked;
    }

    private static <T> List<String> names(Map<String, CompletableFuture<T>> asked, Predicate<T> holds) {
        return asked.entrySet().stream().filter(answer -> holds.test(answer.getValue().join()))
                .map(Map.Entry::getKey).sorted().toList();
    }

    private static <T> List<T> answers(Map<String, CompletableFuture<T>> asked) {
        return asked.values().stream().map(CompletableFuture::join).toList();
    }

    /** A master that refuses writes (min-replicas-to-write unmet) is no second writer. */
    private Boolean acceptsWriteAsMaster(DeployedNode node) {
        try (Jedis jedis = clients.redis(node.servicePort(), QUESTION_TIMEOUT)) {
            return jedis.info("replication").contains("role:master")
                    && "OK".equals(jedis.set("chaos:writer-check", node.name()));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private String namedMaster(DeployedNode node) {
        try (Jedis jedis = clients.sentinel(node.servicePort(), QUESTION_TIMEOUT)) {
            List<String> master = jedis.sentinelGetMasterAddrByName(Topology.REDIS_MASTER_NAME);
            return master == null || master.isEmpty() ? null : master.get(0);
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() {
        running = false;
        loops.forEach(Thread::interrupt);
        for (Thread loop : loops) {
            try {
                loop.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        questions.shutdownNow();
        postgres.close();
        observer.close();
    }
}
