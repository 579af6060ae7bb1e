package org.linli.poll;

import org.linli.common.NativeSql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.common.Problem;

import java.util.List;

/** What a resident sees of polls: the ones whose frozen electorate includes them. */
@ApplicationScoped
public class ResidentPolls {

    public record Item(long id, String title, PollStatus status, java.time.OffsetDateTime closeAt, boolean secret,
                       boolean owners, boolean voted) {
    }

    public record Detail(PollView poll, List<Voting.MyUnit> myUnits, PollResult result) {
    }

    private final PollStore store;
    private final PollJson json;
    private final Voting voting;
    private final LiveResults live;

    ResidentPolls(PollStore store, PollJson json, Voting voting, LiveResults live) {
        this.store = store;
        this.json = json;
        this.voting = voting;
        this.live = live;
    }

    /** Open polls the resident may vote in, with whether each of their units has voted. */
    public Uni<List<Item>> open(long residentId) {
        return Panache.withSession(() -> NativeSql.of("select p.id, p.title, p.status, p.close_at, p.secret, p.rule,"
                        + " bool_and(exists (select 1 from poll_ballot b where b.poll_id = v.poll_id"
                        + " and b.unit_key = v.unit_key)) from poll p join poll_elector_voter v on v.poll_id = p.id"
                        + " where v.resident_id = :resident and p.status = 'OPEN'"
                        + " group by p.id order by p.close_at, p.id")
                .param("resident", residentId).rows()
                .map(rows -> rows.stream().map(r -> new Item(NativeSql.id(r[0]), (String) r[1],
                        PollStatus.valueOf((String) r[2]), NativeSql.time(r[3]), (Boolean) r[4],
                        json.rule((String) r[5]).base() == Base.OWNERS, (Boolean) r[6])).toList()));
    }

    public Uni<Detail> detail(long residentId, long pollId) {
        return Panache.withSession(() -> store.byId(pollId)
                        .chain(p -> store.targetIds(pollId).map(ids -> PollView.of(p, ids)).map(v -> new Object[]{p, v})))
                .chain(pv -> {
                    PollRow p = (PollRow) pv[0];
                    return voting.myUnits(pollId, residentId, p.secret()).chain(units -> {
                        if (units.isEmpty()) {
                            throw Problem.notFound("POLL_NOT_FOUND");
                        }
                        boolean voted = units.stream().anyMatch(Voting.MyUnit::voted);
                        return (Results.visible(p, voted) ? live.of(p) : Uni.createFrom().<PollResult>nullItem())
                                .map(result -> new Detail((PollView) pv[1], units, result));
                    });
                });
    }
}
