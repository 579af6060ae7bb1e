package org.linli.poll;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.linli.poll.PollResult.Amount;

/** Computes a poll's result from what PostgreSQL has committed (never from a cache). */
@ApplicationScoped
class Tallies {

    private static final String ELIGIBLE = "SELECT count(*), coalesce(sum(area), 0) FROM poll_elector WHERE poll_id = $1";
    private static final String BALLOTS = "SELECT e.area, b.answers FROM poll_ballot b JOIN poll_elector e"
            + " ON e.poll_id = b.poll_id AND e.unit_key = b.unit_key WHERE b.poll_id = $1";
    private static final String SECRET = "SELECT question, option, heads, area FROM poll_secret_total WHERE poll_id = $1";

    private final Pool pool;

    Tallies(Pool pool) {
        this.pool = pool;
    }

    Uni<PollResult> count(PollRow poll) {
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
                            counted, Tally.totals(poll.questions(), ballots))));
                }
                return pool.preparedQuery(SECRET).execute(Tuple.of(poll.id())).map(rows -> {
                    Amount[][] totals = Tally.empty(poll.questions());
                    for (Row r : rows) {
                        totals[r.getInteger(0)][r.getInteger(1)] = new Amount(r.getLong(2), scale(r.getBigDecimal(3)));
                    }
                    return Tally.count(new Tally.Input(poll.rule(), poll.questions(), eligible, counted, totals));
                });
            });
        });
    }

    private static BigDecimal scale(BigDecimal value) {
        return value.setScale(2);
    }
}
