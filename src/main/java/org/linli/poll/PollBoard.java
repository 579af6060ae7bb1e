package org.linli.poll;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.common.NativeSql;

import java.time.OffsetDateTime;
import java.util.List;

/** Published results of a community's polls, newest first, for the 公示 board and the public API. */
@ApplicationScoped
public class PollBoard {

    public record Entry(PollView poll, PollResult result) {

        public OffsetDateTime publishedAt() {
            return poll.publishedAt();
        }
    }

    private final PollJson json;

    PollBoard(PollJson json) {
        this.json = json;
    }

    public Uni<List<Entry>> published(long communityId, int limit) {
        return Panache.withSession(() -> NativeSql.of("select " + PollRow.COLUMNS
                        + " from poll where community_id = :c and status in ('PUBLISHED', 'ARCHIVED')"
                        + " order by published_at desc limit :limit").param("c", communityId).param("limit", limit).rows()
                .map(rows -> rows.stream().map(r -> PollRow.of(r, json))
                        .map(p -> new Entry(PollView.of(p, List.of()), json.result(p.result()))).toList()));
    }
}
