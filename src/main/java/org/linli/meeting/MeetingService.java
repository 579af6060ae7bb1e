package org.linli.meeting;

import org.linli.common.NativeSql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.common.Problem;
import org.linli.common.ReminderLeads;
import org.linli.community.ElectorateRoster;
import org.linli.identity.Reach;
import org.linli.identity.ResidentDirectory;
import org.linli.notice.NoticeScope;
import org.linli.notice.NoticeService;
import org.linli.notice.ScopeKind;
import org.linli.push.PushMessage;
import org.linli.push.PushOutbox;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Staff side of meetings: create (invitees frozen, MEETING_INVITE pushed in the same transaction), list, view,
 * cancel, the check-in QR code, check-in by hand, the attendance list and the minutes (published as a notice).
 */
@ApplicationScoped
public class MeetingService {

    static final String PUSH_KIND = "MEETING_INVITE";
    /** A start this far in the past is a mistake, not clock skew. */
    private static final Duration SKEW = Duration.ofMinutes(5);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final int LIST_LIMIT = 100;

    private final MeetingStore store;
    private final ElectorateRoster roster;
    private final PushOutbox outbox;
    private final NoticeService notices;
    private final MeetingQrCodes qrCodes;
    private final MeetingCheckIn checkIns;
    private final ResidentDirectory residents;

    MeetingService(MeetingStore store, ElectorateRoster roster, PushOutbox outbox, NoticeService notices,
                   MeetingQrCodes qrCodes, MeetingCheckIn checkIns, ResidentDirectory residents) {
        this.store = store;
        this.roster = roster;
        this.outbox = outbox;
        this.notices = notices;
        this.qrCodes = qrCodes;
        this.checkIns = checkIns;
        this.residents = residents;
    }

    static String inviteRef(long meetingId) {
        return "meeting:" + meetingId + ":invite";
    }

    private record Invitee(long residentId, Long householdId) {
    }

    private record Audience(String kind, List<MeetingStore.Target> targets, List<Invitee> invitees) {
    }

    public Uni<MeetingViews.Staff> create(long communityId, Reach author, MeetingDraft draft) {
        OffsetDateTime now = store.now();
        if (draft.startsAt().isBefore(now.minus(SKEW))) {
            throw Problem.badRequest("MEETING_STARTS_IN_PAST");
        }
        if (draft.endsAt() != null && !draft.endsAt().isAfter(draft.startsAt())) {
            throw Problem.badRequest("MEETING_ENDS_BEFORE_START");
        }
        String reminderLeads = draft.reminderLeads() == null ? null : draft.reminderLeads().isEmpty() ? ""
                : ReminderLeads.minutes(draft.reminderLeads());
        boolean byScope = draft.scope() != null;
        boolean byList = draft.inviteeIds() != null && !draft.inviteeIds().isEmpty();
        if (byScope == byList || (byList && draft.inviteeIds().stream().anyMatch(Objects::isNull))) {
            throw Problem.badRequest("MEETING_AUDIENCE_INVALID");
        }
        if (byScope) {
            boolean none = draft.scope().ids() == null || draft.scope().ids().isEmpty();
            if ((draft.scope().kind() == MeetingScope.Kind.COMMUNITY) != none
                    || (!none && draft.scope().ids().stream().anyMatch(Objects::isNull))) {
                throw Problem.badRequest("MEETING_AUDIENCE_INVALID");
            }
        }
        return Panache.withTransaction(() -> (byScope ? byScope(communityId, author, draft.scope())
                        : byList(communityId, author, new LinkedHashSet<>(draft.inviteeIds())))
                .chain(audience -> {
                    if (audience.invitees().isEmpty()) {
                        throw Problem.badRequest("MEETING_NO_INVITEES");
                    }
                    Meeting m = new Meeting();
                    m.communityId = communityId;
                    m.title = oneLine(draft.title());
                    m.place = oneLine(draft.place());
                    m.agenda = draft.agenda();
                    m.startsAt = draft.startsAt();
                    m.endsAt = draft.endsAt();
                    m.scopeKind = audience.kind();
                    m.pollId = draft.pollId();
                    m.threadId = draft.threadId();
                    m.reminderLeads = reminderLeads;
                    m.createdBy = author.staffId();
                    m.createdAt = now;
                    return m.<Meeting>persist().call(Panache::flush)
                            .call(saved -> writeTargets(saved.id, audience.targets()))
                            .call(saved -> writeInvitees(saved.id, audience.invitees()))
                            .call(saved -> outbox.enqueue(invite(saved), audience.invitees().stream()
                                    .map(Invitee::residentId).toList()));
                })
                .chain(store::staffView));
    }

    private Uni<Audience> byScope(long communityId, Reach author, MeetingScope scope) {
        String kind = scope.kind().name();
        if (scope.kind() == MeetingScope.Kind.COMMUNITY) {
            if (!author.whole()) {
                throw Problem.forbidden("MEETING_SCOPE_FORBIDDEN");
            }
            return roster.members(communityId, kind, List.of())
                    .map(members -> new Audience(kind, List.of(), invitees(members)));
        }
        Set<Long> ids = new LinkedHashSet<>(scope.ids());
        return roster.targets(communityId, kind, ids).chain(found -> {
            if (found.size() < ids.size()) {
                throw Problem.badRequest("MEETING_TARGET_NOT_FOUND", ids.size() - found.size());
            }
            List<MeetingStore.Target> targets = found.stream()
                    .map(t -> new MeetingStore.Target(t.id(), t.buildingId(), t.gridId())).toList();
            if (!MeetingStore.within(author, kind, targets)) {
                throw Problem.forbidden("MEETING_SCOPE_FORBIDDEN");
            }
            return roster.members(communityId, kind, ids)
                    .map(members -> new Audience(kind, targets, invitees(members)));
        });
    }

    /** Each named resident with their first VERIFIED household in the author's reach. */
    private Uni<Audience> byList(long communityId, Reach author, Set<Long> residentIds) {
        return roster.households(communityId, "COMMUNITY", List.of()).chain(households -> {
            Map<Long, ElectorateRoster.RosterHousehold> byId = new HashMap<>();
            households.forEach(h -> byId.put(h.id(), h));
            return roster.members(communityId, "COMMUNITY", List.of()).map(members -> {
                Map<Long, List<Long>> homes = new HashMap<>();
                for (ElectorateRoster.RosterMember member : members) {
                    if (residentIds.contains(member.residentId())) {
                        homes.computeIfAbsent(member.residentId(), r -> new ArrayList<>()).add(member.householdId());
                    }
                }
                long strangers = residentIds.stream().filter(r -> !homes.containsKey(r)).count();
                if (strangers > 0) {
                    throw Problem.badRequest("MEETING_INVITEE_NOT_MEMBER", strangers);
                }
                List<Invitee> invitees = new ArrayList<>();
                Map<Long, MeetingStore.Target> targets = new LinkedHashMap<>();
                for (long resident : residentIds) {
                    ElectorateRoster.RosterHousehold home = homes.get(resident).stream().map(byId::get)
                            .filter(h -> author.coversBuilding(h.buildingId(), h.gridId())).findFirst()
                            .orElseThrow(() -> Problem.forbidden("MEETING_SCOPE_FORBIDDEN"));
                    invitees.add(new Invitee(resident, home.id()));
                    targets.putIfAbsent(home.id(), new MeetingStore.Target(home.id(), home.buildingId(), home.gridId()));
                }
                return new Audience("RESIDENTS", List.copyOf(targets.values()), invitees);
            });
        });
    }

    private static List<Invitee> invitees(List<ElectorateRoster.RosterMember> members) {
        Map<Long, Invitee> byResident = new LinkedHashMap<>();
        members.forEach(m -> byResident.putIfAbsent(m.residentId(), new Invitee(m.residentId(), m.householdId())));
        return List.copyOf(byResident.values());
    }

    private static Uni<Integer> writeTargets(long meetingId, List<MeetingStore.Target> targets) {
        if (targets.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return NativeSql.of("insert into meeting_target (meeting_id, target_id, building_id, grid_id)"
                        + " select :m, cast(t as bigint), cast(nullif(b, '') as bigint), cast(nullif(g, '') as bigint)"
                        + " from unnest(string_to_array(:t, ','), string_to_array(:b, ','), string_to_array(:g, ','))"
                        + " as x(t, b, g)")
                .param("m", meetingId)
                .param("t", join(targets.stream().map(MeetingStore.Target::id).toList()))
                .param("b", join(targets.stream().map(MeetingStore.Target::buildingId).toList()))
                .param("g", join(targets.stream().map(MeetingStore.Target::gridId).toList()))
                .update();
    }

    private static Uni<Integer> writeInvitees(long meetingId, List<Invitee> invitees) {
        return NativeSql.of("insert into meeting_invitee (meeting_id, resident_id, household_id, invited)"
                        + " select :m, cast(r as bigint), cast(nullif(h, '') as bigint), true"
                        + " from unnest(string_to_array(:r, ','), string_to_array(:h, ',')) as x(r, h)")
                .param("m", meetingId)
                .param("r", join(invitees.stream().map(Invitee::residentId).toList()))
                .param("h", join(invitees.stream().map(Invitee::householdId).toList()))
                .update();
    }

    private static String join(List<Long> values) {
        return String.join(",", values.stream().map(v -> v == null ? "" : String.valueOf(v)).toList());
    }

    private PushMessage invite(Meeting m) {
        String when = NativeSql.time(m.startsAt).format(MINUTE);
        return new PushMessage(m.communityId, inviteRef(m.id), PUSH_KIND, false, m.title,
                "会议时间：" + when + "，地点：" + m.place, "pages/meeting/detail?id=" + m.id,
                Map.of("meetingId", String.valueOf(m.id), "startsAt", when, "place", m.place),
                null, m.startsAt.toInstant());
    }

    /**
     * Upcoming (not ended, soonest first) or past (ended or cancelled, latest first) meetings within reach, at most
     * {@value #LIST_LIMIT}. The end is computed in Java (a meeting without endsAt lasts the default duration), so
     * the query narrows by start and the rest is filtered here; targets come in one query for the page.
     */
    public Uni<List<MeetingViews.Summary>> list(long communityId, Reach reach, boolean past) {
        OffsetDateTime now = store.now();
        return Panache.withSession(() -> Meeting.<Meeting>list("communityId = ?1 order by startsAt "
                        + (past ? "desc" : "asc") + ", id", communityId)
                .chain(all -> {
                    List<Meeting> when = all.stream()
                            .filter(m -> past == (m.cancelledAt != null || !store.end(m).isAfter(now))).toList();
                    if (reach.whole() || when.isEmpty()) {
                        return Uni.createFrom().item(when);
                    }
                    return store.targetsOf(when.stream().map(m -> m.id).toList())
                            .map(targets -> when.stream().filter(m -> MeetingStore.touches(reach, m.scopeKind,
                                    targets.getOrDefault(m.id, List.of()))).toList());
                })
                .map(shown -> shown.stream().limit(LIST_LIMIT).map(store::summary).toList()));
    }

    public Uni<MeetingViews.Staff> get(long communityId, long meetingId, Reach reach) {
        return Panache.withSession(() -> store.visible(communityId, meetingId, reach).chain(store::staffView));
    }

    /** Calls the meeting off and its invitation pushes not delivered yet; cancelling twice changes nothing. */
    public Uni<MeetingViews.Staff> cancel(long communityId, long meetingId, Reach reach) {
        OffsetDateTime now = store.now();
        return Panache.withTransaction(() -> store.changeable(communityId, meetingId, reach)
                .call(m -> {
                    if (m.cancelledAt != null) {
                        return Uni.createFrom().voidItem();
                    }
                    if (!store.end(m).isAfter(now)) {
                        throw Problem.conflict("MEETING_OVER");
                    }
                    m.cancelledAt = now;
                    m.cancelledBy = reach.staffId();
                    return outbox.cancel(List.of(inviteRef(m.id))).replaceWithVoid();
                })
                .call(Panache::flush)
                .chain(store::staffView));
    }

    /** A temporary QR code of the Official Account with scene meeting:<id>, valid until check-in closes. */
    public Uni<MeetingViews.QrCode> qrCode(long communityId, long meetingId, Reach reach) {
        OffsetDateTime now = store.now();
        return Panache.withSession(() -> store.changeable(communityId, meetingId, reach))
                .chain(m -> {
                    if (m.cancelledAt != null) {
                        throw Problem.conflict("MEETING_CANCELLED");
                    }
                    OffsetDateTime closes = store.checkInCloses(m);
                    Duration validity = Duration.between(now, closes);
                    if (validity.isNegative() || validity.isZero()) {
                        throw Problem.conflict("MEETING_OVER");
                    }
                    if (validity.compareTo(MeetingQrCodes.MAX_VALIDITY) > 0) {
                        validity = MeetingQrCodes.MAX_VALIDITY;
                    }
                    OffsetDateTime expires = now.plus(validity);
                    String scene = MeetingCheckIn.scene(m.id);
                    return qrCodes.contentFor(scene, validity)
                            .map(url -> new MeetingViews.QrCode(scene, url, NativeSql.time(expires)));
                });
    }

    Uni<MeetingViews.CheckedIn> checkInByHand(long communityId, long meetingId, long residentId, Reach reach) {
        return Panache.withTransaction(() -> store.changeable(communityId, meetingId, reach)
                .chain(m -> checkIns.record(m, residentId, reach.staffId()))
                .map(result -> switch (result.kind()) {
                    case CHECKED_IN, WALK_IN, ALREADY -> new MeetingViews.CheckedIn(residentId, result.invited(),
                            result.kind() == MeetingCheckIn.Kind.ALREADY, result.checkedInAt());
                    case NOT_ELIGIBLE -> throw Problem.badRequest("MEETING_ATTENDEE_NOT_ELIGIBLE");
                    case CANCELLED -> throw Problem.conflict("MEETING_CANCELLED");
                    case TOO_EARLY -> throw Problem.conflict("MEETING_CHECK_IN_NOT_OPEN");
                    case OVER -> throw Problem.conflict("MEETING_OVER");
                    case NOT_FOUND -> throw Problem.notFound("MEETING_NOT_FOUND");
                }));
    }

    /** Who checked in, earliest first: display names only. */
    public Uni<List<MeetingViews.Attendee>> attendance(long communityId, long meetingId, Reach reach) {
        return Panache.withSession(() -> store.visible(communityId, meetingId, reach)
                .chain(m -> NativeSql.of("select i.resident_id, i.invited, i.checked_in_at,"
                                + " i.checked_in_by is not null from meeting_invitee i where i.meeting_id = :m"
                                + " and i.checked_in_at is not null order by i.checked_in_at, i.resident_id")
                        .param("m", m.id).rows()))
                .chain(rows -> residents.displayNames(rows.stream().map(r -> NativeSql.id(r[0])).toList())
                        .map(names -> rows.stream().map(r -> new MeetingViews.Attendee(NativeSql.id(r[0]),
                                names.get(NativeSql.id(r[0])), (Boolean) r[1], NativeSql.time(r[2]), (Boolean) r[3]))
                                .toList()));
    }

    /** Who checked in at the community's meetings (not cancelled) that name the poll, for its quorum. */
    public Uni<MeetingViews.PollAttendance> attendanceFor(long communityId, long pollId) {
        return Panache.withSession(() -> NativeSql.of("select m.title, i.resident_id from meeting m"
                        + " left join meeting_invitee i on i.meeting_id = m.id and i.checked_in_at is not null"
                        + " where m.community_id = :c and m.poll_id = :p and m.cancelled_at is null order by m.id")
                .param("c", communityId).param("p", pollId).rows())
                .map(rows -> {
                    Set<String> titles = new LinkedHashSet<>();
                    Set<Long> residents = new TreeSet<>();
                    for (Object[] r : rows) {
                        titles.add((String) r[0]);
                        if (r[1] != null) {
                            residents.add(NativeSql.id(r[1]));
                        }
                    }
                    return new MeetingViews.PollAttendance(List.copyOf(titles), List.copyOf(residents));
                });
    }

    /** Publishes the minutes (会议纪要) as a notice to the meeting's audience, once, after the start. */
    public Uni<MeetingViews.Staff> minutes(long communityId, long meetingId, Reach reach, String text) {
        if (text == null || text.isBlank() || text.length() > 20_000) {
            return Uni.createFrom().failure(Problem.badRequest("VALIDATION_FAILED"));
        }
        OffsetDateTime now = store.now();
        return Panache.withTransaction(() -> store.changeable(communityId, meetingId, reach)
                .chain(m -> {
                    if (m.cancelledAt != null) {
                        throw Problem.conflict("MEETING_CANCELLED");
                    }
                    if (now.isBefore(m.startsAt)) {
                        throw Problem.conflict("MEETING_NOT_STARTED");
                    }
                    if (m.minutesNoticeId != null) {
                        throw Problem.conflict("MEETING_MINUTES_EXIST");
                    }
                    return noticeScope(m).chain(scope -> notices.publishMinutes(communityId, reach,
                                    title(m), text, scope))
                            .invoke(noticeId -> m.minutesNoticeId = noticeId)
                            .call(Panache::flush)
                            .replaceWith(m);
                })
                .chain(store::staffView));
    }

    /** The meeting's scope as a notice scope; an explicit invitee list becomes the invitees' households. */
    private Uni<NoticeScope> noticeScope(Meeting m) {
        if ("COMMUNITY".equals(m.scopeKind)) {
            return Uni.createFrom().item(NoticeScope.community());
        }
        return store.targets(m.id).map(targets -> new NoticeScope(
                "RESIDENTS".equals(m.scopeKind) ? ScopeKind.HOUSEHOLDS : ScopeKind.valueOf(m.scopeKind),
                targets.stream().map(MeetingStore.Target::id).toList()));
    }

    private static String title(Meeting m) {
        String t = "会议纪要：" + m.title;
        return t.length() > 64 ? t.substring(0, 64) : t;
    }

    /** One line: Chinese input methods and pasted text bring newlines and full-width spaces. */
    private static String oneLine(String typed) {
        return typed.replaceAll("[\\s\\u3000]+", " ").strip();
    }
}
