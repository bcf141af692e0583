package pretix.resilience.report;

import static org.apache.commons.text.StringEscapeUtils.escapeXml10;

import java.util.Locale;
import java.util.stream.Collectors;

/** {@code junit.xml}: one test case per repeat, failed when its verdict is not as the scenario expected. */
final class JunitReport {

    private JunitReport() {}

    static String render(Summary summary) {
        long failures = summary.repeats().stream().filter(repeat -> !repeat.asExpected()).count();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append(String.format(Locale.ROOT, "<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" time=\"%.3f\">%n",
                escapeXml10(summary.scenario().name()), summary.repeats().size(), failures,
                summary.repeats().stream().mapToDouble(repeat -> repeat.result().seconds()).sum()));
        for (Summary.Repeat repeat : summary.repeats()) {
            xml.append(String.format(Locale.ROOT, "  <testcase classname=\"%s\" name=\"repeat %d, seed %d\" time=\"%.3f\">%n",
                    escapeXml10("scenarios." + summary.scenario().name()), repeat.repeat(), repeat.seed(),
                    repeat.result().seconds()));
            String table = repeat.slos().stream().map(slo -> String.format("%s %s: target %s, measured %s",
                    slo.met() ? "met " : "MISS", slo.id(), slo.target(), slo.measured())).collect(Collectors.joining("\n"));
            if (!repeat.asExpected()) {
                xml.append("    <failure message=\"").append(escapeXml10((repeat.result().aborted() != null
                        ? repeat.result().aborted().describe() + "; " : "") + "violated " + repeat.violations()
                        + ", expected " + summary.scenario().expectation())).append("\">")
                        .append(escapeXml10(table)).append("</failure>\n");
            }
            xml.append("    <system-out>").append(escapeXml10(table)).append("</system-out>\n  </testcase>\n");
        }
        return xml.append("</testsuite>\n").toString();
    }
}
