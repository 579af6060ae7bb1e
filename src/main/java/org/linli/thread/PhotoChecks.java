package org.linli.thread;

import org.linli.common.NativeSql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Residents' photos go to WeChat's image check before anyone but their raiser and staff sees them. Photos wait as
 * PENDING; a pass hands the unsent ones to {@link PhotoSafety} (claimed with SKIP LOCKED, so replicas share the
 * work); the verdict arrives as {@code wxa_media_check} and lands in {@link #verdict}. A photo WeChat cannot check
 * (no Mini-Program identity, no URL, WeChat down three times) is HELD for staff: never published unchecked.
 */
@ApplicationScoped
public class PhotoChecks {

    static final int BATCH = 20;
    static final int ATTEMPTS = 3;
    /** A claim older than this (a replica died mid-call) is taken again. */
    static final Duration RETRY_AFTER = Duration.ofMinutes(1);

    private final Clock clock;
    private final PhotoSafety safety;
    private final Timeline timeline;

    PhotoChecks(Clock clock, PhotoSafety safety, Timeline timeline) {
        this.clock = clock;
        this.safety = safety;
        this.timeline = timeline;
    }

    private record Unsent(long photoId, long threadId, long residentId, String url, int attempts) {
    }

    @Scheduled(every = "${linli.thread.photo-check-every:20s}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() throws Throwable {
        int sent = VertxContextSupport.subscribeAndAwait(this::submitPending);
        if (sent > 0) {
            Log.debugf("Sent %d photos to WeChat's image check", sent);
        }
    }

    /** One pass: answers how many photos were handed to WeChat (or held). */
    public Uni<Integer> submitPending() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return Panache.withTransaction(() -> NativeSql.of("update thread_photo p set check_attempts = p.check_attempts + 1,"
                        + " check_attempted_at = cast(:now as timestamptz) from consultation_thread t"
                        + " where t.id = p.thread_id and p.id in (select id from thread_photo"
                        + " where check_status = 'PENDING' and check_trace_id is null and (check_attempted_at is null"
                        + " or check_attempted_at < cast(:retry as timestamptz)) order by id limit :batch"
                        + " for update skip locked)"
                        + " returning p.id, p.thread_id, t.resident_id, p.url, p.check_attempts")
                .param("now", now).param("retry", now.minus(RETRY_AFTER)).param("batch", BATCH).rows())
                .map(rows -> rows.stream().map(r -> new Unsent(NativeSql.id(r[0]), NativeSql.id(r[1]), NativeSql.id(r[2]),
                        (String) r[3], ((Number) r[4]).intValue())).toList())
                .chain(this::submitEach);
    }

    private Uni<Integer> submitEach(List<Unsent> photos) {
        Uni<Integer> chain = Uni.createFrom().item(0);
        for (Unsent p : photos) {
            chain = chain.chain(n -> submit(p).replaceWith(n + 1));
        }
        return chain;
    }

    private Uni<Void> submit(Unsent p) {
        if (p.url() == null || p.url().isBlank()) {
            return hold(p, "图片无法送微信审核，待工作人员审核");
        }
        return safety.submit(p.residentId(), p.url()).onItemOrFailure().transformToUni((trace, failure) -> {
            if (failure != null) {
                Log.warnf("Photo %d: WeChat's image check unavailable (%s)", p.photoId(), failure.getMessage());
                return p.attempts() >= ATTEMPTS ? hold(p, "图片未能送微信审核，待工作人员审核")
                        : Uni.createFrom().voidItem();
            }
            if (trace == null) {
                return hold(p, "图片无法送微信审核（无小程序身份），待工作人员审核");
            }
            return Panache.withTransaction(() -> NativeSql.of("update thread_photo set check_trace_id = :trace"
                    + " where id = :id").param("trace", trace).param("id", p.photoId()).update()).replaceWithVoid();
        });
    }

    private Uni<Void> hold(Unsent p, String note) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return Panache.withTransaction(() -> NativeSql.of("update thread_photo set check_status = 'HELD'"
                        + " where id = :id and check_status = 'PENDING'").param("id", p.photoId()).update()
                .chain(n -> n == 0 ? Uni.createFrom().voidItem()
                        : timeline.record(p.threadId(), Actor.system(), ThreadEventKind.HELD, null, null, note, true,
                        now).replaceWithVoid()));
    }

    /**
     * WeChat's verdict for {@code traceId} ({@code pass}, {@code review} or {@code risky}). Only a PENDING photo
     * changes, so a repeated event changes nothing; an unknown trace is ignored. Answers the photos changed.
     */
    public Uni<Integer> verdict(String traceId, String suggest) {
        if (traceId == null || traceId.isBlank()) {
            return Uni.createFrom().item(0);
        }
        String status = "pass".equals(suggest) ? "PASS" : "risky".equals(suggest) ? "RISKY" : "REVIEW";
        OffsetDateTime now = OffsetDateTime.now(clock);
        return Panache.withTransaction(() -> NativeSql.of("update thread_photo set check_status = :s"
                        + " where check_trace_id = :trace and check_status = 'PENDING' returning thread_id")
                .param("s", status).param("trace", traceId).column()
                .chain(threads -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    if (!"PASS".equals(status)) {
                        String note = "RISKY".equals(status) ? "图片未通过微信内容审核，已隐藏"
                                : "图片需人工复核，待工作人员审核";
                        for (Object t : threads) {
                            chain = chain.chain(() -> timeline.record(NativeSql.id(t), Actor.system(),
                                    ThreadEventKind.HELD, null, null, note, true, now).replaceWithVoid());
                        }
                    }
                    return chain.replaceWith(threads.size());
                }));
    }
}
