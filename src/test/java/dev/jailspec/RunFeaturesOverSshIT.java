package dev.jailspec;

import dev.jailspec.provision.SimTargetOverSsh;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.platform.suite.api.AfterSuite;
import org.junit.platform.suite.api.BeforeSuite;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectDirectories;
import org.junit.platform.suite.api.Suite;

/**
 * The whole feature suite over SSH: the run's target is {@code ssh://root@127.0.0.1:PORT}, a real
 * OpenSSH sshd started here whose every command and SFTP session reaches the simulator, opened once
 * (see {@link SimTargetOverSsh}). Its own failsafe execution (pom.xml, before the one on sim), with
 * its Allure results apart; its wall time is kept for {@link RunFeaturesIT} to print beside the sim's.
 */
@Suite
@IncludeEngines("cucumber")
@SelectDirectories("features")
public class RunFeaturesOverSshIT {
    static final String TIME = "over-ssh";
    private static Path dir;
    private static SimTargetOverSsh target;
    private static long started;

    @BeforeSuite
    static void startSimulatorBehindSshd() throws IOException {
        // From here, as the sim run's time includes opening the sim target (its fixture mirror): the sshd's too.
        started = System.nanoTime();
        dir = Files.createTempDirectory("jailspec-over-ssh-");
        target = SimTargetOverSsh.start(dir, System.getProperties());
        target.systemProperties().forEach(System::setProperty);
        System.out.println("jailspec: the features run over SSH to the simulator: -Djailspec.target="
                + System.getProperty("jailspec.target"));
    }

    @AfterSuite
    static void stopAndKeepTheTime() {
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        FeatureTimes.record(TIME, took);
        System.out.println("jailspec: the features over SSH took " + FeatureTimes.seconds(took));
        if (target != null) {
            target.close();
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir, e);
        }
    }
}
