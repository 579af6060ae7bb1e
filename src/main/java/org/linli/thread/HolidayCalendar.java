package org.linli.thread;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Working days as China counts them: Monday to Friday, except the official 放假 days, plus the 调休 weekends that
 * are worked. Loaded from a file of {@code yyyy-MM-dd off|work [note]} lines.
 */
final class HolidayCalendar {

    static final String DEFAULT_RESOURCE = "holidays/cn-2026.txt";

    private final Map<LocalDate, Boolean> working;
    private final String source;

    private HolidayCalendar(Map<LocalDate, Boolean> working, String source) {
        this.working = Map.copyOf(working);
        this.source = source;
    }

    /** The file (or bundled resource) the calendar was read from. */
    String source() {
        return source;
    }

    /** Listed 放假 days (true) or worked 调休 days (false). */
    long listed(boolean off) {
        return working.values().stream().filter(w -> w != off).count();
    }

    static HolidayCalendar load(Optional<String> file) {
        try {
            if (file.isPresent()) {
                try (InputStream in = Files.newInputStream(Path.of(file.get()))) {
                    return parse(in, file.get());
                }
            }
            try (InputStream in = HolidayCalendar.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("Missing " + DEFAULT_RESOURCE);
                }
                return parse(in, DEFAULT_RESOURCE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the holiday calendar " + file.orElse(DEFAULT_RESOURCE), e);
        }
    }

    static HolidayCalendar parse(InputStream in, String name) throws IOException {
        Map<LocalDate, Boolean> days = new HashMap<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int n = 0;
        while ((line = reader.readLine()) != null) {
            n++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] parts = text.split("\\s+");
            LocalDate day = parts.length < 2 || !(parts[1].equals("off") || parts[1].equals("work")) ? null
                    : date(parts[0]);
            if (day == null || days.put(day, parts[1].equals("work")) != null) {
                throw new BadLine(name, n, text);
            }
        }
        return new HolidayCalendar(days, name);
    }

    /** A line that is not "yyyy-MM-dd off|work [note]", or a date listed twice. */
    static final class BadLine extends IllegalStateException {
        final int line;
        final String text;

        BadLine(String name, int line, String text) {
            super(name + " line " + line + ": expected 'yyyy-MM-dd off|work', once per date, got " + text);
            this.line = line;
            this.text = text;
        }
    }

    private static LocalDate date(String text) {
        try {
            LocalDate day = LocalDate.parse(text);
            return day.getYear() >= 2000 && day.getYear() <= 2100 ? day : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** This calendar with the years that {@code newer} lists replaced by newer's days. */
    HolidayCalendar overlay(HolidayCalendar newer) {
        Set<Integer> years = newer.years();
        Map<LocalDate, Boolean> days = new HashMap<>();
        working.forEach((day, work) -> {
            if (!years.contains(day.getYear())) {
                days.put(day, work);
            }
        });
        days.putAll(newer.working);
        return new HolidayCalendar(days, source + " + " + newer.source);
    }

    /** The years with at least one listed day. */
    Set<Integer> years() {
        return working.keySet().stream().map(LocalDate::getYear).collect(Collectors.toCollection(TreeSet::new));
    }

    boolean isWorkingDay(LocalDate day) {
        Boolean listed = working.get(day);
        if (listed != null) {
            return listed;
        }
        DayOfWeek d = day.getDayOfWeek();
        return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY;
    }

    /** The day {@code days} working days after {@code from} (from itself does not count). */
    LocalDate plusWorkingDays(LocalDate from, int days) {
        LocalDate day = from;
        int left = days;
        while (left > 0) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                left--;
            }
        }
        return day;
    }
}
