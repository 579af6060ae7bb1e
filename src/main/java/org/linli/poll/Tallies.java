package org.linli.poll;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.linli.meeting.MeetingService;
import org.linli.poll.PollResult.Amount;

/** Computes a poll's result from what PostgreSQL has committed (never from a cache). */
@ApplicationScoped
class Tallies {

    private static final String ELIGIBLE = "SELECT count(*), coalesce(sum(area), 0) FROM poll_elector WHERE poll_id = $1";
    private static final String BALLOTS = "SELECT e.area, b.answers FROM poll_ballot b JOIN poll_elector e"
            + " ON e.poll_id = b.poll_id AND e.unit_key = b.unit_key WHERE b.poll_id = $1";
    private static final String SECRET = "SELECT question, option, heads, area FROM poll_secret_total WHERE poll_id = $1";
    private static final String PRESENT = "SELECT count(*), coalesce(sum(e.area), 0) FROM poll_elector e"
            + " WHERE e.poll_id = $1 AND (EXISTS (SELECT 1 FROM poll_ballot b WHERE b.poll_id = e.poll_id"
            + " AND b.unit_key = e.unit_key) OR EXISTS (SELECT 1 FROM poll_elector_voter v WHERE v.poll_id = e.poll_id"
            + " AND v.unit_key = e.unit_key AND v.resident_id = ANY($2)))";

    private final Pool pool;
    private final MeetingService meetings;

    Tallies(Pool pool, MeetingService meetings) {
        this.pool = pool;
        this.meetings = meetings;
    }

    Uni<PollResult> count(PollRow poll) {
        return present(poll).chain(present -> count(poll, present));
    }

    /** Those present, for a poll of residents or households that meetings name (居民会议); else null. */
    private Uni<PollResult.Present> present(PollRow poll) {
        if (poll.rule().base() == Base.OWNERS) {
            return Uni.createFrom().nullItem();
        }
        return meetings.attendanceFor(poll.communityId(), poll.id()).chain(attendance -> !attendance.linked()
                ? Uni.createFrom().<PollResult.Present>nullItem()
                : pool.preparedQuery(PRESENT).execute(Tuple.of(poll.id(), attendance.residentIds().toArray(Long[]::new)))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return new PollResult.Present(attendance.meetings(), new Amount(r.getLong(0),
                            scale(r.getBigDecimal(1))));
                }));
    }

    private Uni<PollResult> count(PollRow poll, PollResult.Present present) {
        return pool.preparedQuery(ELIGIBLE).execute(Tuple.of(poll.id())).chain(eligibleRows -> {
            Row e = eligibleRows.iterator().next();
            Amount eligible = new Amount(e.getLong(0), scale(e.getBigDecimal(1)));
            return pool.preparedQuery(BALLOTS).execute(Tuple.of(poll.id())).chain(ballotRows -> {
                List<Tally.CountedBallot> ballots = new ArrayList<>();
                Amount participating = Amount.ZERO;
                for (Row r : ballotRows) {
                    BigDecimal area = scale(r.getBigDecimal(0));
                    participating = participating.plus(area);
                    if (r.getString(1) != null) {
                        ballots.add(new Tally.CountedBallot(area, PollJson.answers(r.getString(1))));
                    }
                }
                Amount counted = participating;
                if (!poll.secret()) {
                    return Uni.createFrom().item(Tally.count(new Tally.Input(poll.rule(), poll.questions(), eligible,
                            counted, Tally.totals(poll.questions(), ballots), present)));
                }
                return pool.preparedQuery(SECRET).execute(Tuple.of(poll.id())).map(rows -> {
                    Amount[][] totals = Tally.empty(poll.questions());
                    for (Row r : rows) {
                        totals[r.getInteger(0)][r.getInteger(1)] = new Amount(r.getLong(2), scale(r.getBigDecimal(3)));
                    }
                    return Tally.count(new Tally.Input(poll.rule(), poll.questions(), eligible, counted, totals,
                            present));
                });
            });
        });
    }

    private static BigDecimal scale(BigDecimal value) {
        return value.setScale(2);
    }
}
