package dev.jailspec.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.event.EventBus;
import dev.jailspec.event.LinuxTemplateUsed;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The Linux template's use on the console: built, rebuilt with its reason, or reused without extracting. */
class LinuxTemplateUsedReportTest {
    private static final Instant AT = Instant.parse("2026-12-04T09:30:12Z");
    private static final String TEMPLATE = "zdata/jails/templates/15.1-RELEASE-rocky9";
    private static final String CLONE = "zdata/jails/containers/lrdev/rocky";
    private static final String IMAGE = "Rocky-9-Container-Base-9.7-20251123.2.x86_64.oci.tar.xz";

    @Test
    void theConsoleSaysWhetherTheTemplateWasBuiltRebuiltOrReused() {
        var buffer = new ByteArrayOutputStream();
        var bus = new EventBus();
        bus.register(new ConsoleReporter(new PrintStream(buffer, true, StandardCharsets.UTF_8)));

        bus.publish(new LinuxTemplateUsed(AT, TEMPLATE, IMAGE, LinuxTemplateUsed.Change.BUILT, CLONE, ""));
        bus.publish(new LinuxTemplateUsed(AT, TEMPLATE, IMAGE, LinuxTemplateUsed.Change.REBUILT, CLONE,
                "the image's sha256 is now abc, the template's jailspec:linux-image is def"));
        bus.publish(new LinuxTemplateUsed(AT, TEMPLATE, IMAGE, LinuxTemplateUsed.Change.REUSED, CLONE, ""));

        assertThat(buffer.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "  # Linux template " + TEMPLATE + " built: " + IMAGE + " extracted into it once; the jail's userland"
                        + " is its clone " + CLONE,
                "  # Linux template " + TEMPLATE + " rebuilt from " + IMAGE + " (the image's sha256 is now abc, the"
                        + " template's jailspec:linux-image is def); the jail's userland is its clone " + CLONE,
                "  # Linux template " + TEMPLATE + " of " + IMAGE + " reused: nothing extracted; the jail's userland is"
                        + " its clone " + CLONE);
    }

    @Test
    void aRebuildWithoutItsReasonIsRefused() {
        assertThatThrownBy(() -> new LinuxTemplateUsed(AT, TEMPLATE, IMAGE, LinuxTemplateUsed.Change.REBUILT, CLONE, " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reason");
    }
}
