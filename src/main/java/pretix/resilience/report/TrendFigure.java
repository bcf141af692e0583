package pretix.resilience.report;

/** A figure followed over nights and compared between runs, and which way is better. */
enum TrendFigure {
    RECOVERY("recovery_ms", "recovery", "ms", false),
    FAILED_ORDERS("failed_orders", "failed orders", "", false),
    UNKNOWN_ORDERS("unknown_orders", "unknown orders", "", false),
    AVAILABILITY_UNDER_FAULT("failed_order_percent", "availability under the fault", "%", true),
    LOST_ORDERS("lost_orders", "lost orders", "", false),
    LOST_WRITES("lost_writes", "lost writes", "", false),
    ORDER_P99("order_p99_ms", "order p99", "ms", false),
    SPLIT_BRAIN("longest_split_brain_ms", "longest split brain", "ms", false),
    REDUNDANCY_RESTORED("redundancy_restored_ms", "redundancy restored after the heal", "ms", false);

    /** What the nightly trend charts show. */
    static final TrendFigure[] CHARTED = {RECOVERY, AVAILABILITY_UNDER_FAULT, ORDER_P99};

    private final String key;
    private final String label;
    private final String unit;
    private final boolean higherIsBetter;

    TrendFigure(String key, String label, String unit, boolean higherIsBetter) {
        this.key = key;
        this.label = label;
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
    }

    String label() {
        return label;
    }

    String unit() {
        return unit;
    }

    /**
     * The figure over a run's repeats; null when no repeat measured it. Availability is the
     * share of orders under the fault that succeeded, the complement of the recorded failed share.
     */
    Spread of(Summary summary) {
        Spread spread = summary.figures().get(key);
        if (spread == null || this != AVAILABILITY_UNDER_FAULT) {
            return spread;
        }
        return new Spread(100 - spread.max(), 100 - spread.median(), 100 - spread.min());
    }

    /** Whether {@code to} is worse than {@code from}. */
    boolean worse(double from, double to) {
        return higherIsBetter ? to < from : to > from;
    }

    /** Whether a figure never measured in a run is worse than any value: a fault that never recovered. */
    boolean missingIsWorse() {
        return this == RECOVERY || this == REDUNDANCY_RESTORED;
    }

    String format(double value) {
        return MarkdownReport.number(Math.round(value * 10) / 10.0) + (unit.isEmpty() ? "" : " " + unit);
    }
}
