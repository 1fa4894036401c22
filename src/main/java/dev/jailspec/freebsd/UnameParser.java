package dev.jailspec.freebsd;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code uname -a}. FreeBSD prints {@code sysname nodename release version machine}, and
 * the version holds spaces (freebsd-facts 5.2). Inside a Linux jail the Linuxulator answers with
 * GNU uname, which appends the processor and platform (omitted when unknown) and the operating
 * system ({@code ... GENERIC x86_64 GNU/Linux}, transcript uname-a/002).
 */
public final class UnameParser {
    private static final Pattern TOKEN = Pattern.compile("\\S+");

    private UnameParser() {
    }

    public static UnameInfo parseAll(String stdout) {
        String line = stdout.strip();
        List<int[]> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(line);
        while (m.find()) {
            tokens.add(new int[] {m.start(), m.end()});
        }
        String sysname = text(line, tokens, 0);
        int last = tokens.size() - 1;
        if (sysname.equals("Linux") && last > 0 && text(line, tokens, last).contains("Linux")) {
            last--; // GNU: operating system, e.g. "GNU/Linux"
            String machine = text(line, tokens, last);
            // Processor and hardware platform, when known, usually repeat the machine.
            while (last > 4 && text(line, tokens, last - 1).equals(machine)) {
                last--;
            }
        }
        if (last < 4) {
            throw new IllegalArgumentException("uname -a should print sysname, nodename, release, version "
                    + "and machine: " + line);
        }
        String version = line.substring(tokens.get(3)[0], tokens.get(last - 1)[1]);
        return new UnameInfo(sysname, text(line, tokens, 1), text(line, tokens, 2), version, text(line, tokens, last));
    }

    /** The last word of the version, after its last {@code /}: the kernel config name. */
    public static String kernelIdent(String version) {
        String[] words = version.strip().split("\\s+");
        String lastWord = words[words.length - 1];
        return lastWord.substring(lastWord.lastIndexOf('/') + 1);
    }

    private static String text(String line, List<int[]> tokens, int i) {
        return line.substring(tokens.get(i)[0], tokens.get(i)[1]);
    }
}
