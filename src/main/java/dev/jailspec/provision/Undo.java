package dev.jailspec.provision;

/** Something a scenario changed on the host and how teardown takes it back. */
sealed interface Undo {
    String description();

    record StopJail(String jail) implements Undo {
        public String description() {
            return "stop the jail " + jail;
        }
    }

    record DestroyDataset(String dataset) implements Undo {
        public String description() {
            return "destroy the dataset " + dataset;
        }
    }

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
}
