package pretix.resilience.result;

import java.util.Arrays;

/** The middle value, or the mean of the two middle ones; 0 of nothing. */
public final class Median {

    private Median() {}

    public static double of(double... values) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
