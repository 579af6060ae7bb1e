package org.linli.poll;

import org.linli.common.NativeSql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.common.Problem;

import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The poll rows in the caller's Panache session: load (optionally locked), targets, the audit trail. */
@ApplicationScoped
class PollStore {

    private final PollJson json;

    PollStore(PollJson json) {
        this.json = json;
    }

    Uni<PollRow> load(long communityId, long pollId, boolean lock) {
        return NativeSql.of("select " + PollRow.COLUMNS + " from poll where id = :id and community_id = :community"
                        + (lock ? " for update" : ""))
                .param("id", pollId).param("community", communityId).rows()
                .map(rows -> {
                    if (rows.isEmpty()) {
                        throw Problem.notFound("POLL_NOT_FOUND");
                    }
                    return PollRow.of(rows.get(0), json);
                });
    }

    Uni<PollRow> byId(long pollId) {
        return NativeSql.of("select " + PollRow.COLUMNS + " from poll where id = :id").param("id", pollId).rows()
                .map(rows -> {
                    if (rows.isEmpty()) {
                        throw Problem.notFound("POLL_NOT_FOUND");
                    }
                    return PollRow.of(rows.get(0), json);
                });
    }

    Uni<PollReach.PollTargets> targets(PollRow poll) {
        return NativeSql.of("select building_id, grid_id from poll_target where poll_id = :poll")
                .param("poll", poll.id()).rows()
                .map(rows -> {
                    Set<Long> buildings = new HashSet<>();
                    Set<Long> grids = new HashSet<>();
                    for (Object[] r : rows) {
                        if (r[0] != null) {
                            buildings.add(NativeSql.id(r[0]));
                        }
                        grids.add(r[1] == null ? null : NativeSql.id(r[1]));
                    }
                    return new PollReach.PollTargets(poll.scopeKind(), buildings, grids);
                });
    }

    Uni<List<Long>> targetIds(long pollId) {
        return NativeSql.of("select target_id from poll_target where poll_id = :poll order by target_id")
                .param("poll", pollId).column().map(ids -> ids.stream().map(NativeSql::id).toList());
    }

    Uni<Integer> audit(long pollId, OffsetDateTime at, String kind, Long staffId, String reason, String detail) {
        return NativeSql.of("insert into poll_event (poll_id, at, kind, staff_id, reason, detail)"
                        + " values (:poll, :at, :kind, :staff, :reason, :detail)")
                .param("poll", pollId).param("at", at).param("kind", kind).param("staff", staffId)
                .param("reason", reason).param("detail", detail).update();
    }

    /** Ballot events so far (the chain's length): zero until the first ballot. */
    Uni<Long> ballotEvents(long pollId) {
        return NativeSql.of("select seq from poll_chain where poll_id = :poll").param("poll", pollId).number();
    }
}
