package org.linli.poll;

import org.linli.common.Problem;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A legal threshold as an exact fraction: "≥ 2/3" (以上, includes the number) or "> 1/2" (过半数 / 超过, excludes
 * it), per 民法典 art. 1259. Compared by cross-multiplication, never by division or floating point.
 */
public record Threshold(boolean inclusive, BigInteger numerator, BigInteger denominator) {

    private static final Pattern TEXT = Pattern.compile("\\s*(>=|≥|>)\\s*(\\d{1,6})\\s*/\\s*(\\d{1,6})\\s*");

    public Threshold {
        if (numerator.signum() < 0 || denominator.signum() <= 0 || numerator.compareTo(denominator) > 0) {
            throw new IllegalArgumentException("A threshold is a fraction between 0 and 1: " + numerator + "/" + denominator);
        }
    }

    public static Threshold atLeast(long p, long q) {
        return new Threshold(true, BigInteger.valueOf(p), BigInteger.valueOf(q));
    }

    public static Threshold moreThan(long p, long q) {
        return new Threshold(false, BigInteger.valueOf(p), BigInteger.valueOf(q));
    }

    /** Parses "≥2/3", ">=2/3" or ">1/2"; anything else is 400 POLL_RULE_INVALID. */
    public static Threshold parse(String text) {
        Matcher m = text == null ? null : TEXT.matcher(text);
        if (m == null || !m.matches()) {
            throw Problem.badRequest("POLL_RULE_INVALID", String.valueOf(text));
        }
        BigInteger p = new BigInteger(m.group(2));
        BigInteger q = new BigInteger(m.group(3));
        if (q.signum() == 0 || p.compareTo(q) > 0) {
            throw Problem.badRequest("POLL_RULE_INVALID", text);
        }
        return new Threshold(!m.group(1).equals(">"), p, q);
    }

    /** part / whole ≥ (or >) p / q, i.e. part · q ≥ (or >) whole · p. A zero whole never meets a threshold. */
    public boolean metBy(BigDecimal part, BigDecimal whole) {
        if (whole.signum() == 0) {
            return false;
        }
        int c = part.multiply(new BigDecimal(denominator)).compareTo(whole.multiply(new BigDecimal(numerator)));
        return inclusive ? c >= 0 : c > 0;
    }

    public boolean metBy(long part, long whole) {
        return metBy(BigDecimal.valueOf(part), BigDecimal.valueOf(whole));
    }

    @Override
    public String toString() {
        return (inclusive ? "≥ " : "> ") + numerator + "/" + denominator;
    }
}
