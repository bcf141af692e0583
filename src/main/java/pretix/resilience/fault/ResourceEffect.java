package pretix.resilience.fault;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import pretix.resilience.engine.Engine;
import pretix.resilience.stack.DeployedNode;
import pretix.resilience.stack.DeployedStack;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/** What a resource fault takes from a node; lifting the node's limits (and starting it again) undoes it. */
public sealed interface ResourceEffect {

    String describe();

    void apply(Engine engine, DeployedStack stack, DeployedNode node);

    /**
     * A share of one core: health checks and heartbeats that run late, as on a host whose other
     * tenants take the CPU (Docker's {@code --cpus}).
     */
    record CpuStarvation(double cores) implements ResourceEffect {
        public CpuStarvation {
            if (!(cores > 0 && cores <= 1)) {
                throw new IllegalArgumentException("a share of one core above 0 and at most 100 %, not " + cores);
            }
        }

        public String describe() {
            return String.format(Locale.ROOT, "starve (%.0f %% of a core)", cores * 100);
        }

        public void apply(Engine engine, DeployedStack stack, DeployedNode node) {
            engine.limitCpu(node, cores);
        }
    }

    /**
     * A Redis master without {@code maxmemory} whose data outgrows its memory: the limit is set
     * just above what it uses, and one write larger than the rest makes the kernel kill it.
     */
    record OutOfMemory() implements ResourceEffect {
        /** What the node may still take when the limit is set: far less than {@link #WRITE_BYTES}. */
        static final long HEADROOM_BYTES = 16L << 20;
        static final long WRITE_BYTES = 4 * HEADROOM_BYTES;
        static final String KEY = "chaos:out-of-memory";
        private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

        public String describe() {
            return "oom";
        }

        /** @throws IllegalStateException when the node is not a writable master, or survives the write */
        public void apply(Engine engine, DeployedStack stack, DeployedNode node) {
            long used = engine.workingSet(node).orElseThrow(
                    () -> new IllegalStateException(node.name() + " reports no memory use: does it run?"));
            engine.limitMemory(node, limit(used));
            try (Jedis redis = stack.clients().redis(node.servicePort(), WRITE_TIMEOUT)) {
                redis.setrange(KEY, WRITE_BYTES - 1, "x");
            } catch (JedisException killedWhileWriting) {
                // The expected end: the connection goes with the process.
            }
            try {
                Awaitility.await().atMost(WRITE_TIMEOUT).pollInterval(Duration.ofMillis(100))
                        .until(() -> !engine.state(stack, node).running());
            } catch (ConditionTimeoutException survived) {
                engine.liftResourceLimits(node);
                throw new IllegalStateException(node.name() + " still runs after a write of " + (WRITE_BYTES >> 20)
                        + " MiB under a limit of " + (limit(used) >> 20) + " MiB: is it a Redis master (replicas refuse"
                        + " writes)?", survived);
            }
        }

        static long limit(long used) {
            return used + HEADROOM_BYTES;
        }
    }

    /**
     * PostgreSQL's WAL disk full. A primary writes into its current 16 MB segment until it needs a
     * new one, which at this load can take many minutes: it is made to begin new segments
     * ({@code pg_switch_wal}) until it needs the space, as it would at the end of that segment, and
     * from then on refuses to write (PANIC, and it stops), rather than lose what it cannot log. A
     * standby only stops receiving the log.
     */
    record DiskFull() implements ResourceEffect {
        /** Far more than the segments a primary keeps in reserve: it needs the space within a few switches. */
        private static final Duration REFUSAL_TIMEOUT = Duration.ofSeconds(10);
        private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(2);

        public String describe() {
            return "disk_full";
        }

        /** @throws IllegalStateException when a primary still writes its log on the full disk */
        public void apply(Engine engine, DeployedStack stack, DeployedNode node) {
            engine.fillDisk(stack, node);
            try (Connection postgres = stack.clients().postgres(node.servicePort(), QUERY_TIMEOUT);
                 Statement statement = postgres.createStatement()) {
                if (standby(statement)) {
                    return;
                }
                Awaitility.await().atMost(REFUSAL_TIMEOUT).pollInterval(Duration.ofMillis(100))
                        .until(() -> refusesNewSegment(statement));
            } catch (SQLException refusedAtOnce) {
                // Already stopped on the full disk (the load wrote past the segment's end).
            } catch (ConditionTimeoutException stillWrites) {
                engine.freeDisk(stack, node);
                throw new IllegalStateException(node.name() + " still writes its log " + REFUSAL_TIMEOUT.toSeconds()
                        + " s after its disk was filled", stillWrites);
            }
        }

        private static boolean standby(Statement statement) throws SQLException {
            try (ResultSet recovery = statement.executeQuery("select pg_is_in_recovery()")) {
                return recovery.next() && recovery.getBoolean(1);
            }
        }

        /** A transaction that writes to the log, then a switch to a new segment; true once either is refused. */
        private static boolean refusesNewSegment(Statement statement) {
            try {
                statement.execute("select txid_current()");
                statement.execute("select pg_switch_wal()");
                return false;
            } catch (SQLException refused) {
                return true;
            }
        }
    }
}
