package dev.jailspec.provision;

/**
 * Something a step is about to change on the host and how it is taken back. A step declares its
 * undos ({@link ProvisionStep#undo()}); {@link StepRunner} records them in the scenario's
 * {@link Teardown} before the step applies, so a step that fails or hangs half-way is still undone;
 * the {@link Reaper} rebuilds the same records from the marks a crashed run left. Both run them
 * through one {@link UndoExecutor}, which checks jailspec's mark before it removes anything.
 */
sealed interface Undo {
    String description();

    /** True for what a scenario planted to stage a situation: removed only when the scenario ends. */
    default boolean atScenarioEnd() {
        return false;
    }

    /** Stop the jail, if it runs at {@code path} (the clone a run made). */
    record StopJail(String jail, String path) implements Undo {
        public String description() {
            return "stop the jail " + jail;
        }
    }

    /**
     * Destroy the epair whose host side is {@code iface}, if its description says it is
     * {@code jail}'s and that jail no longer runs.
     */
    record DestroyEpair(String iface, String jail) implements Undo {
        public String description() {
            return "destroy the interface " + iface;
        }
    }

    /**
     * Destroy the dataset (and what is below it), if the mark of the run {@code run} is on it, all
     * of it is jailspec's and it is not meant to be kept.
     */
    record DestroyDataset(String dataset, String run) implements Undo {
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

        @Override
        public boolean atScenarioEnd() {
            return true;
        }
    }

    /**
     * Remove the jail's file in /etc/jail.conf.d, if its first line is the mark of the run
     * {@code run}, unless stopping the jail failed (rc.d/jail needs the file to stop it).
     */
    record RemoveJailConf(String jail, String path, String run) implements Undo {
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
