package org.linli.poll;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.common.Problem;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Residents casting online, and staff entering paper, door-to-door and proxy ballots. */
@ApplicationScoped
public class Voting {

    /** One of the resident's units in a poll, with whether it has a counted ballot. */
    public record MyUnit(String unitKey, String label, boolean representative, boolean voted, String channel,
                         boolean mine, OffsetDateTime castAt, List<List<Integer>> answers) {
    }

    /*
     * The ballot is looked up per unit by its whole key (LATERAL … LIMIT 1 keeps the subquery from being flattened):
     * as a plain LEFT JOIN, a poll whose ballots the statistics do not know yet (a new, hot poll) was planned as a
     * scan of all the poll's ballots per call, which made every ballot slower than the one before.
     */
    private static final String MY_UNITS = "SELECT v.unit_key, e.label, v.representative, b.channel, b.voter_id,"
            + " b.cast_at, b.answers FROM poll_elector_voter v JOIN poll_elector e ON e.poll_id = v.poll_id"
            + " AND e.unit_key = v.unit_key LEFT JOIN LATERAL (SELECT channel, voter_id, cast_at, answers"
            + " FROM poll_ballot WHERE poll_id = v.poll_id AND unit_key = v.unit_key LIMIT 1) b ON true"
            + " WHERE v.poll_id = $1 AND v.resident_id = $2 ORDER BY e.label";
    private static final String UNIT_OF_HOUSEHOLD = "SELECT unit_key FROM poll_elector_household"
            + " WHERE poll_id = $1 AND household_id = $2 ORDER BY unit_key LIMIT 1";

    private final Pool pool;
    private final BallotBox box;
    private final PollClock clock;

    Voting(Pool pool, BallotBox box, PollClock clock) {
        this.pool = pool;
        this.box = box;
        this.clock = clock;
    }

    /** The resident's units in the poll; empty when they are not in its electorate. */
    public Uni<List<MyUnit>> myUnits(long pollId, long residentId, boolean secret) {
        return pool.preparedQuery(MY_UNITS).execute(Tuple.of(pollId, residentId)).map(rows -> {
            List<MyUnit> units = new ArrayList<>();
            for (Row r : rows) {
                boolean voted = r.getString(3) != null;
                Long voter = r.getLong(4);
                boolean mine = voted && voter != null && voter == residentId;
                String answers = r.getString(6);
                units.add(new MyUnit(r.getString(0), r.getString(1), r.getBoolean(2), voted, r.getString(3), mine,
                        voted ? (secret ? null : BallotBox.local(r.getOffsetDateTime(5))) : null,
                        mine && !secret && answers != null ? PollJson.answers(answers) : null));
            }
            return units;
        });
    }

    /** An online ballot. Without unitKey the resident's only unit is used (400 POLL_UNIT_REQUIRED if several). */
    public Uni<BallotBox.Receipt> vote(long pollId, long residentId, String unitKey, List<List<Integer>> answers) {
        OffsetDateTime now = clock.now();
        return box.box(pollId).chain(b -> myUnits(pollId, residentId, b.secret()).chain(units -> {
            if (units.isEmpty()) {
                throw Problem.notFound("POLL_NOT_FOUND");
            }
            MyUnit unit = pick(units, unitKey);
            List<List<Integer>> clean = BallotBox.check(b, answers, now);
            return box.cast(b, new BallotBox.Cast(pollId, unit.unitKey(), Channel.ONLINE, residentId,
                    unit.representative(), clean, now, null, null, null));
        }));
    }

    /** A paper / door-to-door / proxy ballot typed in by staff, for a unit or a household of the electorate. */
    Uni<BallotBox.Receipt> enter(long pollId, long staffId, PaperBallot paper) {
        OffsetDateTime now = clock.now();
        if (paper.channel() == null || paper.channel() == Channel.ONLINE) {
            throw Problem.badRequest("POLL_PAPER_CHANNEL");
        }
        if (paper.photoMediaId() == null || paper.photoMediaId().isBlank()) {
            throw Problem.badRequest("POLL_PAPER_PHOTO");
        }
        if (paper.channel() == Channel.PROXY && (paper.proxyHolder() == null || paper.proxyHolder().isBlank())) {
            throw Problem.badRequest("POLL_PROXY_HOLDER");
        }
        OffsetDateTime signedAt = paper.signedAt() == null ? now : paper.signedAt();
        if (signedAt.isAfter(now)) {
            throw Problem.badRequest("POLL_PAPER_FUTURE");
        }
        return box.box(pollId).chain(b -> {
            List<List<Integer>> clean = BallotBox.check(b, paper.answers(), now);
            if (signedAt.isBefore(b.openAt())) {
                throw Problem.badRequest("POLL_PAPER_BEFORE_OPEN");
            }
            return unitOf(pollId, paper).chain(unit -> box.cast(b, new BallotBox.Cast(pollId, unit, paper.channel(),
                    null, false, clean, signedAt, staffId, paper.photoMediaId().strip(),
                    paper.proxyHolder() == null ? null : paper.proxyHolder().strip())));
        });
    }

    private Uni<String> unitOf(long pollId, PaperBallot paper) {
        if (paper.unitKey() != null) {
            return pool.preparedQuery("SELECT unit_key FROM poll_elector WHERE poll_id = $1 AND unit_key = $2")
                    .execute(Tuple.of(pollId, paper.unitKey())).map(rows -> {
                        if (rows.size() == 0) {
                            throw Problem.badRequest("POLL_UNIT_UNKNOWN");
                        }
                        return paper.unitKey();
                    });
        }
        if (paper.householdId() == null) {
            throw Problem.badRequest("POLL_UNIT_UNKNOWN");
        }
        return pool.preparedQuery(UNIT_OF_HOUSEHOLD).execute(Tuple.of(pollId, paper.householdId())).map(rows -> {
            if (rows.size() == 0) {
                throw Problem.badRequest("POLL_UNIT_UNKNOWN");
            }
            return rows.iterator().next().getString(0);
        });
    }

    private static MyUnit pick(List<MyUnit> units, String unitKey) {
        if (unitKey == null) {
            if (units.size() > 1) {
                throw Problem.badRequest("POLL_UNIT_REQUIRED");
            }
            return units.get(0);
        }
        return units.stream().filter(u -> u.unitKey().equals(unitKey)).findFirst()
                .orElseThrow(() -> Problem.badRequest("POLL_UNIT_UNKNOWN"));
    }

    /** A ballot entered by staff: for PROXY, who holds the 授权委托书. */
    public record PaperBallot(String unitKey, Long householdId, Channel channel, List<List<Integer>> answers,
                              OffsetDateTime signedAt, String photoMediaId, String proxyHolder) {
    }
}
