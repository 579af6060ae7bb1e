package org.linli.poll;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/** CSV for Excel users: UTF-8 with a BOM, CRLF, fields quoted when needed. */
final class PollCsv {

    static final String MEDIA_TYPE = "text/csv; charset=UTF-8";

    private PollCsv() {
    }

    static <T> byte[] write(List<String> header, List<T> rows, Function<T, List<Object>> columns) {
        StringBuilder s = new StringBuilder("\uFEFF");
        line(s, header.stream().map(h -> (Object) h).toList());
        rows.forEach(r -> line(s, columns.apply(r)));
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder s, List<Object> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                s.append(',');
            }
            String v = fields.get(i) == null ? "" : fields.get(i).toString();
            // A leading = + - @ would run as a formula in Excel.
            if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
                v = "'" + v;
            }
            if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
                v = "\"" + v.replace("\"", "\"\"") + "\"";
            }
            s.append(v);
        }
        s.append("\r\n");
    }
}
