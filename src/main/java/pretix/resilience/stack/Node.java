package pretix.resilience.stack;

/** One node of the stack, named by its tier and index: {@code pg0}, {@code sentinel2}. */
public record Node(Tier tier, int index) {

    public String name() {
        return tier.nodeName(index);
    }

    @Override
    public String toString() {
        return name();
    }
}
