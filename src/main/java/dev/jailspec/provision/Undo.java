package dev.jailspec.provision;

/**
 * Something a scenario is about to change on the host and how teardown takes it back. Recorded
 * before the change, so a step that fails or hangs half-way is still undone; each undo checks
 * jailspec's mark before it removes anything.
 */
sealed interface Undo {
    String description();

    /** Stop the jail, if it runs at {@code path} (the clone this run made). */
    record StopJail(String jail, String path) implements Undo {
        public String description() {
            return "stop the jail " + jail;
        }
    }

    /** Destroy the epair whose host side is {@code iface}, if its description says it is {@code jail}'s. */
    record DestroyEpair(String iface, String jail) implements Undo {
        public String description() {
            return "destroy the interface " + iface;
        }
    }

    /** Destroy the dataset (and what is below it), if this run's mark is on all of it and it is not meant to be kept. */
    record DestroyDataset(String dataset) implements Undo {
        public String description() {
            return "destroy the dataset " + dataset;
        }
    }

    /**
     * Destroy a dataset a scenario planted on purpose as a stand-in for someone else's (the safety
     * feature's foreign dataset) when the scenario ends, after its own teardown has shown that it left
     * the dataset alone: only that dataset, without -r, and only while it still carries no jailspec
     * mark and nothing else is below it.
     */
    record DestroyPlanted(String dataset) implements Undo {
        public String description() {
            return "destroy the planted dataset " + dataset;
        }
    }

    /** Remove a file this run wrote, if it starts with jailspec's mark for this run. */
    record RemoveFile(String path) implements Undo {
        public String description() {
            return "remove " + path;
        }
    }

    /** {@code before} is null when the variable was not set in rc.conf before. */
    record RestoreRcConf(String variable, String before) implements Undo {
        public String description() {
            return before == null ? "remove " + variable + " from rc.conf" : "set " + variable + "=" + before + " in rc.conf again";
        }
    }

    /** Take jailspec's section out of /etc/devfs.rules again (the file goes if nothing else is left) and unload the ruleset. */
    record RestoreDevfsRules(int ruleset, boolean fileHadOtherContent) implements Undo {
        public String description() {
            return "remove devfs ruleset " + ruleset + " (" + DevfsRules.NAME + ") from " + DevfsRules.PATH;
        }
    }
}
