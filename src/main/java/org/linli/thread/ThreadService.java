package org.linli.thread;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.linli.common.Problem;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

/** 说事 threads: the API the bot and (later) the Mini-Program and console call. Owns its tables. */
@ApplicationScoped
public class ThreadService {

    private final Clock clock;
    private final RefNumbers refNumbers;

    /** Uses the application's Clock bean when there is one, else the system clock in community time. */
    ThreadService(Instance<Clock> clock, RefNumbers refNumbers) {
        this.clock = clock.isResolvable() ? clock.get() : Clock.system(ZoneId.of("Asia/Shanghai"));
        this.refNumbers = refNumbers;
    }

    /**
     * Stores a DRAFT thread with its CREATED event and a fresh reference number. With a submission key already
     * used, returns that earlier thread instead of storing a second one, also when both calls race.
     */
    public Uni<ThreadSummary> createDraft(@Valid @NotNull NewDraft draft) {
        if ((draft.latitude() == null) != (draft.longitude() == null)) {
            return Uni.createFrom().failure(Problem.badRequest("VALIDATION_FAILED"));
        }
        return bySubmissionKey(draft.submissionKey()).chain(earlier -> earlier != null
                ? Uni.createFrom().item(earlier)
                : Panache.withTransaction(() -> insert(draft))
                        .onFailure(e -> draft.submissionKey() != null && isSubmissionKeyClash(e))
                        .recoverWithUni(() -> bySubmissionKey(draft.submissionKey())));
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

    private Uni<ThreadSummary> insert(NewDraft draft) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        LocalDate day = now.atZoneSameInstant(clock.getZone()).toLocalDate();
        return refNumbers.next(day).chain(refNo -> {
            ConsultationThread t = new ConsultationThread();
            t.communityId = draft.communityId();
            t.refNo = refNo;
            t.residentId = draft.residentId();
            t.householdId = draft.householdId();
            t.description = draft.description().strip();
            t.locationText = blankToNull(draft.locationText());
            t.latitude = draft.latitude();
            t.longitude = draft.longitude();
            t.photoMediaId = blankToNull(draft.photoMediaId());
            t.photoUrl = blankToNull(draft.photoUrl());
            t.status = ThreadStatus.DRAFT;
            t.source = draft.source();
            t.submissionKey = draft.submissionKey();
            t.createdAt = now;
            return t.<ConsultationThread>persist();
        }).call(t -> {
            ThreadEvent created = new ThreadEvent();
            created.threadId = t.id;
            created.at = t.createdAt;
            created.kind = ThreadEventKind.CREATED;
            created.actorKind = ActorKind.RESIDENT;
            created.actorId = t.residentId;
            return created.persist();
        }).invoke(t -> Log.infof("Thread %s drafted by resident %d in community %d (%s)", t.refNo, t.residentId,
                t.communityId, t.source)).map(ThreadSummary::of);
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

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
