package org.linli.push;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** What the committee console shows of the push engine: dead letters of a community and channels paused now. */
@ApplicationScoped
public class PushHealth {

    public record PausedChannel(Channel channel, Instant until) {
    }

    public record Health(long deadLetters, List<PausedChannel> paused) {
    }

    private final Pool pool;
    private final ChannelPauses pauses;

    PushHealth(Pool pool, ChannelPauses pauses) {
        this.pool = pool;
        this.pauses = pauses;
    }

    public Uni<Health> of(long communityId) {
        return pool.preparedQuery("SELECT count(*) FROM push_delivery WHERE community_id = $1 AND status = 'DEAD'")
                .execute(Tuple.of(communityId))
                .map(rows -> rows.iterator().next().getLong(0))
                .chain(dead -> Multi.createFrom().iterable(Arrays.asList(Channel.values()))
                        .onItem().transformToUniAndConcatenate(c -> pauses.pausedUntil(c)
                                .map(until -> until.map(u -> new PausedChannel(c, u)).orElse(null)))
                        .collect().asList()
                        .map(list -> new Health(dead, list.stream().filter(p -> p != null).toList())));
    }
}
