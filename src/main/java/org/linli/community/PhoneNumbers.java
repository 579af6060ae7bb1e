package org.linli.community;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Mainland mobile numbers as Linli keeps them: masked for display and as an HMAC-SHA256 keyed with
 * linli.phone-hash-key for matching the same owner across rooms and imports. The clear number is never stored;
 * a keyed hash (not a plain one) because 11-digit numbers are few enough to hash them all.
 */
@ApplicationScoped
public class PhoneNumbers {

    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-()（）]");

    private final SecretKeySpec key;

    PhoneNumbers(@ConfigProperty(name = "linli.phone-hash-key") String key) {
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The 11 digits of a mainland mobile number written with spaces, dashes or a +86 prefix; empty if it is not one. */
    public static Optional<String> normalize(String raw) {
        String digits = SEPARATORS.matcher(raw).replaceAll("");
        if (digits.startsWith("+86")) {
            digits = digits.substring(3);
        } else if (digits.length() == 13 && digits.startsWith("86")) {
            digits = digits.substring(2);
        }
        return MOBILE.matcher(digits).matches() ? Optional.of(digits) : Optional.empty();
    }

    /** 13812345678 → 138****5678 */
    public static String mask(String mobile) {
        return mobile.substring(0, 3) + "****" + mobile.substring(7);
    }

    public String hash(String mobile) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(mobile.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
