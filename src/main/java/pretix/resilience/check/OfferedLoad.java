package pretix.resilience.check;

import java.util.ArrayList;
import java.util.List;
import pretix.resilience.history.Operation;

/**
 * What the workload offered and what came of it, over the time the load ran: arrivals due,
 * sent and shed, the most in flight at once, acknowledged per second against offered per second
 * (throughput), and the harness's own longest lag between an arrival's intended start and its
 * sending: a lag near the latencies measured would mean the harness, not the stack, was slow.
 */
public record OfferedLoad(int arrivals, int sent, int shed, int peakInFlight, double offeredPerSecond,
                          double acknowledgedPerSecond, double maxSendLagMs) {

    public static OfferedLoad of(List<Operation> operations, double loadSeconds) {
        List<Operation> sent = operations.stream().filter(operation -> !operation.shed()).toList();
        long acknowledged = sent.stream().filter(Operation::ok).count();
        return new OfferedLoad(operations.size(), sent.size(), operations.size() - sent.size(), peakInFlight(sent),
                perSecond(operations.size(), loadSeconds), perSecond(acknowledged, loadSeconds),
                sent.stream().mapToLong(Operation::sendLagNanos).max().orElse(0) / 1e6);
    }

    /** The most operations between their sending and their end at any one moment. */
    private static int peakInFlight(List<Operation> sent) {
        record Edge(long nanos, int change) {}
        List<Edge> edges = new ArrayList<>();
        for (Operation operation : sent) {
            edges.add(new Edge(operation.invokeNanos() + operation.sendLagNanos(), 1));
            edges.add(new Edge(operation.completeNanos(), -1));
        }
        // At equal times an end counts before a start: the two were not in flight together.
        edges.sort((a, b) -> a.nanos() != b.nanos() ? Long.compare(a.nanos(), b.nanos()) : Integer.compare(a.change(),
                b.change()));
        int inFlight = 0;
        int peak = 0;
        for (Edge edge : edges) {
            inFlight += edge.change();
            peak = Math.max(peak, inFlight);
        }
        return peak;
    }

    private static double perSecond(long count, double seconds) {
        return seconds <= 0 ? 0 : count / seconds;
    }
}
