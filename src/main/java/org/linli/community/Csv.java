package org.linli.community;

import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader: comma-separated fields, double-quoted fields that may hold commas, doubled quotes and
 * line breaks, records ended by CRLF, LF or a lone CR. A quote inside an unquoted field is kept as text, the way
 * Excel reads it back.
 */
final class Csv {

    /** One record: its fields, as many as it has. */
    record Record(List<String> fields) {

        boolean isBlank() {
            return fields.stream().allMatch(String::isBlank);
        }

        String field(int index) {
            return index < fields.size() ? fields.get(index) : "";
        }
    }

    /** The text is not CSV: a quoted field is never closed, or text follows its closing quote. */
    static final class Malformed extends RuntimeException {
        final int line;

        Malformed(int line) {
            super("Malformed CSV near line " + line);
            this.line = line;
        }
    }

    private final String text;
    private int pos;
    private int line = 1;

    private Csv(String text) {
        this.text = text;
    }

    static List<Record> parse(String text) {
        Csv csv = reader(text);
        List<Record> records = new ArrayList<>();
        for (Record r = csv.next(); r != null; r = csv.next()) {
            records.add(r);
        }
        return records;
    }

    /** Reads records one at a time, so a caller can stop early (a roster over its row limit). */
    static Csv reader(String text) {
        return new Csv(text);
    }

    /** The next record, or null at the end of the text. */
    Record next() {
        return pos < text.length() ? new Record(record()) : null;
    }

    /** Reads fields up to and including the end of the record. */
    private List<String> record() {
        List<String> fields = new ArrayList<>();
        while (true) {
            fields.add(field());
            if (pos >= text.length()) {
                return fields;
            }
            char c = text.charAt(pos++);
            if (c == ',') {
                continue;
            }
            endOfLine(c);
            return fields;
        }
    }

    /** Reads one field and stops before the comma or line break that ends it. */
    private String field() {
        if (pos < text.length() && text.charAt(pos) == '"') {
            return quoted();
        }
        int start = pos;
        while (pos < text.length() && !isDelimiter(text.charAt(pos))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private String quoted() {
        int openedOn = line;
        StringBuilder value = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= text.length()) {
                throw new Malformed(openedOn);
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                if (pos < text.length() && text.charAt(pos) == '"') {
                    value.append('"');
                    pos++;
                    continue;
                }
                break;
            }
            if (c == '\r' || c == '\n') {
                endOfLine(c);
                value.append('\n');
                continue;
            }
            value.append(c);
        }
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
        if (pos < text.length() && !isDelimiter(text.charAt(pos))) {
            throw new Malformed(line);
        }
        return value.toString();
    }

    /** Consumes the LF of a CRLF pair and counts the line. */
    private void endOfLine(char c) {
        if (c == '\r' && pos < text.length() && text.charAt(pos) == '\n') {
            pos++;
        }
        line++;
    }

    private static boolean isDelimiter(char c) {
        return c == ',' || c == '\r' || c == '\n';
    }
}
