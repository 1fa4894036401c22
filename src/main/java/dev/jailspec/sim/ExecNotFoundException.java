package dev.jailspec.sim;

/** execvp(3) found no such program: the caller prints its own message (sh, jexec, jail differ). */
final class ExecNotFoundException extends Exception {
    private final String program;

    ExecNotFoundException(String program) {
        super(program + ": No such file or directory");
        this.program = program;
    }

    String program() {
        return program;
    }
}
