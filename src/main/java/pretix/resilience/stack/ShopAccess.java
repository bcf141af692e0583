package pretix.resilience.stack;

import java.security.SecureRandom;
import java.util.HexFormat;

/** The organizer every shop replica serves and the API token that acts for it; new for every stack. */
public record ShopAccess(String organizer, String token) {

    public static final String ORGANIZER = "chaos";

    public static ShopAccess random() {
        byte[] token = new byte[20];
        new SecureRandom().nextBytes(token);
        return new ShopAccess(ORGANIZER, HexFormat.of().formatHex(token));
    }
}
