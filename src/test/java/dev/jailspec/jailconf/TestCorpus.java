package dev.jailspec.jailconf;

/** Corpus files by number prefix, e.g. {@code accept/054}. */
final class TestCorpus {

    private TestCorpus() {
    }

    static String text(String prefix) {
        return CorpusEntry.all().stream()
                .filter(e -> e.file().startsWith(prefix + "-"))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no corpus file " + prefix))
                .text();
    }
}
