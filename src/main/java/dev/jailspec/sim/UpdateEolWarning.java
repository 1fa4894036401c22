package dev.jailspec.sim;

import dev.jailspec.freebsd.FreebsdRelease;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * freebsd-update.sh {@code fetch_warn_eol}, the last step of {@code fetch_run} (read in the
 * freebsd-src copy at commit 0092408cc550 and in a 12.x-era copy; the function is the same in
 * both [UNVERIFIED: byte for byte at releng/14.3 and releng/14.5]; freebsd-src PR 1096 (2024)
 * confirms that "fetch install" does not install in the EoL case):
 *
 * <ul>
 *   <li>EOLTIME (from the signed metadata) before now: a blank line, then
 *       {@code WARNING: `uname -sr` HAS PASSED ITS END-OF-LIFE DATE.} /
 *       {@code Any security issues discovered after `date -r ${EOLTIME}`} /
 *       {@code will not have been corrected.}, and {@code return 1}: fetch_run fails,
 *       cmd_fetch exits 1, so a following install never runs.</li>
 *   <li>Otherwise no warning when more than 7884000 s (3 months) are left, or when the time
 *       left is more than 3 times the time since the last warning (the {@code lasteolwarn} file in
 *       the work directory; absent, the last warning counts as 63072000 s ago).</li>
 *   <li>Else a blank line, {@code WARNING: `uname -sr` is approaching its End-of-Life date.} /
 *       {@code It is strongly recommended that you upgrade to a newer} /
 *       {@code release within the next N UNIT.} with UNIT day (under 604800 s left), week (under
 *       2678400 s) or month (2678400 s), plural unless N is 1; now is written to lasteolwarn; fetch
 *       still succeeds.</li>
 * </ul>
 * EOLTIME is the start (UTC) of the release's EoL day ({@link FreebsdRelease#endOfLifeInstant()}).
 */
final class UpdateEolWarning {
    /** date(1) without a format ("%a %b %e %H:%M:%S %Z %Y"); the simulated host's zone is UTC. */
    private static final DateTimeFormatter DATE_R = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss 'UTC' yyyy",
            Locale.ROOT);
    private static final long THREE_MONTHS = 7884000;
    private static final long TWO_YEARS = 63072000;

    private UpdateEolWarning() {
    }

    /**
     * Prints the warning due for {@code release} at the machine's clock; false when the release
     * is past its end of life (fetch then fails). {@code unameSr} is what {@code uname -sr} prints.
     */
    static boolean warn(Invocation inv, SimFileSystem fs, String workdir, FreebsdRelease release, String unameSr)
            throws IOException {
        Instant now = inv.machine().clock().instant();
        long nowTime = now.getEpochSecond();
        long eolTime = release.endOfLifeInstant().getEpochSecond();
        String lastWarnFile = workdir + "/lasteolwarn";
        long lastWarn = fs.isRegularFile(lastWarnFile) ? Long.parseLong(fs.readText(lastWarnFile).strip()) : nowTime - TWO_YEARS;
        if (eolTime < nowTime) {
            inv.out("");
            inv.out("WARNING: " + unameSr + " HAS PASSED ITS END-OF-LIFE DATE.");
            inv.out("Any security issues discovered after " + DATE_R.format(release.endOfLifeInstant().atOffset(ZoneOffset.UTC)));
            inv.out("will not have been corrected.");
            return false;
        }
        long sinceWarn = nowTime - lastWarn;
        long timeLeft = eolTime - nowTime;
        if (timeLeft > THREE_MONTHS || timeLeft > sinceWarn * 3) {
            return true;
        }
        String unit;
        long size;
        if (timeLeft < 604800) {
            unit = "day";
            size = 86400;
        } else if (timeLeft < 2678400) {
            unit = "week";
            size = 604800;
        } else {
            unit = "month";
            size = 2678400;
        }
        long num = timeLeft / size;
        inv.out("");
        inv.out("WARNING: " + unameSr + " is approaching its End-of-Life date.");
        inv.out("It is strongly recommended that you upgrade to a newer");
        inv.out("release within the next " + num + " " + unit + (num != 1 ? "s" : "") + ".");
        fs.writeText(lastWarnFile, nowTime + "\n");
        return true;
    }
}
