package org.linli.wechat.push;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Template keyword values under WeChat's 2023 rules: at most 20 characters, one line, no emoji; no first/remark
 * fields. Cut values end with "…" so the reader sees they go on.
 */
final class KeywordText {

    static final int MAX = 20;

    private KeywordText() {
    }

    static Map<String, String> clean(Map<String, String> data) {
        Map<String, String> cleaned = new LinkedHashMap<>();
        data.forEach((name, value) -> {
            if (!"first".equals(name) && !"remark".equals(name)) {
                cleaned.put(name, keyword(value));
            }
        });
        return cleaned;
    }

    static String keyword(String value) {
        String text = oneLine(value);
        return text.codePointCount(0, text.length()) <= MAX ? text : cut(text, MAX - 1) + "…";
    }

    /** Control characters (newlines included) become spaces; emoji and pictographs are dropped. */
    static String oneLine(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || Character.isWhitespace(cp)) {
                out.append(' ');
            } else if (!isEmoji(cp)) {
                out.appendCodePoint(cp);
            }
        });
        return out.toString().replaceAll(" {2,}", " ").trim();
    }

    static String cut(String text, int codePoints) {
        int end = text.offsetByCodePoints(0, Math.min(codePoints, text.codePointCount(0, text.length())));
        return text.substring(0, end);
    }

    private static boolean isEmoji(int cp) {
        int type = Character.getType(cp);
        return Character.isSupplementaryCodePoint(cp) && type == Character.OTHER_SYMBOL
                || cp >= 0x2600 && cp <= 0x27BF
                || cp == 0xFE0F || cp == 0x200D;
    }
}
