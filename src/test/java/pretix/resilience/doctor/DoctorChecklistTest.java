package pretix.resilience.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DoctorChecklistTest {

    @Test
    void printsOneLinePerCheckAndTheRemedyUnderEachFailure() {
        List<CheckResult> results = List.of(
                CheckResult.ok("Docker daemon", "Docker 20.10 answers"),
                CheckResult.fixed("base image", "built with debootstrap"),
                CheckResult.failed("Testcontainers settings", "Ryuk is on", "export TESTCONTAINERS_RYUK_DISABLED=true"));

        assertThat(Doctor.checklist(results).lines()).containsExactly(
                "[ ok  ] Docker daemon              Docker 20.10 answers",
                "[fixed] base image                 built with debootstrap",
                "[FAIL ] Testcontainers settings    Ryuk is on",
                "                                   fix: export TESTCONTAINERS_RYUK_DISABLED=true");
        assertThat(Doctor.allPassed(results)).isFalse();
        assertThat(Doctor.allPassed(results.subList(0, 2))).isTrue();
    }
}
