package pretix.resilience.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The example projects depend on the harness as built here, so the default test run tests what they show. */
class ExampleProjectsTest {

    @Test
    void everyExampleDependsOnThisVersionOfTheHarness() throws Exception {
        String version = text(Path.of("pom.xml"), "/project/version");
        List<Path> examples;
        try (Stream<Path> directories = Files.list(Path.of("examples"))) {
            examples = directories.map(directory -> directory.resolve("pom.xml")).filter(Files::isRegularFile).toList();
        }
        assertThat(examples).isNotEmpty();
        for (Path example : examples) {
            assertThat(text(example, "/project/dependencies/dependency[artifactId='pretix-resilience']/version"))
                    .as(example.toString()).isEqualTo(version);
        }
    }

    private static String text(Path pom, String xpath) throws Exception {
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        return XPathFactory.newInstance().newXPath().evaluate(xpath, document);
    }
}
