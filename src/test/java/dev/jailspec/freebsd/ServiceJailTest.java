package dev.jailspec.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.freebsd.ServiceJailStopOutcome.Status;
import dev.jailspec.host.CommandFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServiceJailTest {
    private final ScriptedHost host = new ScriptedHost();
    private final JailService service = new JailService(host);

    @AfterEach
    void everyExpectedCommandRan() {
        host.assertAllRan();
    }

    @Test
    void coversEveryTranscript() {
        assertThat(Transcript.filesOf("service-jail-start")).containsExactly("service-jail-start/001.txt");
        assertThat(Transcript.filesOf("service-jail-restart")).containsExactly("service-jail-restart/001.txt");
    }

    @Test
    void transcriptSuccess() {
        Transcript t = Transcript.load("service-jail-start/001.txt");
        ServiceJailOutcome o = ServiceJailParser.parseStart(t.output(), "");

        assertThat(o.started()).containsExactly("minecraft");
        assertThat(o.failed()).isEmpty();
        assertThat(o.refusedBecauseDisabled()).isFalse();
        assertThat(o.whyNotStarted("minecraft")).isEmpty();
    }

    @Test
    void transcriptFailureCarriesJailText() {
        // rc.d/jail treated "-vvvv" as a jail name; both "jails" failed, and the output shows no final dot.
        Transcript t = Transcript.load("service-jail-restart/001.txt");
        ServiceJailOutcome o = ServiceJailParser.parseStart(t.output(), "");

        assertThat(o.started()).isEmpty();
        assertThat(o.failed()).extracting(JailStartFailure::name).containsExactly("-vvvv", "testjail");
        assertThat(o.failure("-vvvv").orElseThrow().jailOutput().lines().toList()).hasSize(5)
                .first().asString().startsWith("testjail: run command: /sbin/ifconfig dwc0");
        assertThat(o.failure("testjail").orElseThrow().jailOutput()).isEqualTo(
                "mount_nullfs: /usr/local/jails/testjail-nullfs-base: Resource deadlock avoided\n"
                        + "jail: testjail: /sbin/mount -t nullfs -o ro /usr/local/jails/templates/14.2-RELEASE-base "
                        + "/usr/local/jails/testjail-nullfs-base/: failed");
        assertThat(o.whyNotStarted("testjail").orElseThrow()).contains("Resource deadlock avoided");
    }

    @Test
    void transcriptRestartStopHalfSaysNothingWasRunning() {
        Transcript t = Transcript.load("service-jail-restart/001.txt");
        assertThat(ServiceJailParser.parseStop(t.output(), "", "testjail").status()).isEqualTo(Status.NOT_RUNNING);
    }

    @Test
    void mixedSuccessAndFailure() {
        // Shape from rc.d/jail jail_start (freebsd-facts 2.3): names without newline, marker + jail(8) text, final dot.
        String out = "Starting jails: a cannot start jail  \"b\": \njail: \"b\" not found\n c.\n";
        ServiceJailOutcome o = ServiceJailParser.parseStart(out, "");

        assertThat(o.started()).containsExactly("a", "c");
        assertThat(o.failed()).containsExactly(new JailStartFailure("b", "jail: \"b\" not found"));
    }

    @Test
    void failureMarkerWithoutTrailingSpaceAndBlankLineInJailText() {
        String out = "Starting jails: cannot start jail  \"gitea\":\n"
                + "ifconfig: interface epair14 already exists\n\n"
                + "jail: gitea: ifconfig epair14 create up: failed\n.\n";
        ServiceJailOutcome o = ServiceJailParser.parseStart(out, "");

        assertThat(o.started()).isEmpty();
        assertThat(o.failure("gitea").orElseThrow().jailOutput())
                .isEqualTo("ifconfig: interface epair14 already exists\n\njail: gitea: ifconfig epair14 create up: failed");
    }

    @Test
    void refusedWhenJailEnableIsNotYes() {
        // freebsd-facts 2.3: printed on stdout, exit 0
        host.expect("service", "jail", "start", "rocky").stdout(
                "Cannot 'start' jail. Set jail_enable to YES in /etc/rc.conf or use 'onestart' instead of 'start'.\n");

        ServiceJailOutcome o = service.start("rocky");

        assertThat(o.refusedBecauseDisabled()).isTrue();
        assertThat(o.started()).isEmpty();
        assertThat(o.whyNotStarted("rocky").orElseThrow()).contains("jail_enable is not YES");
    }

    @Test
    void ignoredJailIsExplainedByTheWarning() {
        host.expect("service", "jail", "onestart", "web").stdout("Starting jails:.\n").stderr(
                "/etc/rc.d/jail: WARNING: Invalid configuration for web (no jail.conf, no hostname, or no path).  "
                        + "Jail web was ignored.\n");

        ServiceJailOutcome o = service.onestart("web");

        assertThat(o.started()).isEmpty();
        assertThat(o.failed()).isEmpty();
        assertThat(o.whyNotStarted("web").orElseThrow()).contains("Invalid configuration for web");
    }

    @Test
    void allJailsFailureHasNoPerJailMarker() {
        ServiceJailOutcome o = ServiceJailParser.parseStart(
                "Starting jails:jail: web: path /x: No such file or directory\n.\n", "");

        assertThat(o.failed()).containsExactly(new JailStartFailure("*", "jail: web: path /x: No such file or directory"));
        assertThat(o.whyNotStarted("web").orElseThrow()).contains("No such file or directory");
    }

    @Test
    void startRunsAsKindJailWithStatusZero() {
        host.expect("service", "jail", "start", "rocky").stdout("Starting jails: rocky.\n");

        assertThat(service.start("rocky").started()).containsExactly("rocky");
        // the kind selects jailspec.timeout.jail (TimedHost), longer than the default
        assertThat(host.ran().get(0).kind()).isEqualTo(dev.jailspec.event.CommandKind.JAIL);
    }

    @Test
    void rcScriptFailureThrows() {
        host.expect("service", "jail", "stop", "rocky").exit(1)
                .stderr("/etc/rc.d/jail: unknown directive 'stop'.\n");

        assertThatThrownBy(() -> service.stop("rocky")).isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("unknown directive");
    }

    @Test
    void stopOutcomes() {
        host.expect("service", "jail", "stop", "web").stdout("Stopping jails: web.\n");
        host.expect("service", "jail", "onestop", "web").stdout("Stopping jails:.\n");
        host.expect("service", "jail", "onestop", "db")
                .stdout("Stopping jails: dbjail: db: /bin/sh /etc/rc.shutdown jail: failed\n.\n");
        host.expect("service", "jail", "stop", "db").stdout(
                "Cannot 'stop' jail. Set jail_enable to YES in /etc/rc.conf or use 'onestop' instead of 'stop'.\n");

        assertThat(service.stop("web").status()).isEqualTo(Status.STOPPED);
        assertThat(service.onestop("web").status()).isEqualTo(Status.NOT_RUNNING);
        ServiceJailStopOutcome failed = service.onestop("db");
        assertThat(failed.status()).isEqualTo(Status.FAILED);
        assertThat(failed.jailOutput()).isEqualTo("jail: db: /bin/sh /etc/rc.shutdown jail: failed");
        assertThat(service.stop("db").status()).isEqualTo(Status.REFUSED_DISABLED);
    }

    @Test
    void rejectsOptionLookingNamesBeforeRunning() {
        assertThatThrownBy(() -> service.start("-vvvv")).hasMessageContaining("invalid jail name '-vvvv'");
        assertThatThrownBy(() -> service.stop("a.b")).isInstanceOf(IllegalArgumentException.class);
        assertThat(host.ran()).isEmpty();
    }

    @Test
    void outputWithoutHeaderIsRejected() {
        assertThatThrownBy(() -> ServiceJailParser.parseStart("something else\n", ""))
                .hasMessageContaining("no 'Starting jails:'");
    }
}
