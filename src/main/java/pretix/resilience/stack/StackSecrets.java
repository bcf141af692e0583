package pretix.resilience.stack;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The values of a stack's {@link StackSecret}s. They never appear in its text form. */
public final class StackSecrets {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int LENGTH = 32;

    private final Map<StackSecret, String> values = new ConcurrentHashMap<>();
    private final Function<StackSecret, String> source;

    private StackSecrets(Function<StackSecret, String> source) {
        this.source = source;
    }

    /** New random values: letters and digits only, so that no configuration file needs to quote them. */
    public static StackSecrets random() {
        SecureRandom random = new SecureRandom();
        StackSecrets secrets = new StackSecrets(secret -> {
            throw new IllegalStateException("every secret of a new stack has a value");
        });
        for (StackSecret secret : StackSecret.values()) {
            secrets.values.put(secret, random.ints(LENGTH, 0, ALPHABET.length())
                    .mapToObj(i -> String.valueOf(ALPHABET.charAt(i))).collect(Collectors.joining()));
        }
        return secrets;
    }

    /**
     * The values a stack's containers hold, each read by {@code read} when first needed: a stack
     * found on the engine may be one a crashed process left half started, whose nodes hold only
     * some of them, and it is swept without a question.
     */
    public static StackSecrets read(Function<StackSecret, String> read) {
        return new StackSecrets(read);
    }

    public String get(StackSecret secret) {
        return values.computeIfAbsent(secret, source);
    }

    /** Every value, for checking that none leaked into what a run wrote. */
    public List<String> all() {
        return Arrays.stream(StackSecret.values()).map(this::get).toList();
    }

    public ShopAccess shopAccess() {
        return new ShopAccess(ShopAccess.ORGANIZER, get(StackSecret.SHOP_TOKEN));
    }

    /** How the harness itself speaks to the nodes, with these credentials. */
    public NodeClients clients() {
        return new NodeClients(this);
    }

    @Override
    public String toString() {
        return "StackSecrets (values not shown)";
    }
}
