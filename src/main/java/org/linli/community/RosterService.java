package org.linli.community;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.linli.common.Problem;
import org.linli.common.Workers;

/** Imports a committee's household roster: all rows or none. */
@ApplicationScoped
public class RosterService {

    private final Workers workers;
    private final PhoneNumbers phones;

    RosterService(Workers workers, PhoneNumbers phones) {
        this.workers = workers;
        this.phones = phones;
    }

    /** Households created, updated (area, area source or owner) and unchanged; owner slots created. */
    public record Report(int rows, int created, int updated, int unchanged, int ownersCreated, boolean dryRun) {

        Report asDryRun() {
            return new Report(rows, created, updated, unchanged, ownersCreated, true);
        }
    }

    /**
     * Decoding and checking run on a worker thread; the writes run in one transaction that holds the community
     * row locked, so two imports into one community cannot interleave. A dry run does all the work and rolls back,
     * which makes its counts exactly those of the real import.
     */
    public Uni<Report> importRoster(long communityId, long staffId, byte[] body, boolean dryRun) {
        return workers.call(() -> RosterReader.read(body, phones))
                .chain(rows -> write(communityId, staffId, rows, dryRun));
    }

    /** The same import from an Excel workbook (.xlsx): its first sheet, read cell by cell, then the same checks. */
    public Uni<Report> importXlsx(long communityId, long staffId, byte[] body, boolean dryRun) {
        return workers.call(() -> RosterReader.read(XlsxRoster.records(body), phones))
                .chain(rows -> write(communityId, staffId, rows, dryRun));
    }

    /** True when the upload is a zip archive (an .xlsx), whatever its content type says. */
    public static boolean looksLikeXlsx(byte[] body) {
        return XlsxRoster.looksLikeXlsx(body);
    }

    private Uni<Report> write(long communityId, long staffId, java.util.List<RosterRow> rows, boolean dryRun) {
        return Panache.withTransaction(() -> Community.<Community>findById(communityId, LockModeType.PESSIMISTIC_WRITE)
                        .onItem().ifNull().failWith(() -> Problem.notFound("COMMUNITY_NOT_FOUND"))
                        .chain(() -> new RosterImport(communityId, staffId).apply(rows))
                        .call(report -> dryRun
                                ? Panache.currentTransaction().invoke(tx -> tx.markForRollback())
                                : Uni.createFrom().voidItem()))
                .map(report -> dryRun ? report.asDryRun() : report);
    }
}
