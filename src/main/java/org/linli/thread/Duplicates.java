package org.linli.thread;

import org.linli.common.NativeSql;
import org.linli.common.Workers;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Open threads of the same community and nearby scope (same grid, or same building when it has no grid, plus
 * threads with no known place) whose text looks like the same matter. Residents are offered only threads they may
 * see (public, visible) to 附议; staff see every open one as a merge suggestion.
 */
@Singleton
class Duplicates {

    private final Similarity similarity;
    private final OpenThreadIndex index;
    private final ThreadConfig.Duplicates config;
    private final Workers workers;

    Duplicates(Similarity similarity, OpenThreadIndex index, ThreadConfig config, Workers workers) {
        this.similarity = similarity;
        this.index = index;
        this.config = config.duplicates();
        this.workers = workers;
    }

    /** The text's terms, segmented on a worker thread (CPU, and the dictionary may still be loading). */
    Uni<List<String>> terms(String text) {
        return workers.call(() -> similarity.terms(text));
    }

    Uni<List<Candidate>> forResident(long communityId, Long gridId, Long buildingId, List<String> terms,
                                     long residentId) {
        return Panache.withSession(() -> find(communityId, gridId, buildingId, terms, null, true, residentId));
    }

    /** Merge suggestions for a thread (any visibility), in the caller's session. */
    Uni<List<Candidate>> forStaff(ConsultationThread t) {
        return find(t.communityId, t.gridId, t.buildingId, Similarity.split(t.terms), t.id, false, 0);
    }

    /** A thread raised or submitted on this replica: compared from now on if it is open (a DRAFT is not). */
    void opened(ConsultationThread t) {
        if (!t.status.open()) {
            return;
        }
        index.opened(t.communityId, new OpenThreadIndex.Doc(t.id, t.gridId, t.buildingId, t.residentId,
                t.visibility == Visibility.PUBLIC && t.moderation == Moderation.VISIBLE,
                Similarity.Terms.of(Similarity.split(t.terms))));
    }

    private Uni<List<Candidate>> find(long communityId, Long gridId, Long buildingId, List<String> terms,
                                      Long except, boolean publicOnly, long residentId) {
        if (terms.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Predicate<OpenThreadIndex.Doc> near = gridId != null
                ? d -> gridId.equals(d.gridId()) || d.buildingId() == null
                : buildingId != null ? d -> buildingId.equals(d.buildingId()) || d.buildingId() == null : d -> true;
        Predicate<OpenThreadIndex.Doc> among = near.and(d -> except == null || d.id() != except)
                .and(d -> !publicOnly || d.offered() && d.residentId() != residentId);
        return index.rank(communityId, terms, among, config.threshold())
                .map(matches -> matches.stream().limit(3L * config.maxCandidates()).toList())
                .chain(best -> stillOpen(best, publicOnly));
    }

    /** The best matches as they are now: still open (and, for a resident, still public and visible). */
    private Uni<List<Candidate>> stillOpen(List<OpenThreadIndex.Match> best, boolean publicOnly) {
        if (best.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return NativeSql.of("select id, ref_no, description, status, support_count from consultation_thread"
                        + " where id in (:ids) and status in " + ThreadStatus.OPEN_SQL
                        + (publicOnly ? " and visibility = 'PUBLIC' and moderation = 'VISIBLE'" : ""))
                .param("ids", best.stream().map(m -> m.doc().id()).toList()).rows()
                .map(rows -> {
                    Map<Long, Object[]> byId = new HashMap<>();
                    rows.forEach(r -> byId.put(NativeSql.id(r[0]), r));
                    return best.stream().filter(m -> byId.containsKey(m.doc().id())).limit(config.maxCandidates())
                            .map(m -> {
                                Object[] r = byId.get(m.doc().id());
                                return new Candidate(m.doc().id(), (String) r[1], ThreadPushes.excerpt((String) r[2], 40),
                                        ThreadStatus.valueOf((String) r[3]).label(), ((Number) r[4]).intValue(),
                                        Math.round(m.cosine() * 1000) / 1000.0);
                            }).toList();
                });
    }
}
