package org.linli.reminder;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A staff member's own reminder: what, to whom (a scope like a notice's) and when: once at {@code fireAt} or on a
 * five-field cron schedule ({@code cron}), never both.
 */
public record ReminderDraft(@NotBlank @Size(max = 100) String title, @Size(max = 500) String body,
                            @NotNull @Valid Scope scope, OffsetDateTime fireAt, @Size(max = 120) String cron,
                            Boolean urgent) {

    public enum ScopeKind { COMMUNITY, GRIDS, BUILDINGS, UNITS }

    public record Scope(@NotNull ScopeKind kind, @Size(max = 500) List<@NotNull Long> ids) {

        List<Long> targetIds() {
            return ids == null ? List.of() : ids.stream().distinct().toList();
        }
    }
}
