package pretix.resilience.check;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import pretix.resilience.history.Operation;

/** Acknowledged writes absent from the final state: the key is missing or holds another value. */
public record LostWrites(int acknowledged, List<String> lost) {

    public static LostWrites of(List<Operation> writes, Map<String, String> finalState) {
        List<Operation> acknowledged = writes.stream().filter(Operation::ok).toList();
        List<String> lost = acknowledged.stream()
                .filter(write -> !Objects.equals(finalState.get(write.key()), write.value()))
                .map(Operation::key)
                .toList();
        return new LostWrites(acknowledged.size(), lost);
    }
}
