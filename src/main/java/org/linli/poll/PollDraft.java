package org.linli.poll;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/** A poll as staff write it (create and edit). Omitted settings take their defaults. */
public record PollDraft(@NotBlank @Size(max = 64) String title,
                        @Size(max = 20000) String background,
                        Long threadId,
                        @NotNull @Valid Scope scope,
                        @NotEmpty @Size(max = 20) List<Question> questions,
                        @NotNull Preset preset,
                        CustomRule customRule,
                        Visibility resultsVisibility,
                        Boolean secret,
                        Boolean allowChange,
                        ConflictRule conflictRule,
                        Integer noticeDays,
                        @Size(max = 500) String noticeWaiver,
                        Integer publicityDays,
                        @NotNull OffsetDateTime openAt,
                        @NotNull OffsetDateTime closeAt) {

    /** COMMUNITY, or the chosen GRIDS / BUILDINGS / UNITS. */
    public record Scope(@NotNull ScopeKind kind, Set<Long> ids) {
        Set<Long> targetIds() {
            return ids == null ? Set.of() : ids;
        }
    }

    public enum ScopeKind { COMMUNITY, GRIDS, BUILDINGS, UNITS }

    /** For CUSTOM: the base and each ratio written as "≥2/3", ">1/2". */
    public record CustomRule(Base base, String quorum, String pass) {
        Rule rule() {
            if (base == null) {
                throw org.linli.common.Problem.badRequest("POLL_RULE_INVALID", "base");
            }
            return new Rule(base, Threshold.parse(quorum), Threshold.parse(pass));
        }
    }
}
