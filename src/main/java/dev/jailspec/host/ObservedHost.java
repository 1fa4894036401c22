package dev.jailspec.host;

import dev.jailspec.event.CommandFinished;
import dev.jailspec.event.CommandOutput;
import dev.jailspec.event.CommandStarted;
import dev.jailspec.event.CommandTimedOut;
import dev.jailspec.event.EventBus;
import dev.jailspec.event.FileWritten;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Puts every command and file write of a transport on the event bus: the transports stay
 * unaware of reports, and every host is observed the same way.
 */
public final class ObservedHost implements Host {
    private static final AtomicLong IDS = new AtomicLong();

    private final Host transport;
    private final EventBus bus;

    public ObservedHost(Host transport, EventBus bus) {
        this.transport = transport;
        this.bus = bus;
    }

    @Override
    public CommandResult run(Command command, Consumer<OutputLine> lines) {
        long id = IDS.incrementAndGet();
        bus.publish(new CommandStarted(bus.now(), id, command.argv(), transport.describe(), command.env()));
        try {
            CommandResult result = transport.run(command, line -> {
                bus.publish(new CommandOutput(bus.now(), id, line.stream().name().toLowerCase(), line.text()));
                lines.accept(line);
            });
            bus.publish(new CommandFinished(bus.now(), id, command.argv(), result.exitCode(),
                    result.duration().toMillis(), result.stdout(), result.stderr(), stdinText(command)));
            return result;
        } catch (CommandTimeoutException e) {
            bus.publish(new CommandTimedOut(bus.now(), id, command.argv(), command.timeout().toMillis(),
                    e.ranFor().toMillis()));
            throw e;
        }
    }

    private static String stdinText(Command command) {
        return command.stdin().map(b -> b.length > 64 * 1024
                ? "<" + b.length + " bytes>"
                : new String(b, StandardCharsets.UTF_8)).orElse("");
    }

    @Override
    public Optional<FileStat> stat(String absolutePath) {
        return transport.stat(absolutePath);
    }

    @Override
    public byte[] readFile(String absolutePath) {
        return transport.readFile(absolutePath);
    }

    @Override
    public void writeFile(String absolutePath, byte[] content, int mode) {
        transport.writeFile(absolutePath, content, mode);
        bus.publish(new FileWritten(bus.now(), absolutePath, mode, new String(content, StandardCharsets.UTF_8)));
    }

    @Override
    public java.util.List<String> list(String absoluteDir) {
        return transport.list(absoluteDir);
    }

    @Override
    public void upload(java.nio.file.Path localFile, String absolutePath, int mode) {
        transport.upload(localFile, absolutePath, mode);
        bus.publish(new FileWritten(bus.now(), absolutePath, mode, "<copied from " + localFile + ">"));
    }

    @Override
    public String describe() {
        return transport.describe();
    }

    @Override
    public void close() {
        transport.close();
    }
}
