package org.linli.console;

import jakarta.ws.rs.core.Response;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A console table as an XLSX or a CSV download. Both neutralise formula injection the way the notice CSV does: a
 * text cell starting with = + - @ tab or CR gets a leading apostrophe, so Excel shows it as text instead of
 * running it (in an XLSX a text cell is no formula, but it becomes one when someone edits the cell and presses
 * Enter). Numbers stay numbers. CSV is UTF-8 with a BOM and CRLF, which Excel opens with Chinese intact.
 */
final class Exports {

    record Table(String name, List<String> header, List<List<Object>> rows) {
    }

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private Exports() {
    }

    /** {@code format} xlsx or csv (anything else is CSV). */
    static Response download(Table table, String format, String filename) {
        boolean xlsx = "xlsx".equalsIgnoreCase(format);
        return Response.ok(xlsx ? xlsx(table) : csv(table), xlsx ? XLSX : "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + filename + (xlsx ? ".xlsx" : ".csv") + "\"")
                .build();
    }

    static String neutralise(String value) {
        String v = value == null ? "" : value;
        return !v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
    }

    static byte[] csv(Table table) {
        StringBuilder out = new StringBuilder();
        line(out, table.header().stream().map(h -> (Object) h).toList());
        table.rows().forEach(row -> line(out, row));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(BOM);
        bytes.writeBytes(out.toString().getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    static byte[] xlsx(Table table) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            Workbook workbook = new Workbook(bytes, "Linli", "1.0");
            Worksheet sheet = workbook.newWorksheet(table.name());
            for (int c = 0; c < table.header().size(); c++) {
                sheet.value(0, c, table.header().get(c));
                sheet.style(0, c).bold().set();
            }
            for (int r = 0; r < table.rows().size(); r++) {
                List<Object> row = table.rows().get(r);
                for (int c = 0; c < row.size(); c++) {
                    Object v = row.get(c);
                    if (v instanceof Number n) {
                        sheet.value(r + 1, c, n);
                    } else if (v != null) {
                        sheet.value(r + 1, c, neutralise(v.toString()));
                    }
                }
            }
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void line(StringBuilder out, List<Object> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Object v = cells.get(i);
            out.append(v instanceof Number ? v.toString() : quote(neutralise(v == null ? "" : v.toString())));
        }
        out.append("\r\n");
    }

    private static String quote(String v) {
        return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")
                ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }
}
