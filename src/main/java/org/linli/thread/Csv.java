package org.linli.thread;

import java.util.List;

/** CSV for staff exports: UTF-8 with a BOM so that Excel opens the Chinese text right. */
final class Csv {

    static final String MEDIA_TYPE = "text/csv; charset=UTF-8";

    private Csv() {
    }

    static String of(List<String> header, List<List<Object>> rows) {
        StringBuilder out = new StringBuilder("\uFEFF");
        line(out, header.stream().map(h -> (Object) h).toList());
        rows.forEach(r -> line(out, r));
        return out.toString();
    }

    private static void line(StringBuilder out, List<Object> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Object c = cells.get(i);
            String s = c == null ? "" : c.toString();
            // A leading =, +, - or @ would be a formula in a spreadsheet.
            if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 && !s.matches("-?\\d+(\\.\\d+)?")) {
                s = "'" + s;
            }
            if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
                s = "\"" + s.replace("\"", "\"\"") + "\"";
            }
            out.append(s);
        }
        out.append("\r\n");
    }
}
