package org.linli.meeting;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Who is invited, as notices name it: the whole community (no ids), or grids, buildings, units or households. */
public record MeetingScope(@NotNull Kind kind, @Size(max = 500) List<Long> ids) {

    public enum Kind {
        COMMUNITY,
        GRIDS,
        BUILDINGS,
        UNITS,
        HOUSEHOLDS
    }
}
