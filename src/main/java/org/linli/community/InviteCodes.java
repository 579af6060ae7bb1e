package org.linli.community;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Invite codes people copy from paper: 8 characters from an alphabet without 0/O and 1/I, so 32 symbols and
 * 40 random bits. Guessing one of the live codes of a community at that size is hopeless, and a collision
 * with an existing code (the column is unique) is about one in a million even after a million codes.
 */
final class InviteCodes {

    static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    static final int LENGTH = 8;

    private static final SecureRandom RANDOM = new SecureRandom();

    private InviteCodes() {
    }

    static String next() {
        char[] code = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            code[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
        }
        return new String(code);
    }

    /** What a resident typed, as stored: upper case, without the spaces or dash used when printing "ABCD-EFGH". */
    static String normalize(String typed) {
        return typed.replaceAll("[\\s\\-]", "").toUpperCase(Locale.ROOT);
    }
}
