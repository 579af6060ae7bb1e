package org.linli.bot.action;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.linli.bot.script.ActionSpec;
import org.linli.meeting.MeetingCheckIn;

import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code meeting.checkin}: the resident scanned a meeting's check-in QR code (scene {@code meeting:<id>}, handed
 * over as "text"). Outcomes: {@code checked-in} (an invitee), {@code walk-in} (not invited but in scope),
 * {@code already} (checked in before), {@code refused} (neither invited nor in scope, or no such meeting),
 * {@code stranger} (no resident behind the openid), {@code cancelled}, {@code too-early}, {@code over}.
 * Vars: title, place, time (MM-dd HH:mm of the start), checkedInAt (HH:mm of the first check-in).
 */
@Singleton
public class MeetingCheckInAction implements FlowAction {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("MM-dd HH:mm");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final Residency residency;
    private final MeetingCheckIn checkIn;

    MeetingCheckInAction(Residency residency, MeetingCheckIn checkIn) {
        this.residency = residency;
        this.checkIn = checkIn;
    }

    @Override
    public ActionSpec spec() {
        return new ActionSpec("meeting.checkin", Map.of(),
                Set.of("checked-in", "walk-in", "already", "refused", "stranger"),
                Set.of("cancelled", "too-early", "over"),
                Map.of("title", "关于加装电梯的居民议事会", "place", "社区活动室", "time", "12-05 19:00",
                        "checkedInAt", "18:55"));
    }

    @Override
    public Uni<Outcome> run(ActionContext context) {
        Optional<Long> meeting = MeetingCheckIn.meetingOf(context.answer("text"));
        if (meeting.isEmpty()) {
            return Uni.createFrom().item(Outcome.of("refused", vars(null)));
        }
        return residency.of(context.openid()).chain(standing -> standing.residentId() == null
                ? Uni.createFrom().item(Outcome.of("stranger", vars(null)))
                : checkIn.scan(standing.residentId(), meeting.get()).map(r -> Outcome.of(switch (r.kind()) {
                    case CHECKED_IN -> "checked-in";
                    case WALK_IN -> "walk-in";
                    case ALREADY -> "already";
                    case NOT_ELIGIBLE, NOT_FOUND -> "refused";
                    case CANCELLED -> "cancelled";
                    case TOO_EARLY -> "too-early";
                    case OVER -> "over";
                }, vars(r))));
    }

    private static Map<String, Object> vars(MeetingCheckIn.Result r) {
        if (r == null || r.title() == null) {
            return Map.of("title", "", "place", "", "time", "", "checkedInAt", "");
        }
        return Map.of("title", r.title(), "place", r.place(), "time", MINUTE.format(r.startsAt()),
                "checkedInAt", r.checkedInAt() == null ? "" : TIME.format(r.checkedInAt()));
    }
}
