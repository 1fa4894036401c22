package dev.jailspec.host;

import dev.jailspec.event.CommandAborted;
import dev.jailspec.event.CommandFinished;
import dev.jailspec.event.CommandInfo;
import dev.jailspec.event.CommandOutput;
import dev.jailspec.event.CommandStarted;
import dev.jailspec.event.CommandTimedOut;
import dev.jailspec.event.EventBus;
import dev.jailspec.event.FileContent;
import dev.jailspec.event.FileWritten;
import dev.jailspec.event.Stdin;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Puts every command and file write of a transport on the event bus: the transports stay
 * unaware of reports, and every host is observed the same way.
 */
public final class ObservedHost extends ForwardingHost {
    private static final AtomicLong IDS = new AtomicLong();

    private final EventBus bus;

    public ObservedHost(Host transport, EventBus bus) {
        super(transport);
        this.bus = bus;
    }

    @Override
    public CommandResult run(Command command, Consumer<OutputLine> lines) {
        long id = IDS.incrementAndGet();
        CommandInfo info = new CommandInfo(command.argv(), command.innerArgv(), command.within(), command.env(),
                command.intent());
        bus.publish(new CommandStarted(bus.now(), id, info, inner().describe()));
        try {
            CommandResult result = inner().run(command, line -> {
                bus.publish(new CommandOutput(bus.now(), id, line.stream().name().toLowerCase(), line.text()));
                lines.accept(line);
            });
            bus.publish(new CommandFinished(bus.now(), id, info, result.exitCode(),
                    result.duration().toMillis(), result.stdout(), result.stderr(), stdin(command)));
            return result;
        } catch (CommandTimeoutException e) {
            bus.publish(new CommandTimedOut(bus.now(), id, info, command.timeout().toMillis(),
                    e.ranFor().toMillis()));
            throw e;
        } catch (RuntimeException e) {
            // Every start gets an end: listeners close what they opened for the command.
            bus.publish(new CommandAborted(bus.now(), id, info, String.valueOf(e.getMessage())));
            throw e;
        }
    }

    private static Stdin stdin(Command command) {
        return command.stdin().<Stdin>map(b -> b.length > 64 * 1024
                ? new Stdin.Omitted(b.length)
                : new Stdin.Text(new String(b, StandardCharsets.UTF_8))).orElse(Stdin.NONE);
    }

    @Override
    public void writeFile(String absolutePath, byte[] content, int mode) {
        inner().writeFile(absolutePath, content, mode);
        bus.publish(new FileWritten(bus.now(), absolutePath, mode,
                new FileContent.Text(new String(content, StandardCharsets.UTF_8))));
    }

    @Override
    public void upload(java.nio.file.Path localFile, String absolutePath, int mode) {
        inner().upload(localFile, absolutePath, mode);
        bus.publish(new FileWritten(bus.now(), absolutePath, mode, new FileContent.Copied(localFile.toString(), size(localFile))));
    }

    private static long size(java.nio.file.Path file) {
        try {
            return java.nio.file.Files.size(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read the size of " + file + " after copying it", e);
        }
    }

}
