package dev.jailspec.report.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunbookSyntaxCheckTest {
    @Test
    void aScriptWithASyntaxErrorIsNamedAndAGoodOneIsNot(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("01-good.sh"), "#!/bin/sh\ncat > /x <<'EOF'\nif (\nEOF\nzfs list  # probe\n");
        Files.writeString(dir.resolve("02-bad.sh"), "#!/bin/sh\nif true; then\n  echo unfinished\n");
        Files.writeString(dir.resolve("notes.txt"), "if (");

        assertThat(RunbookSyntaxCheck.check(dir)).singleElement().asString().startsWith(dir.resolve("02-bad.sh") + ": ");
        assertThat(RunbookSyntaxCheck.check(dir.resolve("missing"))).isEmpty();
    }
}
