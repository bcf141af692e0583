package pretix.resilience.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AptSourcesTest {

    @Test
    void findsTheSuiteInOneLineFormatSkippingSourcesAndOptions() {
        String list = """
                # comment
                deb-src http://mirror.example/debian bookworm main
                deb [signed-by=/usr/share/keyrings/debian.gpg arch=amd64] http://mirror.example/debian bookworm main
                deb http://security.example/debian-security bookworm-security main
                """;

        assertThat(AptSources.fromOneLine(list, "bookworm")).contains("http://mirror.example/debian");
        assertThat(AptSources.fromOneLine(list, "trixie")).isEmpty();
    }

    @Test
    void findsTheSuiteInDeb822FormatAndSkipsDisabledStanzas() {
        String sources = """
                Types: deb
                URIs: http://disabled.example/debian
                Suites: bookworm
                Enabled: no

                Types: deb deb-src
                URIs: http://mirror.example/debian http://second.example/debian
                Suites: bookworm bookworm-updates
                Components: main

                Types: deb
                URIs: http://security.example/debian-security
                Suites: bookworm-security
                """;

        assertThat(AptSources.fromDeb822(sources, "bookworm")).contains("http://mirror.example/debian");
        assertThat(AptSources.fromDeb822(sources, "bookworm-security")).contains("http://security.example/debian-security");
        assertThat(AptSources.fromDeb822(sources, "trixie")).isEmpty();
    }
}
