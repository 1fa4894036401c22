package dev.jailspec.sim;

/**
 * humanize_number(3) of FreeBSD's libutil as df -h calls it (flags HN_B | HN_NOSPACE |
 * HN_DECIMAL, HN_AUTOSCALE, a buffer of five for a size that is not negative): the value divided
 * by 1024 until it is below 1000, one decimal when the result is below 9.5, rounded at half a unit
 * ({@code 0B}, {@code 512B}, {@code 1.0K}, {@code 8.0K}, {@code 96K}, {@code 786M}, {@code 6.1T}).
 * Source: lib/libutil/humanize_number.c (divisordeccut 973, maxscale 6) [UNVERIFIED: read in an
 * unpinned 14-era copy (sobomax/freebsd14_vendor), not at releng/14.x]; the values agree with the
 * df -h outputs in shared/reference/upstream-doc (vnet_thin_jail/df, linux_jail/df).
 * (ZFS prints sizes with its own zfs_nicebytes(): {@link SizeFormat}.)
 */
final class HumanizeNumber {
    private static final String[] PREFIXES = {"B", "K", "M", "G", "T", "P", "E"};
    private static final int MAXSCALE = 6;
    private static final long DIVISOR = 1024;
    private static final long DIVISORDECCUT = 973;
    /** df's buffer is char[6] and it passes sizeof(buf) - 1 for a size that is not negative. */
    private static final int LEN = 5;

    private HumanizeNumber() {
    }

    static String bytes(long value) {
        if (value < 0) {
            throw new SimUnsupportedException("humanize_number of a negative size");
        }
        long baselen = 2; // the prefix and one digit
        long max = 1;
        for (long i = LEN - baselen; i-- > 0; ) {
            max *= 10;
        }
        long quotient = value;
        long remainder = 0;
        int i = 0;
        while ((quotient >= max || (quotient == max - 1 && (remainder >= DIVISORDECCUT || remainder >= DIVISOR / 2)))
                && i < MAXSCALE) {
            remainder = quotient % DIVISOR;
            quotient /= DIVISOR;
            i++;
        }
        String s;
        if (((quotient == 9 && remainder < DIVISORDECCUT) || quotient < 9) && i > 0) {
            long s1 = quotient + ((remainder * 10 + DIVISOR / 2) / DIVISOR / 10);
            long s2 = ((remainder * 10 + DIVISOR / 2) / DIVISOR) % 10;
            s = s1 + "." + s2 + PREFIXES[i];
        } else {
            s = (quotient + (remainder + DIVISOR / 2) / DIVISOR) + PREFIXES[i];
        }
        // snprintf(buf, len, ...) keeps len - 1 characters
        return s.length() > LEN - 1 ? s.substring(0, LEN - 1) : s;
    }
}
