package org.linli.meeting;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.linli.common.PlainText;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A meeting as staff create it. The audience is either {@code scope} (like a notice's) or {@code inviteeIds}
 * (residents with a VERIFIED household in the community), never both.
 *
 * @param endsAt   absent: taken to end {@code linli.meeting.default-duration} after the start
 * @param pollId   a reference to a poll (议事表决) discussed at the meeting, not checked
 * @param threadId a reference to a 说事 thread, not checked
 * @param reminderLeads when invitees are reminded before the start (up to 5 times, each 5 minutes to 14 days, e.g.
 *                      {@code ["PT24H", "PT1H"]}); empty: never, the invitation is enough; absent:
 *                      {@code linli.reminder.meeting-leads}
 */
public record MeetingDraft(@NotBlank @Size(max = 64) @PlainText String title,
                           @NotNull OffsetDateTime startsAt,
                           OffsetDateTime endsAt,
                           @NotBlank @Size(max = 128) @PlainText String place,
                           @Size(max = 5000) String agenda,
                           @Valid MeetingScope scope,
                           @Size(max = 2000) List<Long> inviteeIds,
                           @Positive Long pollId,
                           @Positive Long threadId,
                           List<Duration> reminderLeads) {

    public MeetingDraft(String title, OffsetDateTime startsAt, OffsetDateTime endsAt, String place, String agenda,
                        MeetingScope scope, List<Long> inviteeIds, Long pollId, Long threadId) {
        this(title, startsAt, endsAt, place, agenda, scope, inviteeIds, pollId, threadId, null);
    }
}
