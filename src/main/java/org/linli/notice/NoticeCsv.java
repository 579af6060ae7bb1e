package org.linli.notice;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The unread-household list as a CSV Excel opens with Chinese intact: UTF-8 with a BOM, CRLF line ends. */
final class NoticeCsv {

    static final String MEDIA_TYPE = "text/csv; charset=UTF-8";
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private NoticeCsv() {
    }

    static byte[] unreadHouseholds(List<UnreadHousehold> households) {
        StringBuilder csv = new StringBuilder("楼栋,单元,房号,住户数\r\n");
        for (UnreadHousehold h : households) {
            csv.append(cell(h.building())).append(',').append(cell(h.unit())).append(',')
                    .append(cell(h.room())).append(',').append(h.residents()).append("\r\n");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(BOM);
        out.writeBytes(csv.toString().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /**
     * RFC 4180 quoting; a leading = + - @ gets an apostrophe so Excel shows a name instead of running a formula.
     */
    static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
