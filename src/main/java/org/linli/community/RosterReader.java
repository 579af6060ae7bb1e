package org.linli.community;

import org.linli.common.PlainText;
import org.linli.common.Problem;
import org.linli.common.ProblemMessages;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a household roster exported from Excel: decodes it, finds the header, and checks every row. Either all rows
 * are good and come back as {@link RosterRow}s, or a 422 ROSTER_INVALID lists every problem by row and column, so
 * the committee can fix the file in one go.
 */
final class RosterReader {

    static final BigDecimal MAX_AREA = new BigDecimal("10000");
    /** Errors listed in one answer; the count in the message still covers every bad row. */
    static final int MAX_ERRORS = 500;
    /** Rows searched for the header, since exports often start with a title line. */
    private static final int HEADER_SEARCH = 10;

    enum Column {
        BUILDING("楼栋", "building", true, 32, "楼号", "楼栋号"),
        UNIT("单元", "unit", true, 32, "单元号"),
        ROOM("房号", "room", true, 16, "房间号", "门牌号", "室号"),
        AREA("面积", "area", true, 0, "建筑面积", "房屋面积"),
        AREA_SOURCE("面积来源", "area_source", false, 0),
        OWNER_NAME("业主姓名", "owner_name", true, 64, "业主", "姓名"),
        PHONE("电话", "phone", true, 0, "手机", "手机号", "手机号码", "联系电话", "mobile"),
        GRID("网格", "grid", false, 64, "所属网格");

        final String label;
        final boolean required;
        final int maxLength;
        final List<String> names;

        Column(String label, String english, boolean required, int maxLength, String... aliases) {
            this.label = label;
            this.required = required;
            this.maxLength = maxLength;
            List<String> all = new ArrayList<>(List.of(label, english));
            all.addAll(List.of(aliases));
            this.names = all.stream().map(RosterReader::headerKey).toList();
        }
    }

    /** Every accepted header spelling to its column; a constant lookup table. */
    private static final Map<String, Column> BY_HEADER = Arrays.stream(Column.values())
            .flatMap(c -> c.names.stream().map(name -> Map.entry(name, c)))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

    private static final Map<String, AreaSource> AREA_SOURCES = Map.of(
            "不动产登记", AreaSource.REGISTRY, "不动产登记簿", AreaSource.REGISTRY, "登记", AreaSource.REGISTRY,
            "测绘", AreaSource.SURVEY, "测绘报告", AreaSource.SURVEY,
            "合同", AreaSource.CONTRACT, "购房合同", AreaSource.CONTRACT,
            "registry", AreaSource.REGISTRY, "survey", AreaSource.SURVEY, "contract", AreaSource.CONTRACT);

    private final PhoneNumbers phones;
    private final Map<Column, Integer> columns = new EnumMap<>(Column.class);
    private final Map<Column, String> headerText = new EnumMap<>(Column.class);
    private final List<Map<String, Object>> errors = new ArrayList<>();
    private final Set<Integer> badRows = new HashSet<>();
    // What earlier rows said, to catch a room listed twice and a phone or building described two ways.
    private final Map<String, Integer> firstRowOfRoom = new HashMap<>();
    private final Map<String, Map.Entry<Integer, String>> firstOwnerOfPhone = new HashMap<>();
    private final Map<String, Map.Entry<Integer, String>> firstGridOfBuilding = new HashMap<>();

    private final int maxRows;

    private RosterReader(PhoneNumbers phones, int maxRows) {
        this.phones = phones;
        this.maxRows = maxRows;
    }

    static List<RosterRow> read(byte[] body, PhoneNumbers phones) {
        return read(body, phones, Integer.MAX_VALUE);
    }

    /** As above, refusing (413 ROSTER_TOO_MANY_ROWS) a file with more than {@code maxRows} data rows. */
    static List<RosterRow> read(byte[] body, PhoneNumbers phones, int maxRows) {
        return new RosterReader(phones, maxRows).rows(RosterEncoding.decode(body));
    }

    /** Rows already split into cells (an .xlsx sheet); record i is spreadsheet row i + 1. */
    static List<RosterRow> read(List<Csv.Record> records, PhoneNumbers phones, int maxRows) {
        java.util.Iterator<Csv.Record> each = records.iterator();
        return new RosterReader(phones, maxRows).rows(() -> each.hasNext() ? each.next() : null);
    }

    private List<RosterRow> rows(String text) {
        try {
            return rows(Csv.reader(text)::next);
        } catch (Csv.Malformed e) {
            throw Problem.badRequest("ROSTER_MALFORMED", String.valueOf(e.line));
        }
    }

    /**
     * Records are read one at a time ({@code csv} answers null at the end): only the header search is buffered, and
     * reading stops past the limit.
     */
    private List<RosterRow> rows(java.util.function.Supplier<Csv.Record> csv) {
        List<Csv.Record> head = new ArrayList<>();
        for (Csv.Record r = head.size() < HEADER_SEARCH ? csv.get() : null; r != null;
             r = head.size() < HEADER_SEARCH ? csv.get() : null) {
            head.add(r);
        }
        int header = findHeader(head);
        List<RosterRow> rows = new ArrayList<>();
        int dataRows = 0;
        int line = header + 1;
        java.util.Iterator<Csv.Record> buffered = head.subList(header + 1, head.size()).iterator();
        for (Csv.Record record = buffered.hasNext() ? buffered.next() : csv.get(); record != null;
             record = buffered.hasNext() ? buffered.next() : csv.get()) {
            line++;
            if (record.isBlank()) {
                continue;
            }
            if (++dataRows > maxRows) {
                throw new Problem(413, "ROSTER_TOO_MANY_ROWS", String.valueOf(maxRows));
            }
            row(line, record).ifPresent(rows::add);
        }
        if (rows.isEmpty() && badRows.isEmpty()) {
            throw Problem.badRequest("ROSTER_EMPTY");
        }
        if (!badRows.isEmpty()) {
            throw new Problem(422, "ROSTER_INVALID", List.copyOf(errors), String.valueOf(badRows.size()));
        }
        return rows;
    }

    /** Index of the first record naming every required column; ROSTER_HEADER when there is none. */
    private int findHeader(List<Csv.Record> records) {
        int firstNonBlank = -1;
        for (int i = 0; i < records.size() && i < HEADER_SEARCH; i++) {
            if (records.get(i).isBlank()) {
                continue;
            }
            if (firstNonBlank < 0) {
                firstNonBlank = i;
            }
            if (missing(records.get(i)).isEmpty()) {
                mapColumns(records.get(i));
                return i;
            }
        }
        if (firstNonBlank < 0) {
            throw Problem.badRequest("ROSTER_EMPTY");
        }
        throw Problem.badRequest("ROSTER_HEADER", String.join("、", missing(records.get(firstNonBlank))));
    }

    private static List<String> missing(Csv.Record record) {
        var present = record.fields().stream().map(RosterReader::headerKey)
                .map(BY_HEADER::get).collect(Collectors.toSet());
        return Arrays.stream(Column.values())
                .filter(c -> c.required && !present.contains(c))
                .map(c -> c.label).toList();
    }

    private void mapColumns(Csv.Record record) {
        for (int i = 0; i < record.fields().size(); i++) {
            Column c = BY_HEADER.get(headerKey(record.fields().get(i)));
            if (c != null && !columns.containsKey(c)) {
                columns.put(c, i);
                headerText.put(c, Text.clean(record.fields().get(i)));
            }
        }
    }

    private Optional<RosterRow> row(int rowNumber, Csv.Record record) {
        String building = text(rowNumber, record, Column.BUILDING);
        String unit = text(rowNumber, record, Column.UNIT);
        String room = text(rowNumber, record, Column.ROOM);
        String owner = text(rowNumber, record, Column.OWNER_NAME);
        String grid = text(rowNumber, record, Column.GRID);
        BigDecimal area = area(rowNumber, value(record, Column.AREA));
        AreaSource source = areaSource(rowNumber, value(record, Column.AREA_SOURCE));
        String mobile = mobile(rowNumber, value(record, Column.PHONE));

        if (building != null && unit != null && room != null) {
            Integer first = firstRowOfRoom.putIfAbsent(building + "\n" + unit + "\n" + room, rowNumber);
            if (first != null) {
                error(rowNumber, Column.ROOM, "ROSTER_ROW_DUPLICATE_ROOM", String.valueOf(first));
            }
        }
        String phoneHash = mobile == null ? null : phones.hash(mobile);
        if (phoneHash != null && owner != null) {
            var first = firstOwnerOfPhone.putIfAbsent(phoneHash, Map.entry(rowNumber, owner));
            if (first != null && !first.getValue().equals(owner)) {
                error(rowNumber, Column.PHONE, "ROSTER_ROW_PHONE_OWNER", String.valueOf(first.getKey()), first.getValue());
            }
        }
        if (building != null && grid != null) {
            var first = firstGridOfBuilding.putIfAbsent(building, Map.entry(rowNumber, grid));
            if (first != null && !first.getValue().equals(grid)) {
                error(rowNumber, Column.GRID, "ROSTER_ROW_GRID", String.valueOf(first.getKey()), first.getValue());
            }
        }
        if (badRows.contains(rowNumber)) {
            return Optional.empty();
        }
        return Optional.of(new RosterRow(rowNumber, building, unit, room, area, source, owner, phoneHash,
                mobile == null ? null : PhoneNumbers.mask(mobile), grid));
    }

    /** A text cell: null when blank, an error when a required one is blank or any is too long. */
    private String text(int row, Csv.Record record, Column column) {
        String value = value(record, column);
        if (value.isEmpty()) {
            if (column.required) {
                error(row, column, "ROSTER_ROW_MISSING", column.label);
            }
            return null;
        }
        if (!PlainText.Check.isPlain(value)) {
            error(row, column, "ROSTER_ROW_INVISIBLE", column.label);
            return null;
        }
        if (value.codePointCount(0, value.length()) > column.maxLength) {
            error(row, column, "ROSTER_ROW_TOO_LONG", column.label, String.valueOf(column.maxLength));
            return null;
        }
        return value;
    }

    private BigDecimal area(int row, String raw) {
        if (raw.isEmpty()) {
            error(row, Column.AREA, "ROSTER_ROW_MISSING", Column.AREA.label);
            return null;
        }
        // NFKC has already turned ㎡ and m² into m2.
        String number = raw.replaceFirst("\\s*(m2|平方米|平米)$", "");
        BigDecimal area;
        try {
            area = new BigDecimal(number);
        } catch (NumberFormatException e) {
            error(row, Column.AREA, "ROSTER_ROW_AREA_NUMBER", raw);
            return null;
        }
        if (area.signum() <= 0) {
            error(row, Column.AREA, "ROSTER_ROW_AREA_POSITIVE", raw);
        } else if (area.compareTo(MAX_AREA) > 0) {
            error(row, Column.AREA, "ROSTER_ROW_AREA_ABSURD", raw, MAX_AREA.toPlainString());
        } else if (area.stripTrailingZeros().scale() > 2) {
            error(row, Column.AREA, "ROSTER_ROW_AREA_SCALE", raw);
        } else {
            return area.setScale(2);
        }
        return null;
    }

    private AreaSource areaSource(int row, String raw) {
        if (raw.isEmpty()) {
            return AreaSource.REGISTRY;
        }
        AreaSource source = AREA_SOURCES.get(raw.toLowerCase(Locale.ROOT));
        if (source == null) {
            error(row, Column.AREA_SOURCE, "ROSTER_ROW_AREA_SOURCE", raw);
        }
        return source;
    }

    private String mobile(int row, String raw) {
        if (raw.isEmpty()) {
            return null;
        }
        Optional<String> mobile = PhoneNumbers.normalize(raw);
        if (mobile.isEmpty()) {
            error(row, Column.PHONE, "ROSTER_ROW_PHONE");
        }
        return mobile.orElse(null);
    }

    private String value(Csv.Record record, Column column) {
        Integer index = columns.get(column);
        return index == null ? "" : Text.clean(record.field(index));
    }

    private void error(int row, Column column, String code, Object... args) {
        badRows.add(row);
        if (errors.size() < MAX_ERRORS) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("row", row);
            error.put("column", headerText.getOrDefault(column, column.label));
            error.put("code", code);
            error.put("message", ProblemMessages.text(code, args));
            errors.add(error);
        }
    }

    /** Header cells compare without case, spaces, underscores or a unit in brackets: "面积（㎡）" is "面积". */
    private static String headerKey(String cell) {
        return Text.clean(cell).toLowerCase(Locale.ROOT)
                .replaceAll("\\(.*\\)", "")
                .replaceAll("[\\s_\\-\\uFEFF]", "");
    }
}
