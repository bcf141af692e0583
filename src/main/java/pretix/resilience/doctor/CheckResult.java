package pretix.resilience.doctor;

/** One line of the doctor's checklist: what was checked, how it stands, and what to do about it. */
public record CheckResult(String check, Status status, String detail, String remedy) {

    public enum Status { OK, FIXED, FAILED }

    public static CheckResult ok(String check, String detail) {
        return new CheckResult(check, Status.OK, detail, null);
    }

    public static CheckResult fixed(String check, String detail) {
        return new CheckResult(check, Status.FIXED, detail, null);
    }

    public static CheckResult failed(String check, String detail, String remedy) {
        return new CheckResult(check, Status.FAILED, detail, remedy);
    }

    public boolean passed() {
        return status != Status.FAILED;
    }
}
