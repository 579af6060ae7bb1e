package org.linli.thread;

import org.linli.common.NativeSql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.linli.common.Problem;
import org.linli.community.CommunityService;
import org.linli.community.MembershipService;
import org.linli.community.MembershipStatus;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * 说事 threads: raising and submitting (bot and Mini-Program), the resident's own list and the lookups the bot
 * needs. Staff moves are in {@link ThreadWorkflow}, 附议/comments/ratings in {@link ThreadParticipation}.
 */
@ApplicationScoped
public class ThreadService {

    private final Clock clock;
    private final RefNumbers refNumbers;
    private final ThreadConfig config;
    private final Triage triage;
    private final ContentSafety safety;
    private final Duplicates duplicates;
    private final SlaClock sla;
    private final Timeline timeline;
    private final CommunityService communities;
    private final MembershipService memberships;
    private final ThreadSettings settings;

    ThreadService(Clock clock, RefNumbers refNumbers, ThreadConfig config, Triage triage, ContentSafety safety,
                  Duplicates duplicates, SlaClock sla, Timeline timeline, CommunityService communities,
                  MembershipService memberships, ThreadSettings settings) {
        this.clock = clock;
        this.refNumbers = refNumbers;
        this.config = config;
        this.triage = triage;
        this.safety = safety;
        this.duplicates = duplicates;
        this.sla = sla;
        this.timeline = timeline;
        this.communities = communities;
        this.memberships = memberships;
        this.settings = settings;
    }

    /**
     * The bot's 说事: submits at once (SUBMITTED, routed, clocked). With a submission key already used, returns that
     * earlier thread instead of storing a second one, also when both calls race.
     */
    public Uni<Raised> submitFromChat(@Valid @NotNull NewDraft draft) {
        List<NewThread.Photo> photos = draft.photoMediaId() == null && draft.photoUrl() == null ? List.of()
                : List.of(new NewThread.Photo(draft.photoMediaId(), draft.photoUrl()));
        NewThread t = new NewThread(draft.communityId(), draft.householdId(), draft.description(), null,
                draft.locationText(), null, draft.latitude(), draft.longitude(), photos, null, Visibility.PRIVATE,
                false, draft.submissionKey());
        return raise(draft.communityId(), draft.residentId(), draft.householdId(), t, ThreadSource.CHAT);
    }

    /** The Mini-Program's raise: the resident must hold a verified household in the community. */
    public Uni<Raised> raiseFromMini(long residentId, @Valid @NotNull NewThread request) {
        return memberships.me(residentId).chain(me -> {
            var verified = me.memberships().stream().filter(m -> m.status() == MembershipStatus.VERIFIED)
                    .filter(m -> request.communityId() == null || m.communityId() == request.communityId())
                    .filter(m -> request.householdId() == null || m.householdId() == request.householdId())
                    .toList();
            if (verified.isEmpty()) {
                return Uni.createFrom().failure(Problem.forbidden("THREAD_NOT_VERIFIED"));
            }
            var home = verified.get(0);
            return raise(home.communityId(), residentId, home.householdId(), request, ThreadSource.MINI);
        });
    }

    private Uni<Raised> raise(long communityId, long residentId, Long householdId, NewThread request,
                              ThreadSource source) {
        if ((request.latitude() == null) != (request.longitude() == null)) {
            return Uni.createFrom().failure(Problem.badRequest("VALIDATION_FAILED"));
        }
        List<NewThread.Photo> photos = request.photos() == null ? List.of() : request.photos();
        if (photos.size() > config.maxPhotos()) {
            return Uni.createFrom().failure(Problem.badRequest("THREAD_TOO_MANY_PHOTOS", config.maxPhotos()));
        }
        if (photos.stream().anyMatch(p -> blank(p.mediaId()) && blank(p.url()))) {
            return Uni.createFrom().failure(Problem.badRequest("VALIDATION_FAILED"));
        }
        String description = request.description().strip();
        Visibility visibility = request.visibility() == null ? Visibility.PRIVATE : request.visibility();
        return bySubmissionKey(request.submissionKey()).chain(earlier -> {
            if (earlier != null) {
                return Uni.createFrom().item(new Raised(earlier, List.of(), false));
            }
            return settings.rules(communityId).chain(rules -> {
                String category = triage.category(rules, request.category(), description);
                Urgency urgency = triage.urgency(rules, request.urgency(), category, description);
                return safety.admit(rules, residentId, description, source == ThreadSource.MINI,
                                visibility == Visibility.PUBLIC, 3)
                        .chain(moderation -> communities.placeOf(communityId, householdId, request.buildingId())
                                .chain(place -> duplicates.terms(description).chain(terms -> duplicates
                                        .forResident(communityId, place.gridId(), place.buildingId(),
                                                    terms, residentId)
                                            .chain(similar -> Panache.withTransaction(() -> insert(communityId,
                                                            residentId, householdId, request, description, category,
                                                            urgency, rules, visibility, moderation, place, photos,
                                                            terms, source))
                                                    .invoke(duplicates::opened)
                                                    .map(t -> new Raised(ThreadSummary.of(t), similar,
                                                            moderation == Moderation.HELD))))));
            })
                    .onFailure(e -> request.submissionKey() != null && isSubmissionKeyClash(e))
                    .recoverWithUni(() -> bySubmissionKey(request.submissionKey())
                            .map(t -> new Raised(t, List.of(), false)));
        });
    }

    private Uni<ConsultationThread> insert(long communityId, long residentId, Long householdId, NewThread request,
                                           String description, String category, Urgency urgency,
                                           ThreadRules rules, Visibility visibility, Moderation moderation, CommunityService.Place place,
                                           List<NewThread.Photo> photos, List<String> terms, ThreadSource source) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        LocalDate day = now.atZoneSameInstant(SlaClock.ZONE).toLocalDate();
        boolean draft = request.draft();
        return refNumbers.next(day).chain(refNo -> {
            ConsultationThread t = new ConsultationThread();
            t.communityId = communityId;
            t.refNo = refNo;
            t.residentId = residentId;
            t.householdId = householdId;
            t.description = description;
            t.locationText = blankToNull(request.locationText());
            t.latitude = request.latitude();
            t.longitude = request.longitude();
            t.status = draft ? ThreadStatus.DRAFT : ThreadStatus.SUBMITTED;
            t.source = source;
            t.submissionKey = request.submissionKey();
            t.createdAt = now;
            t.category = category;
            t.urgency = urgency;
            t.visibility = visibility;
            t.moderation = moderation;
            t.buildingId = place.buildingId();
            t.gridId = place.gridId();
            t.routedStaffId = place.gridWorkerStaffId();
            t.terms = String.join(" ", terms);
            if (!draft) {
                t.submittedAt = now;
                t.acceptDueAt = sla.acceptDue(rules, category, urgency == Urgency.URGENT, now);
            }
            return t.<ConsultationThread>persist();
        }).call(t -> Panache.getSession().chain(s -> s.flush()))
                .call(t -> photosOf(t.id, photos, now))
                .call(t -> timeline.record(t.id, Actor.resident(residentId), draft ? ThreadEventKind.CREATED
                        : ThreadEventKind.SUBMITTED, null, t.status, null, false, now))
                .call(t -> moderation == Moderation.HELD
                        ? timeline.record(t.id, Actor.system(), ThreadEventKind.HELD, null, null, "待工作人员审核",
                        false, now) : Uni.createFrom().voidItem())
                .call(t -> draft ? Uni.createFrom().voidItem()
                        : timeline.alert(t.routedStaffId, t.id, "ROUTED", t.refNo, now))
                .invoke(t -> Log.infof("Thread %s %s by resident %d in community %d (%s, %s, routed to %s)", t.refNo,
                        t.status, t.residentId, t.communityId, t.source, t.category, t.routedStaffId));
    }

    private static Uni<Void> photosOf(long threadId, List<NewThread.Photo> photos, OffsetDateTime now) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (NewThread.Photo p : photos) {
            chain = chain.chain(() -> NativeSql.of("insert into thread_photo (thread_id, media_id, url, check_status, created_at)"
                            + " values (:t, nullif(:m, ''), nullif(:u, ''), 'PENDING', cast(:at as timestamptz))")
                    .param("t", threadId).param("m", blankToEmpty(p.mediaId())).param("u", blankToEmpty(p.url()))
                    .param("at", now).update().replaceWithVoid());
        }
        return chain;
    }

    /** A DRAFT of the Mini-Program goes to SUBMITTED: clocks start, routing alerts. */
    public Uni<ThreadSummary> submit(long residentId, long threadId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return Panache.withTransaction(() -> ConsultationThread.<ConsultationThread>findById(threadId)
                .chain(t -> t == null || t.residentId != residentId
                        ? Uni.createFrom().<ConsultationThread>failure(Problem.notFound("THREAD_NOT_FOUND"))
                        : Uni.createFrom().item(t))
                .chain(t -> settings.rules(t.communityId).chain(rules -> {
                    Actor me = Actor.resident(residentId);
                    ThreadStatus to = Lifecycle.check(ThreadAction.SUBMIT, t.status, me.partiesFor(t));
                    return NativeSql.of("update consultation_thread set status = :to, version = version + 1,"
                                    + " submitted_at = cast(:now as timestamptz), accept_due_at = cast(:due as timestamptz)"
                                    + " where id = :id and version = :v")
                            .param("to", to.name()).param("now", now)
                            .param("due", sla.acceptDue(rules, t.category, t.urgent(), now))
                            .param("id", t.id).param("v", t.version).update()
                            .invoke(n -> {
                                if (n == 0) {
                                    throw Lifecycle.conflict(t.status);
                                }
                            })
                            .chain(() -> timeline.record(t.id, me, ThreadEventKind.SUBMITTED, t.status, to, null,
                                    false, now))
                            .chain(() -> timeline.alert(t.routedStaffId, t.id, "ROUTED", t.refNo, now))
                            .map(x -> t.id);
                }))).chain(id -> Panache.withSession(() -> ConsultationThread.<ConsultationThread>findById(id)))
                .invoke(duplicates::opened)
                .map(ThreadSummary::of);
    }

    /** The resident's latest threads, newest first. */
    public Uni<List<ThreadSummary>> recentOf(long residentId, int limit) {
        return Panache.withSession(() -> ConsultationThread.<ConsultationThread>find(
                        "residentId = ?1 order by createdAt desc, id desc", residentId).page(0, limit).list())
                .map(list -> list.stream().map(ThreadSummary::of).toList());
    }

    /** A thread by its reference number, or null. */
    public Uni<ThreadSummary> findByRef(String refNo) {
        return Panache.withSession(() -> ConsultationThread.<ConsultationThread>find("refNo", refNo).firstResult())
                .map(t -> t == null ? null : ThreadSummary.of(t));
    }

    private Uni<ThreadSummary> bySubmissionKey(String key) {
        if (key == null) {
            return Uni.createFrom().nullItem();
        }
        return Panache.withSession(() -> ConsultationThread.<ConsultationThread>find("submissionKey", key).firstResult())
                .map(t -> t == null ? null : ThreadSummary.of(t));
    }

    private static boolean isSubmissionKeyClash(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c.getMessage() != null && c.getMessage().contains("consultation_thread_submission_key_key")) {
                return true;
            }
        }
        return false;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String blankToEmpty(String s) {
        return blank(s) ? "" : s.strip();
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
