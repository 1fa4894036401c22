package dev.jailspec.jailconf;

/** Character classes of jaillex.l, shared by the lexer and the renderer. */
final class TokenChars {

    private TokenChars() {
    }

    /** {@code [A-Za-z0-9_!%&()\-.:<>?@\[\]^`|~]}: characters of an unquoted word. */
    static boolean isWordChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || "_!%&()-.:<>?@[]^`|~".indexOf(c) >= 0;
    }

    static boolean isWord(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isWordChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code $[A-Za-z_][A-Za-z_0-9]*}: a variable name that needs no braces. */
    static boolean isSimpleVariableName(String s) {
        if (s.isEmpty() || !isNameStart(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!isNameStart(s.charAt(i)) && !(s.charAt(i) >= '0' && s.charAt(i) <= '9')) {
                return false;
            }
        }
        return true;
    }

    static boolean isNameStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    static boolean isOctal(char c) {
        return c >= '0' && c <= '7';
    }

    static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
