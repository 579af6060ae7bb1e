package org.linli.community;

import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.linli.common.Problem;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The first sheet of an Excel workbook as roster records, one per spreadsheet row (blank rows kept, so error
 * reports name the row Excel shows). Numbers come back as Excel stored them (a phone typed as a number is
 * 13800138000, not 1.38E10); formulas give their cached result.
 */
final class XlsxRoster {

    /** A roster has a few thousand rows; anything far beyond is not one. */
    static final int MAX_ROWS = 50_000;

    private XlsxRoster() {
    }

    static boolean looksLikeXlsx(byte[] body) {
        return body.length >= 4 && body[0] == 'P' && body[1] == 'K' && body[2] == 3 && body[3] == 4;
    }

    static List<Csv.Record> records(byte[] body) {
        if (!looksLikeXlsx(body)) {
            throw Problem.badRequest("ROSTER_XLSX_INVALID");
        }
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(body))) {
            Sheet sheet = workbook.getFirstSheet();
            List<Csv.Record> records = new ArrayList<>();
            try (Stream<Row> rows = sheet.openStream()) {
                rows.forEach(row -> {
                    if (row.getRowNum() > MAX_ROWS) {
                        throw Problem.badRequest("ROSTER_XLSX_TOO_LARGE", String.valueOf(MAX_ROWS));
                    }
                    while (records.size() < row.getRowNum() - 1) {
                        records.add(new Csv.Record(List.of()));
                    }
                    records.add(new Csv.Record(cells(row)));
                });
            }
            return records;
        } catch (Problem p) {
            throw p;
        } catch (IOException | RuntimeException e) {
            throw Problem.badRequest("ROSTER_XLSX_INVALID");
        }
    }

    private static List<String> cells(Row row) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < row.getCellCount(); i++) {
            cells.add(text(row.getCell(i)));
        }
        return cells;
    }

    private static String text(Cell cell) {
        if (cell == null || cell.getRawValue() == null) {
            return "";
        }
        return switch (cell.getType()) {
            case NUMBER -> number(cell.getRawValue());
            case STRING, FORMULA, BOOLEAN -> cell.getText() == null ? cell.getRawValue() : cell.getText();
            default -> cell.getRawValue();
        };
    }

    private static String number(String raw) {
        try {
            return new BigDecimal(raw).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return raw;
        }
    }
}
