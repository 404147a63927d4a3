package org.tracknum;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The officially assigned ISO 3166-1 alpha-2 codes, read once from the list shipped with the
 * library ({@code org/tracknum/iso-3166-1-alpha-2.txt}), not from {@link java.util.Locale}, whose
 * list changes between Java versions. Reserved codes are not assigned: {@code UK} (exceptionally
 * reserved for the United Kingdom, whose code is {@code GB}), {@code EU}, {@code UN}, the
 * transitionally reserved {@code AN}, and user-assigned codes such as {@code XK} or {@code XX}.
 */
final class CountryCodes {
    static final String RESOURCE = "iso-3166-1-alpha-2.txt";

    private static final boolean[] ASSIGNED = load();

    private CountryCodes() {
    }

    /** Whether {@code upperCaseCode} is two letters A–Z and an officially assigned code. */
    static boolean isAssigned(String upperCaseCode) {
        return upperCaseCode != null && upperCaseCode.length() == 2
                && isUpperAscii(upperCaseCode.charAt(0)) && isUpperAscii(upperCaseCode.charAt(1))
                && ASSIGNED[index(upperCaseCode)];
    }

    /**
     * The upper-case form of {@code code} if it is two ASCII letters (either case) forming an
     * assigned code, otherwise {@code null}. Only ASCII letters are upper-cased, so {@code ıt}
     * (dotless i) or {@code ßß} never turn into a valid code.
     */
    static String canonical(String code) {
        if (code.length() != 2 || !isAsciiLetter(code.charAt(0)) || !isAsciiLetter(code.charAt(1))) {
            return null;
        }
        String upper = isUpperAscii(code.charAt(0)) && isUpperAscii(code.charAt(1)) ? code
                : new String(new char[] {toUpperAscii(code.charAt(0)), toUpperAscii(code.charAt(1))});
        return ASSIGNED[index(upper)] ? upper : null;
    }

    /** How many codes the shipped list holds (249 while ISO 3166-1 does not change). */
    static int count() {
        int n = 0;
        for (boolean assigned : ASSIGNED) {
            n += assigned ? 1 : 0;
        }
        return n;
    }

    private static boolean isUpperAscii(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isAsciiLetter(char c) {
        return isUpperAscii(c) || (c >= 'a' && c <= 'z');
    }

    private static char toUpperAscii(char c) {
        return isUpperAscii(c) ? c : (char) (c - 'a' + 'A');
    }

    private static int index(String code) {
        return (code.charAt(0) - 'A') * 26 + (code.charAt(1) - 'A');
    }

    private static boolean[] load() {
        boolean[] assigned = new boolean[26 * 26];
        try (InputStream in = CountryCodes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource org/tracknum/" + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String code = line.strip();
                if (code.isEmpty() || code.startsWith("#")) {
                    continue;
                }
                if (code.length() != 2 || !isUpperAscii(code.charAt(0)) || !isUpperAscii(code.charAt(1))) {
                    throw new IllegalStateException("malformed line in org/tracknum/" + RESOURCE + ": " + code);
                }
                assigned[index(code)] = true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read org/tracknum/" + RESOURCE, e);
        }
        return assigned;
    }
}
