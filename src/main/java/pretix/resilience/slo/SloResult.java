package pretix.resilience.slo;

/** One objective judged: its target and what the run measured, in words with units. */
public record SloResult(String id, String dimension, String target, String measured, boolean met) {

    static SloResult of(Slo slo, String measured, boolean met) {
        return new SloResult(slo.id(), slo.dimension().title(), slo.target(), measured, met);
    }
}
