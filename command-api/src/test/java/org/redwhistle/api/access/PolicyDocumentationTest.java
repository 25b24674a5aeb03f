package org.redwhistle.api.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * README's security model and docs/security.md's route and destination tables are the policy
 * itself, rendered: when the policy changes, this fails and writes the new renderings to
 * target/policy-*.md to paste in.
 */
class PolicyDocumentationTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theReadmesSecurityModelIsThePolicy() throws IOException {
        assertDocumentHolds("README.md", "roles", PolicyTable.roles());
    }

    @Test
    void theRouteAndDestinationTablesInDocsAreThePolicy() throws IOException {
        assertDocumentHolds("docs/security.md", "routes", PolicyTable.routes());
        assertDocumentHolds("docs/security.md", "destinations", PolicyTable.destinations());
    }

    private static void assertDocumentHolds(String document, String name, String table) throws IOException {
        String text = Files.readString(ROOT.resolve(document));
        if (!text.contains(table)) {
            Path rendered = Path.of("target", "policy-" + name + ".md");
            Files.createDirectories(rendered.getParent());
            Files.writeString(rendered, table);
            assertThat(text).as("%s must hold the policy's %s table as rendered in %s", document, name, rendered.toAbsolutePath()).contains(table);
        }
    }
}
