package org.tracknum;

import java.math.BigInteger;

/**
 * UPU S10 item identifiers: 2-letter service indicator, 8-digit serial, check digit, and the
 * ISO 3166-1 alpha-2 code of the issuing (origin) country, e.g. {@code RR473124829MY}. Serials are
 * drawn uniformly from {@code [firstSerial, lastSerial]}; repeats are collisions for the generator.
 */
final class S10Layout implements NumberLayout {
    static final int LAST_SERIAL = 99_999_999;
    private static final int LENGTH = 13;
    private static final int[] WEIGHTS = {8, 6, 4, 2, 3, 5, 9, 7};

    private final String serviceIndicator;
    private final int firstSerial;
    private final int lastSerial;

    private S10Layout(String serviceIndicator, int firstSerial, int lastSerial) {
        this.serviceIndicator = serviceIndicator;
        this.firstSerial = firstSerial;
        this.lastSerial = lastSerial;
    }

    static S10Layout create(String serviceIndicator, int firstSerial, int lastSerial) {
        if (serviceIndicator == null || !serviceIndicator.matches("[A-Z]{2}")) {
            throw new ConfigurationException("S10 service indicator " + quote(serviceIndicator)
                    + " is invalid: expected two upper-case letters, e.g. RR or CP");
        }
        if (firstSerial < 0 || lastSerial > LAST_SERIAL || firstSerial > lastSerial) {
            throw new ConfigurationException("S10 serial range " + firstSerial + "-" + lastSerial
                    + " is invalid: expected 0 <= first <= last <= " + LAST_SERIAL);
        }
        return new S10Layout(serviceIndicator, firstSerial, lastSerial);
    }

    /** The S10 check digit of an 8-digit serial: weights 8 6 4 2 3 5 9 7, 11 - sum mod 11, 10 → 0, 11 → 5. */
    static int checkDigit(int serial) {
        int sum = 0;
        for (int i = WEIGHTS.length - 1; i >= 0; i--) {
            sum += serial % 10 * WEIGHTS[i];
            serial /= 10;
        }
        int check = 11 - sum % 11;
        return check == 10 ? 0 : check == 11 ? 5 : check;
    }

    @Override
    public String candidate(ShipmentRequest request) {
        char[] out = new char[LENGTH];
        serviceIndicator.getChars(0, 2, out, 0);
        int serial = firstSerial + SecureRandomBuffer.current().nextInt(lastSerial - firstSerial + 1);
        out[10] = (char) ('0' + checkDigit(serial));
        for (int i = 9; i >= 2; i--) {
            out[i] = (char) ('0' + serial % 10);
            serial /= 10;
        }
        request.originCountryId().getChars(0, 2, out, 11);
        return new String(out);
    }

    @Override
    public boolean matches(String number) {
        if (number.length() != LENGTH || !number.startsWith(serviceIndicator)) {
            return false;
        }
        for (int i = 2; i <= 10; i++) {
            char c = number.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return number.charAt(10) - '0' == checkDigit(Integer.parseInt(number, 2, 10, 10))
                && NumberLayout.isCountryCode(number, 11);
    }

    @Override
    public BigInteger capacity() {
        return BigInteger.valueOf(lastSerial - firstSerial + 1L);
    }

    @Override
    public String describe() {
        return "S10 " + serviceIndicator + ", serials " + firstSerial + "-" + lastSerial;
    }

    private static String quote(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
