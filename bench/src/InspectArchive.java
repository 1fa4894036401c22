import dev.jailspec.artifact.ArchiveInspector;
import dev.jailspec.artifact.ArchiveInventory;
import java.nio.file.Path;

/**
 * Inspects one archive with jailspec's ArchiveInspector, as provisioning does, and prints what
 * it found and how long the inspection took inside the JVM.
 *
 * <p>Usage: {@code java -cp CLASSPATH InspectArchive FILE [THREADS]} (THREADS 1: serial decoding;
 * default: ArchiveInspector's default).
 */
public final class InspectArchive {
    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : ArchiveInspector.DEFAULT_XZ_THREADS;
        var inspector = new ArchiveInspector(ArchiveInspector.DEFAULT_XZ_MEMORY_LIMIT,
                ArchiveInspector.DEFAULT_MAX_LISTED, threads);
        long start = System.nanoTime();
        ArchiveInventory inv = inspector.inspect(file);
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("entries=%d files=%d bytes=%d threads=%d in-jvm-ms=%d%n",
                inv.entryCount(), inv.count(dev.jailspec.artifact.EntryType.FILE), inv.totalSize(), threads, ms);
    }
}
