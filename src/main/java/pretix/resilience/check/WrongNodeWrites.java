package pretix.resilience.check;

import java.util.List;
import pretix.resilience.history.Operation;
import pretix.resilience.history.Outcome;

/**
 * Probe writes that a proxy sent to a replica, which refused them as read-only: Redis answers
 * {@code READONLY}, PostgreSQL SQLSTATE 25006 ("read-only transaction"). A proxy that routes
 * only to the writer never causes one.
 */
public record WrongNodeWrites(int redis, int postgres) {

    public static WrongNodeWrites of(List<Operation> redisWrites, List<Operation> postgresWrites) {
        return new WrongNodeWrites(refused(redisWrites, "READONLY"), refused(postgresWrites, "read-only transaction"));
    }

    private static int refused(List<Operation> writes, String refusal) {
        return (int) writes.stream()
                .filter(write -> write.outcome() == Outcome.FAIL && write.error() != null && write.error().contains(refusal))
                .count();
    }
}
