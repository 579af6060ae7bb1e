package org.linli.community;

import java.time.OffsetDateTime;
import java.time.Clock;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.linli.common.Problem;
import org.linli.common.Workers;

import java.util.concurrent.atomic.AtomicBoolean;

/** Imports a committee's household roster: all rows or none. */
@ApplicationScoped
public class RosterService {

    private final Workers workers;
    private final Clock clock;
    private final PhoneNumbers phones;
    private final RosterConfig config;

    RosterService(Workers workers, PhoneNumbers phones, RosterConfig config, Clock clock) {
        this.clock = clock;
        this.workers = workers;
        this.phones = phones;
        this.config = config;
    }

    /** Households created, updated (area, area source or owner) and unchanged; owner slots created. */
    public record Report(int rows, int created, int updated, int unchanged, int ownersCreated, boolean dryRun) {

        Report asDryRun() {
            return new Report(rows, created, updated, unchanged, ownersCreated, true);
        }
    }

    /**
     * Decoding and checking run on a worker thread (at most {@code linli.roster.max-rows} rows); the writes run in
     * one transaction that holds the community row locked, so two imports into one community cannot interleave,
     * with a statement and lock timeout. A dry run does all the work and rolls back, which makes its counts exactly
     * those of the real import. When the client goes away, the import stops at the next row and rolls back instead
     * of being abandoned with the lock held.
     */
    public Uni<Report> importRoster(long communityId, long staffId, byte[] body, boolean dryRun) {
        return abortable(abandoned -> workers.call(() -> RosterReader.read(body, phones, config.maxRows()))
                .chain(rows -> write(communityId, staffId, rows, dryRun, abandoned)));
    }

    /** The same import from an Excel workbook (.xlsx): its first sheet, read cell by cell, then the same checks. */
    public Uni<Report> importXlsx(long communityId, long staffId, byte[] body, boolean dryRun) {
        return abortable(abandoned -> workers.call(() -> RosterReader.read(XlsxRoster.records(body), phones,
                        config.maxRows()))
                .chain(rows -> write(communityId, staffId, rows, dryRun, abandoned)));
    }

    /** True when the upload is a zip archive (an .xlsx), whatever its content type says. */
    public static boolean looksLikeXlsx(byte[] body) {
        return XlsxRoster.looksLikeXlsx(body);
    }

    private Uni<Report> write(long communityId, long staffId, java.util.List<RosterRow> rows, boolean dryRun,
                              AtomicBoolean abandoned) {
        return Panache.withTransaction(() -> timeouts()
                        .chain(() -> Community.<Community>findById(communityId, LockModeType.PESSIMISTIC_WRITE))
                        .onItem().ifNull().failWith(() -> Problem.notFound("COMMUNITY_NOT_FOUND"))
                        .chain(() -> new RosterImport(communityId, staffId, OffsetDateTime.now(clock), abandoned::get).apply(rows))
                        .call(report -> dryRun
                                ? Panache.currentTransaction().invoke(tx -> tx.markForRollback())
                                : Uni.createFrom().voidItem()))
                .map(report -> dryRun ? report.asDryRun() : report);
    }

    /**
     * A cancelled subscription (client gone) would abandon the transaction mid-flight; instead the import keeps
     * running, sees the flag at the next row, fails and rolls back.
     */
    private static Uni<Report> abortable(java.util.function.Function<AtomicBoolean, Uni<Report>> work) {
        AtomicBoolean abandoned = new AtomicBoolean();
        Uni<Report> running = work.apply(abandoned);
        return Uni.createFrom().emitter(emitter -> {
            running.subscribe().with(emitter::complete, emitter::fail);
            emitter.onTermination(() -> abandoned.set(true));
        });
    }

    private Uni<Void> timeouts() {
        String ms = config.statementTimeout().toMillis() + "ms";
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select set_config('statement_timeout', ?1, true), set_config('lock_timeout', ?1, true)")
                .setParameter(1, ms).getSingleResult()).replaceWithVoid();
    }
}
