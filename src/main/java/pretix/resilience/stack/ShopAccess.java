package pretix.resilience.stack;

/** The organizer every shop replica serves and the API token that acts for it ({@link StackSecret#SHOP_TOKEN}). */
public record ShopAccess(String organizer, String token) {

    public static final String ORGANIZER = "chaos";

    @Override
    public String toString() {
        return "ShopAccess[organizer=" + organizer + ", token not shown]";
    }
}
