package org.linli.meeting;

import org.linli.common.NativeSql;
import org.linli.push.DeliveryStatus;
import org.linli.push.PushStats;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.linli.common.Problem;
import org.linli.common.ReminderLeads;
import org.linli.identity.Reach;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Reads of the meeting tables in the caller's Panache session, the staff reach rules and the meeting's clock.
 * A staff member sees a meeting when its audience touches their reach, and changes it (cancel, QR code,
 * attendance, minutes) only when the whole audience is within it; ADMIN and COMMITTEE reach everything.
 */
@Singleton
class MeetingStore {

    record Target(long id, Long buildingId, Long gridId) {
    }

    private final Clock clock;
    private final MeetingConfig config;
    private final PushStats stats;

    MeetingStore(Clock clock, MeetingConfig config, PushStats stats) {
        this.stats = stats;
        this.clock = clock;
        this.config = config;
    }

    OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    /** The end, or the start plus the default duration when none was given. */
    OffsetDateTime end(Meeting m) {
        return m.endsAt != null ? m.endsAt : m.startsAt.plus(config.defaultDuration());
    }

    OffsetDateTime checkInOpens(Meeting m) {
        return m.startsAt.minus(config.checkInOpensBefore());
    }

    OffsetDateTime checkInCloses(Meeting m) {
        return end(m).plus(config.checkInGrace());
    }

    MeetingStatus status(Meeting m) {
        return MeetingStatus.of(m, end(m), now());
    }

    /** The meeting of this community, or 404 MEETING_NOT_FOUND. */
    Uni<Meeting> find(long communityId, long meetingId) {
        return Meeting.<Meeting>findById(meetingId)
                .onItem().ifNull().failWith(() -> Problem.notFound("MEETING_NOT_FOUND"))
                .invoke(m -> {
                    if (m.communityId != communityId) {
                        throw Problem.notFound("MEETING_NOT_FOUND");
                    }
                });
    }

    /** The meeting if the staff member sees it (its audience touches their reach), else 404. */
    Uni<Meeting> visible(long communityId, long meetingId, Reach reach) {
        return find(communityId, meetingId).call(m -> targets(m.id).invoke(targets -> {
            if (!touches(reach, m.scopeKind, targets)) {
                throw Problem.notFound("MEETING_NOT_FOUND");
            }
        }));
    }

    /** The meeting if the staff member may change it: seen (else 404) and wholly within reach (else 403). */
    Uni<Meeting> changeable(long communityId, long meetingId, Reach reach) {
        return find(communityId, meetingId).call(m -> targets(m.id).invoke(targets -> {
            if (!touches(reach, m.scopeKind, targets)) {
                throw Problem.notFound("MEETING_NOT_FOUND");
            }
            if (!within(reach, m.scopeKind, targets)) {
                throw Problem.forbidden("MEETING_SCOPE_FORBIDDEN");
            }
        }));
    }

    Uni<List<Target>> targets(long meetingId) {
        return NativeSql.of("select target_id, building_id, grid_id from meeting_target where meeting_id = :m"
                        + " order by target_id")
                .param("m", meetingId).rows()
                .map(rows -> rows.stream().map(r -> new Target(NativeSql.id(r[0]),
                        r[1] == null ? null : NativeSql.id(r[1]), r[2] == null ? null : NativeSql.id(r[2])))
                        .toList());
    }

    /** The targets of many meetings in one query, by meeting id. */
    Uni<java.util.Map<Long, List<Target>>> targetsOf(List<Long> meetingIds) {
        return NativeSql.of("select meeting_id, target_id, building_id, grid_id from meeting_target"
                        + " where meeting_id in (:ms) order by meeting_id, target_id")
                .param("ms", meetingIds).rows()
                .map(rows -> rows.stream().collect(java.util.stream.Collectors.groupingBy(r -> NativeSql.id(r[0]),
                        java.util.stream.Collectors.mapping(r -> new Target(NativeSql.id(r[1]),
                                r[2] == null ? null : NativeSql.id(r[2]), r[3] == null ? null : NativeSql.id(r[3])),
                                java.util.stream.Collectors.toList()))));
    }

    static boolean covered(Reach reach, String kind, Target t) {
        return "GRIDS".equals(kind) ? reach.coversGrid(t.id()) : reach.coversBuilding(t.buildingId(), t.gridId());
    }

    static boolean touches(Reach reach, String kind, List<Target> targets) {
        return reach.whole() || (!"COMMUNITY".equals(kind) && targets.stream().anyMatch(t -> covered(reach, kind, t)));
    }

    static boolean within(Reach reach, String kind, List<Target> targets) {
        return reach.whole() || (!"COMMUNITY".equals(kind) && !targets.isEmpty()
                && targets.stream().allMatch(t -> covered(reach, kind, t)));
    }

    Uni<MeetingViews.Counts> counts(long meetingId) {
        return NativeSql.of("select count(*) filter (where invited),"
                        + " count(*) filter (where invited and rsvp = 'YES'),"
                        + " count(*) filter (where invited and rsvp = 'NO'),"
                        + " count(*) filter (where invited and rsvp = 'MAYBE'),"
                        + " count(*) filter (where invited and rsvp is null),"
                        + " count(*) filter (where checked_in_at is not null),"
                        + " count(*) filter (where not invited and checked_in_at is not null)"
                        + " from meeting_invitee where meeting_id = :m")
                .param("m", meetingId).rows()
                .map(rows -> {
                    Object[] r = rows.get(0);
                    return new MeetingViews.Counts(n(r[0]), n(r[1]), n(r[2]), n(r[3]), n(r[4]), n(r[5]), n(r[6]));
                });
    }

    Uni<MeetingViews.Staff> staffView(Meeting m) {
        return targets(m.id).chain(targets -> counts(m.id).chain(counts -> stats.forSource("meeting:" + m.id
                + ":invite").map(f -> new MeetingViews.Staff(m.id,
                m.communityId, m.title, NativeSql.time(m.startsAt), NativeSql.time(m.endsAt), m.place, m.agenda,
                m.scopeKind, "RESIDENTS".equals(m.scopeKind) ? List.of() : targets.stream().map(Target::id).toList(),
                m.pollId, m.threadId, status(m), counts, m.minutesNoticeId, NativeSql.time(m.cancelledAt),
                NativeSql.time(m.createdAt), new MeetingViews.Invitations(f.total(), f.count(DeliveryStatus.SENT),
                        f.count(DeliveryStatus.IN_APP), f.count(DeliveryStatus.PENDING),
                        f.count(DeliveryStatus.DEAD), f.count(DeliveryStatus.CANCELLED)), leads(m.reminderLeads)))));
    }

    private static List<Integer> leads(String minutes) {
        return minutes == null ? null : ReminderLeads.parse(minutes);
    }

    MeetingViews.Summary summary(Meeting m) {
        return new MeetingViews.Summary(m.id, m.title, NativeSql.time(m.startsAt), NativeSql.time(m.endsAt),
                m.place, status(m));
    }

    private static long n(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
