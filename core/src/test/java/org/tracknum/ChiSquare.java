package org.tracknum;

/** Pearson's chi-square test of counts against a uniform distribution. */
final class ChiSquare {
    private ChiSquare() {
    }

    /** The statistic for counts that should be equal. */
    static double statistic(long[] counts) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        double expected = (double) total / counts.length;
        double sum = 0;
        for (long c : counts) {
            double d = c - expected;
            sum += d * d / expected;
        }
        return sum;
    }

    /** P(X &gt;= statistic) for X ~ chi-square with {@code df} degrees of freedom. */
    static double pValue(double statistic, int df) {
        return upperRegularizedGamma(df / 2.0, statistic / 2.0);
    }

    /** Q(a, x) = Γ(a, x) / Γ(a): series below a + 1, Lentz's continued fraction above. */
    private static double upperRegularizedGamma(double a, double x) {
        if (x <= 0) {
            return 1;
        }
        double logPrefix = -x + a * Math.log(x) - logGamma(a);
        if (x < a + 1) {
            double term = 1 / a;
            double sum = term;
            for (int n = 1; n < 100_000 && term > sum * 1e-16; n++) {
                term *= x / (a + n);
                sum += term;
            }
            return 1 - sum * Math.exp(logPrefix);
        }
        double tiny = 1e-300;
        double b = x + 1 - a;
        double c = 1 / tiny;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < 100_000; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            d = Math.abs(d) < tiny ? tiny : d;
            c = b + an / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return Math.exp(logPrefix) * h;
    }

    /** ln Γ(a) for a positive multiple of 1/2, exactly: Γ(a) = (a-1)(a-2)···z·Γ(z) with Γ(1) = 1, Γ(1/2) = √π. */
    private static double logGamma(double a) {
        double sum = 0;
        double z = a;
        while (z > 1.25) {
            z -= 1;
            sum += Math.log(z);
        }
        return z < 0.75 ? sum + 0.5 * Math.log(Math.PI) : sum;
    }
}
