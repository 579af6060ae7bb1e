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
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

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
            if (parts.length < 2 || !(parts[1].equals("off") || parts[1].equals("work"))) {
                throw new IllegalStateException(name + " line " + n + ": expected 'yyyy-MM-dd off|work', got " + text);
            }
            days.put(LocalDate.parse(parts[0]), parts[1].equals("work"));
        }
        return new HolidayCalendar(days, name);
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
