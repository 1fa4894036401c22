package dev.jailspec.provision;

import dev.jailspec.event.EventBus;
import dev.jailspec.event.Note;
import dev.jailspec.freebsd.DestroyMode;
import dev.jailspec.freebsd.FileCopy;
import dev.jailspec.freebsd.JailService;
import dev.jailspec.freebsd.Jls;
import dev.jailspec.freebsd.Sysrc;
import dev.jailspec.freebsd.Zfs;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What a scenario changed, undone in reverse order. Every undo is tried even when an earlier one
 * failed, and the failures are reported together, so one stuck jail does not leave datasets behind.
 */
public final class Teardown {
    private final Deque<Undo> undos = new ArrayDeque<>();
    private final Zfs zfs;
    private final Sysrc sysrc;
    private final JailService jailService;
    private final Jls jls;
    private final FileCopy files;
    private final EventBus bus;

    Teardown(Zfs zfs, Sysrc sysrc, JailService jailService, Jls jls, FileCopy files, EventBus bus) {
        this.zfs = zfs;
        this.sysrc = sysrc;
        this.jailService = jailService;
        this.jls = jls;
        this.files = files;
        this.bus = bus;
    }

    void record(Undo undo) {
        if (!undos.contains(undo)) {
            undos.push(undo);
        }
    }

    public List<String> pending() {
        return undos.stream().map(Undo::description).toList();
    }

    /** Undoes everything recorded; throws at the end if any undo failed, listing each failure. */
    public void run() {
        var failures = new ArrayList<String>();
        while (!undos.isEmpty()) {
            Undo undo = undos.pop();
            try {
                undo(undo);
                bus.publish(new Note(bus.now(), "teardown: " + undo.description()));
            } catch (RuntimeException e) {
                failures.add(undo.description() + ": " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new ProvisionException("teardown left things behind:\n- " + String.join("\n- ", failures));
        }
    }

    private void undo(Undo undo) {
        if (undo instanceof Undo.StopJail s) {
            if (jls.find(s.jail()).isPresent()) {
                jailService.onestop(s.jail());
            }
        } else if (undo instanceof Undo.DestroyDataset d) {
            if (zfs.exists(d.dataset())) {
                zfs.destroy(d.dataset(), DestroyMode.RECURSIVE);
            }
        } else if (undo instanceof Undo.RemoveFile f) {
            files.removeFile(f.path());
        } else if (undo instanceof Undo.RestoreRcConf r) {
            if (r.before() == null) {
                sysrc.delete(r.variable());
            } else {
                sysrc.set(r.variable(), r.before());
            }
        }
    }
}
