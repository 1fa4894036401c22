package dev.jailspec.sim;

/**
 * zfs_nicebytes() of libzfs: 0B, 512B, 96K, 1.50K, 27.7M, 49.0G, at most five characters when it
 * can (OpenZFS 2.x prints {@code 0B}, not {@code 0}: freebsd-facts 1.3).
 */
final class SizeFormat {
    private static final String[] UNITS = {"B", "K", "M", "G", "T", "P", "E"};

    private SizeFormat() {
    }

    static String nicebytes(long num) {
        int index = 0;
        long n = num;
        while (n >= 1024 && index < UNITS.length - 1) {
            n /= 1024;
            index++;
        }
        String u = UNITS[index];
        long unit = 1L << (10 * index);
        if (index == 0 || num % unit == 0) {
            return n + u;
        }
        String s = null;
        for (int precision = 2; precision >= 0; precision--) {
            double val = (double) num / unit;
            s = String.format(java.util.Locale.ROOT, "%." + precision + "f%s", val, u);
            if (s.length() <= 5) {
                break;
            }
        }
        return s;
    }
}
