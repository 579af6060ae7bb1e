package org.linli.common;

import java.util.regex.Pattern;

/**
 * What may be written to a log. URLs lose their query strings (WxJava puts {@code secret}, {@code access_token} and
 * {@code js_code} there), any remaining {@code secret=…}-style pair is masked, and text a client chose (a username)
 * has its line breaks and control characters escaped so it cannot forge log lines.
 */
public final class LogText {

    private static final Pattern URL_QUERY = Pattern.compile("(\\b[a-z][a-z0-9+.-]*://[^\\s?#\"'<>]*)\\?[^\\s\"'<>]*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SECRET_PAIR = Pattern.compile(
            "(?<![A-Za-z0-9])((?:app)?secret|access_token|js_code|jscode|session_key|token|aes_?key|encoding_?aes_?key|password"
                    + "|phone[_-]?hash[_-]?key|code)(\"?\\s*[=:]\\s*\"?)([^&\\s\"',;}()\\[\\]]+)",
            Pattern.CASE_INSENSITIVE);

    private LogText() {
    }

    /** A message or exception text with URL query strings removed and secret-looking pairs masked. */
    public static String scrub(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String noQueries = URL_QUERY.matcher(text).replaceAll("$1?…");
        return SECRET_PAIR.matcher(noQueries).replaceAll("$1$2***");
    }

    /** Text a client sent, made safe to log on one line: control characters become {@code \\uXXXX}, at most 200 chars. */
    public static String quote(String clientText) {
        if (clientText == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(clientText.length(), 200) + 2).append('"');
        for (int i = 0; i < clientText.length() && i < 200; i++) {
            char c = clientText.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    || c == '\u2028' || c == '\u2029' || c == '"' || c == '\\') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
