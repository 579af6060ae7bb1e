package org.linli.thread;

import org.linli.common.NativeSql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Open threads of the same community and nearby scope (same grid, or same building when it has no grid, plus
 * threads with no known place) whose text looks like the same matter. Residents are offered only threads they may
 * see (public, visible) to 附议; staff see every open one as a merge suggestion.
 */
@Singleton
class Duplicates {

    private record Row(long id, String refNo, String description, String status, int supports, List<String> terms) {
    }

    private final Similarity similarity;
    private final ThreadConfig.Duplicates config;

    Duplicates(Similarity similarity, ThreadConfig config) {
        this.similarity = similarity;
        this.config = config.duplicates();
    }

    List<String> terms(String text) {
        return similarity.terms(text);
    }

    Uni<List<Candidate>> forResident(long communityId, Long gridId, Long buildingId, List<String> terms,
                                     long residentId) {
        return Panache.withSession(() -> find(communityId, gridId, buildingId, terms, null, true, residentId));
    }

    /** Merge suggestions for a thread (any visibility), in the caller's session. */
    Uni<List<Candidate>> forStaff(ConsultationThread t) {
        return find(t.communityId, t.gridId, t.buildingId, Similarity.split(t.terms), t.id, false, 0);
    }

    private Uni<List<Candidate>> find(long communityId, Long gridId, Long buildingId, List<String> terms,
                                      Long except, boolean publicOnly, long residentId) {
        if (terms.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        NativeSql sql = NativeSql.of("select t.id, t.ref_no, t.description, t.status, t.support_count, t.terms"
                + " from consultation_thread t where t.community_id = :c"
                + " and t.status in ('SUBMITTED', 'ACCEPTED', 'DELIBERATING', 'IN_PROGRESS')").param("c", communityId);
        if (gridId != null) {
            sql.append(" and (t.grid_id = :g or t.building_id is null)").param("g", gridId);
        } else if (buildingId != null) {
            sql.append(" and (t.building_id = :b or t.building_id is null)").param("b", buildingId);
        }
        if (except != null) {
            sql.append(" and t.id <> :except").param("except", except);
        }
        if (publicOnly) {
            sql.append(" and t.visibility = 'PUBLIC' and t.moderation = 'VISIBLE' and t.resident_id <> :me")
                    .param("me", residentId);
        }
        sql.append(" order by t.created_at desc limit :window").param("window", config.window());
        return sql.rows().map(rows -> {
            List<Row> open = rows.stream().map(r -> new Row(NativeSql.id(r[0]), (String) r[1], (String) r[2],
                    (String) r[3], ((Number) r[4]).intValue(), Similarity.split((String) r[5]))).toList();
            return similarity.rank(terms, open, Row::terms).stream()
                    .filter(s -> s.cosine() >= config.threshold())
                    .limit(config.maxCandidates())
                    .map(s -> new Candidate(s.item().id(), s.item().refNo(),
                            ThreadPushes.excerpt(s.item().description(), 40),
                            ThreadStatus.valueOf(s.item().status()).label(), s.item().supports(),
                            Math.round(s.cosine() * 1000) / 1000.0))
                    .toList();
        });
    }
}
