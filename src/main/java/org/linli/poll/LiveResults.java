package org.linli.poll;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Live tallies of open polls, computed from committed PostgreSQL rows and cached in Redis for a few seconds so a
 * crowd refreshing the page costs one count. Closed polls never use it: their result is the stored one.
 */
@ApplicationScoped
class LiveResults {

    private final ReactiveValueCommands<String, String> values;
    private final Tallies tallies;
    private final PollJson json;
    private final PollConfig config;

    LiveResults(ReactiveRedisDataSource redis, Tallies tallies, PollJson json, PollConfig config) {
        this.values = redis.value(String.class, String.class);
        this.tallies = tallies;
        this.json = json;
        this.config = config;
    }

    Uni<PollResult> of(PollRow poll) {
        if (poll.status() != PollStatus.OPEN) {
            return poll.result() != null ? Uni.createFrom().item(json.result(poll.result())) : tallies.count(poll);
        }
        String key = "linli:poll:live:" + poll.id();
        return values.get(key).onFailure().recoverWithNull().chain(cached -> cached != null
                ? Uni.createFrom().item(json.result(cached))
                : tallies.count(poll).call(result -> values.set(key, json.write(result),
                        new SetArgs().px(config.liveCacheTtl())).onFailure().recoverWithNull()));
    }
}
