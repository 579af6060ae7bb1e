package org.linli.meeting;

import org.linli.common.NativeSql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.community.ElectorateRoster;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Attendance: a resident checks in once (the first time is kept), by scanning the meeting's QR code (the bot calls
 * {@link #scan}) or by hand at the staff's desk. An invitee is recorded as invited; a resident who was not invited
 * but holds a VERIFIED household in the meeting's scope (for an explicit invitee list: in the community) is
 * recorded as a walk-in; anyone else is refused. Check-in is open from {@code linli.meeting.check-in-opens-before}
 * before the start until {@code linli.meeting.check-in-grace} after the end.
 */
@ApplicationScoped
public class MeetingCheckIn {

    public static final String SCENE_PREFIX = "meeting:";

    public enum Kind {
        /** An invitee, checked in now. */
        CHECKED_IN,
        /** Not invited but in scope, checked in now. */
        WALK_IN,
        /** Checked in before; nothing changed. */
        ALREADY,
        NOT_ELIGIBLE,
        NOT_FOUND,
        CANCELLED,
        TOO_EARLY,
        OVER
    }

    /** What a check-in did, with the meeting's title, place and start for the reply. */
    public record Result(Kind kind, boolean invited, OffsetDateTime checkedInAt, String title, String place,
                         OffsetDateTime startsAt) {
    }

    private final MeetingStore store;
    private final ElectorateRoster roster;

    MeetingCheckIn(MeetingStore store, ElectorateRoster roster) {
        this.store = store;
        this.roster = roster;
    }

    public static String scene(long meetingId) {
        return SCENE_PREFIX + meetingId;
    }

    /** The meeting id of a QR scene {@code meeting:<id>}; empty for any other scene. */
    public static Optional<Long> meetingOf(String scene) {
        if (scene == null || !scene.startsWith(SCENE_PREFIX)) {
            return Optional.empty();
        }
        String id = scene.substring(SCENE_PREFIX.length());
        if (!id.matches("[1-9][0-9]{0,17}")) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(id));
    }

    /** The resident scanned the QR code of this meeting. */
    public Uni<Result> scan(long residentId, long meetingId) {
        return Panache.withTransaction(() -> Meeting.<Meeting>findById(meetingId)
                .chain(m -> m == null ? Uni.createFrom().item(new Result(Kind.NOT_FOUND, false, null, null, null, null))
                        : record(m, residentId, null)));
    }

    /** In the caller's transaction; {@code staffId} null for a QR scan. */
    Uni<Result> record(Meeting m, long residentId, Long staffId) {
        OffsetDateTime now = store.now();
        if (m.cancelledAt != null) {
            return result(m, Kind.CANCELLED, false, null);
        }
        if (now.isBefore(store.checkInOpens(m))) {
            return result(m, Kind.TOO_EARLY, false, null);
        }
        if (now.isAfter(store.checkInCloses(m))) {
            return result(m, Kind.OVER, false, null);
        }
        return row(m.id, residentId).chain(row -> {
            if (row.isPresent()) {
                boolean invited = (Boolean) row.get()[0];
                if (row.get()[1] != null) {
                    return result(m, Kind.ALREADY, invited, NativeSql.time(row.get()[1]));
                }
                return NativeSql.of("update meeting_invitee set checked_in_at = :now, checked_in_by = cast(:staff as bigint)"
                                + " where meeting_id = :m and resident_id = :r and checked_in_at is null")
                        .param("now", now).param("staff", staffId).param("m", m.id).param("r", residentId).update()
                        .chain(n -> n == 1 ? result(m, Kind.CHECKED_IN, invited, NativeSql.time(now))
                                : again(m, residentId));
            }
            return walkInHousehold(m, residentId).chain(household -> household.isEmpty()
                    ? result(m, Kind.NOT_ELIGIBLE, false, null)
                    : NativeSql.of("insert into meeting_invitee (meeting_id, resident_id, household_id, invited,"
                                    + " checked_in_at, checked_in_by) values (:m, :r, :h, false, :now,"
                                    + " cast(:staff as bigint)) on conflict (meeting_id, resident_id) do nothing")
                            .param("m", m.id).param("r", residentId).param("h", household.get()).param("now", now)
                            .param("staff", staffId).update()
                            .chain(n -> n == 1 ? result(m, Kind.WALK_IN, false, NativeSql.time(now))
                                    : again(m, residentId)));
        });
    }

    /** Someone checked the resident in meanwhile. */
    private Uni<Result> again(Meeting m, long residentId) {
        return row(m.id, residentId).chain(row -> result(m, Kind.ALREADY, (Boolean) row.orElseThrow()[0],
                NativeSql.time(row.orElseThrow()[1])));
    }

    private static Uni<Optional<Object[]>> row(long meetingId, long residentId) {
        return NativeSql.of("select invited, checked_in_at from meeting_invitee where meeting_id = :m"
                        + " and resident_id = :r")
                .param("m", meetingId).param("r", residentId).rows()
                .map(rows -> rows.stream().findFirst());
    }

    /** A VERIFIED household of the resident inside the meeting's scope (community-wide for an explicit list). */
    private Uni<Optional<Long>> walkInHousehold(Meeting m, long residentId) {
        return roster.membershipsOf(m.communityId, residentId).chain(memberships -> {
            if (memberships.isEmpty()) {
                return Uni.createFrom().item(Optional.<Long>empty());
            }
            if ("COMMUNITY".equals(m.scopeKind) || "RESIDENTS".equals(m.scopeKind)) {
                return Uni.createFrom().item(Optional.of(memberships.get(0).householdId()));
            }
            Set<Long> mine = memberships.stream().map(ElectorateRoster.RosterMember::householdId)
                    .collect(Collectors.toSet());
            return store.targets(m.id).chain(targets -> roster.households(m.communityId, m.scopeKind,
                            targets.stream().map(MeetingStore.Target::id).toList()))
                    .map(households -> households.stream().map(ElectorateRoster.RosterHousehold::id)
                            .filter(mine::contains).findFirst());
        });
    }

    private static Uni<Result> result(Meeting m, Kind kind, boolean invited, OffsetDateTime at) {
        return Uni.createFrom().item(new Result(kind, invited, at, m.title, m.place, NativeSql.time(m.startsAt)));
    }
}
