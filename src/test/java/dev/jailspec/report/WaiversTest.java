package dev.jailspec.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.event.Outcome;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.TestResult;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** waivers.tsv: the parser's errors name the line; the verdict's four cases; the Allure mark. */
class WaiversTest {
    private static final Path FILE = Path.of("waivers.tsv");
    private static final String HEADER = "scenario\treason\tticket\texpires\n";
    private static final LocalDate TODAY = LocalDate.parse("2027-01-15");

    @TempDir
    Path dir;

    private static List<Waiver> parse(String body) {
        return WaiverFile.parse(FILE, HEADER + body);
    }

    @Test
    void aWellFormedFileGivesItsWaiversWithTheirLines() {
        List<Waiver> w = parse("# comments and blank lines are ignored\n\n"
                + "dnf updates the userland\tthe mirror's metadata flaps\thttps://tickets.example/14\t2027-01-31\r\n");
        assertThat(w).containsExactly(new Waiver("dnf updates the userland", "the mirror's metadata flaps",
                URI.create("https://tickets.example/14"), LocalDate.parse("2027-01-31"), 4));
        assertThat(w.get(0).expiredOn(LocalDate.parse("2027-01-31"))).as("holds through its last day").isFalse();
        assertThat(w.get(0).expiredOn(LocalDate.parse("2027-02-01"))).isTrue();
    }

    @Test
    void noFileMeansNoWaivers() {
        assertThat(WaiverFile.load(dir.resolve("waivers.tsv"))).isEmpty();
    }

    @Test
    void aMalformedFileIsRefusedNamingTheLineAndWhatIsWrong() throws Exception {
        assertThatThrownBy(() -> WaiverFile.parse(FILE, "scenario,reason,ticket,expires\n"))
                .isInstanceOf(WaiverFileException.class)
                .hasMessageStartingWith("waivers.tsv:1: the first line must be the header "
                        + "'scenario<TAB>reason<TAB>ticket<TAB>expires'");
        assertThatThrownBy(() -> parse("a scenario\ta reason\thttps://t.example/1\n"))
                .hasMessageStartingWith("waivers.tsv:2: expected 4 tab-separated fields (scenario, reason,"
                        + " ticket, expires), found 3");
        assertThatThrownBy(() -> parse("a scenario\t \thttps://t.example/1\t2027-01-31\n"))
                .hasMessageContaining(":2: the reason is empty");
        assertThatThrownBy(() -> parse("a scenario\tflaps\tTICKET-12\t2027-01-31\n"))
                .hasMessageContaining(":2: the ticket must be an http(s) URL, found 'TICKET-12'");
        assertThatThrownBy(() -> parse("a scenario\tflaps\thttps://t.example/1\t31.01.2027\n"))
                .hasMessageContaining(":2: the expiry date must be YYYY-MM-DD, found '31.01.2027'");
        assertThatThrownBy(() -> parse("a scenario\tflaps\thttps://t.example/1\t2027-01-31\n"
                + "a scenario\tagain\thttps://t.example/2\t2027-02-28\n"))
                .hasMessageContaining(":3: 'a scenario' is already waived on line 2")
                .hasMessageEndingWith("(see README, \"Known failures\")");
        Path onDisk = dir.resolve("waivers.tsv");
        Files.writeString(onDisk, HEADER + "x\ty\tz\n");
        assertThatThrownBy(() -> WaiverFile.load(onDisk)).hasMessageStartingWith(onDisk + ":2: expected 4");
    }

    private static final Waiver DNF = new Waiver("dnf works", "mirror flaps", URI.create("https://t.example/1"),
            LocalDate.parse("2027-01-31"), 2);
    private static final Waiver OLD = new Waiver("old scenario", "was broken", URI.create("https://t.example/2"),
            LocalDate.parse("2027-01-14"), 3);

    @Test
    void aWaivedFailureIsKnownAndDoesNotFailTheBuild() {
        WaiverVerdict v = WaiverVerdict.of(List.of(DNF), TODAY,
                List.of(Map.entry("jail runs", Outcome.PASSED), Map.entry("dnf works", Outcome.FAILED)));
        assertThat(v.knownFailures()).containsExactly(DNF);
        assertThat(v.failures()).isEmpty();
        assertThat(v.failsBuild()).isFalse();
        assertThat(v.lines()).containsExactly("known failure: 'dnf works' (waived until 2027-01-31, https://t.example/1:"
                + " mirror flaps)");
    }

    @Test
    void aWaivedScenarioThatPassesSaysItsWaiverCanBeRemoved() {
        WaiverVerdict v = WaiverVerdict.of(List.of(DNF), TODAY, List.of(Map.entry("dnf works", Outcome.PASSED)));
        assertThat(v.removable()).containsExactly(DNF);
        assertThat(v.failsBuild()).isFalse();
        assertThat(v.lines()).singleElement().asString().startsWith("waiver can be removed (the scenario passed): 'dnf works'");
    }

    @Test
    void anExpiredWaiverFailsTheBuildNamingIt() {
        WaiverVerdict v = WaiverVerdict.of(List.of(DNF, OLD), TODAY, List.of(Map.entry("old scenario", Outcome.FAILED)));
        assertThat(v.expired()).containsExactly(OLD);
        assertThat(v.failsBuild()).isTrue();
        assertThat(v.lines()).contains("EXPIRED waiver, line 3 of waivers.tsv: 'old scenario' (waived until"
                + " 2027-01-14, https://t.example/2: was broken) - fix the scenario or extend the waiver with a reason");
    }

    @Test
    void anUnwaivedFailureFailsTheBuildEvenWhenTheSameNamePassedElsewhere() {
        WaiverVerdict v = WaiverVerdict.of(List.of(DNF), TODAY, List.of(Map.entry("jail runs", Outcome.PASSED),
                Map.entry("jail runs", Outcome.FAILED), Map.entry("undefined one", Outcome.UNDEFINED)));
        assertThat(v.failures()).containsExactly("jail runs", "undefined one");
        assertThat(v.failsBuild()).isTrue();
    }

    @Test
    void theAllureResultOfAWaivedFailureIsMarkedAndLinkedToItsTicket() {
        var listener = new WaiverAllureListener(List.of(DNF));
        var failed = new TestResult().setName("dnf works").setStatus(Status.FAILED)
                .setStatusDetails(new StatusDetails().setMessage("expected 0 but was 1"));
        var passed = new TestResult().setName("dnf works").setStatus(Status.PASSED);
        var other = new TestResult().setName("jail runs").setStatus(Status.FAILED)
                .setStatusDetails(new StatusDetails().setMessage("boom"));
        listener.beforeTestWrite(failed);
        listener.beforeTestWrite(passed);
        listener.beforeTestWrite(other);
        assertThat(failed.getStatusDetails().getMessage())
                .isEqualTo("[known failure, waived until 2027-01-31, https://t.example/1] mirror flaps\nexpected 0 but was 1");
        assertThat(failed.getLinks()).extracting(l -> l.getUrl()).containsExactly("https://t.example/1");
        assertThat(passed.getStatusDetails()).isNull();
        assertThat(other.getStatusDetails().getMessage()).isEqualTo("boom");
    }
}
