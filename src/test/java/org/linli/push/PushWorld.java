package org.linli.push;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import org.linli.wechat.CustomerServiceWindow;
import org.linli.wechat.fake.FakeWechat;
import org.linli.wechat.fake.FakeWechatServer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/** Test fixtures for push: communities and residents in SQL, enqueue in a transaction, worker passes, look-ups. */
@Singleton
public class PushWorld {

    public record Person(long id, String miniOpenid, String mpOpenid) {
    }

    static final Duration WAIT = Duration.ofSeconds(60);

    final Pool pool;
    final PushWorker worker;
    final PushOutbox outbox;
    final CustomerServiceWindow kefuWindow;
    final FakeWechatServer wechat;
    final ReactiveRedisDataSource redis;

    final ChannelPauses pauses;

    PushWorld(Pool pool, PushWorker worker, PushOutbox outbox, CustomerServiceWindow kefuWindow,
              FakeWechat endpoint, ReactiveRedisDataSource redis, ChannelPauses pauses) {
        this.pool = pool;
        this.pauses = pauses;
        this.redis = redis;
        this.worker = worker;
        this.outbox = outbox;
        this.kefuWindow = kefuWindow;
        this.wechat = endpoint.fake().orElseThrow();
    }

    /** A clean slate: the fake forgets calls and rules, and deliveries left pending by earlier tests are parked. */
    void reset() {
        wechat.reset();
        sql("UPDATE push_delivery SET status = 'DEAD', last_error = 'parked by a later test' WHERE status = 'PENDING'");
        sql("DELETE FROM push_consent");
        redis();
        pauses.forget();
    }

    /** Forgets paused channels, rate buckets and remembered closed users of earlier tests. */
    private void redis() {
        await(() -> redis.execute("EVAL", "for _, k in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', k) end"
                        + " for _, k in ipairs(redis.call('KEYS', ARGV[2])) do redis.call('DEL', k) end return 0",
                        "0", "linli:push:*", "linli:wx:push-closed:*"));
    }

    static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    long community() {
        String code = unique("P");
        return one("INSERT INTO community (code, name) VALUES ($1, $2) RETURNING id", Tuple.of(code, "推送社区" + code))
                .getLong("id");
    }

    List<Person> residents(long communityId, int count, boolean mini, boolean mp) {
        String prefix = unique("o");
        List<Person> people = new ArrayList<>();
        await(() -> pool.preparedQuery("""
                        INSERT INTO resident (community_id, display_name, mini_openid, mp_openid)
                        SELECT $1, 'r' || g, CASE WHEN $3 THEN $2 || '-mini-' || g END,
                               CASE WHEN $4 THEN $2 || '-mp-' || g END
                          FROM generate_series(1, $5) g
                        RETURNING id, mini_openid, mp_openid""")
                .execute(Tuple.of(communityId, prefix, mini, mp, count)))
                .forEach(r -> people.add(new Person(r.getLong("id"), r.getString("mini_openid"),
                        r.getString("mp_openid"))));
        return people;
    }

    Person resident(long communityId, boolean mini, boolean mp) {
        return residents(communityId, 1, mini, mp).get(0);
    }

    static List<Long> ids(Collection<Person> people) {
        return people.stream().map(Person::id).toList();
    }

    static PushMessage message(long communityId, String ref, boolean urgent) {
        return new PushMessage(communityId, ref, "NOTICE", urgent, "停水通知：3号楼周六停水",
                "因管道检修，3号楼周六9:00-17:00停水，请提前储水。", "pages/notice/detail?id=1", Map.of(), null);
    }

    static PushMessage expiring(PushMessage m, Instant expiresAt) {
        return new PushMessage(m.communityId(), m.sourceRef(), m.kind(), m.urgent(), m.title(), m.summary(), m.page(),
                m.fields(), m.notBefore(), expiresAt);
    }

    int enqueue(PushMessage message, Collection<Long> residentIds) {
        return await(() -> Panache.withTransaction(() -> outbox.enqueue(message, residentIds)));
    }

    int cancel(String... refs) {
        return await(() -> Panache.withTransaction(() -> outbox.cancel(List.of(refs))));
    }

    void grantConsent(long residentId, String templateId, int count) {
        sql("INSERT INTO push_consent (resident_id, template_id, remaining) VALUES ($1, $2, $3)"
                + " ON CONFLICT (resident_id, template_id) DO UPDATE SET remaining = EXCLUDED.remaining",
                Tuple.of(residentId, templateId, count));
    }

    int consentLeft(long residentId, String templateId) {
        List<Row> rows = rows("SELECT remaining FROM push_consent WHERE resident_id = $1 AND template_id = $2",
                Tuple.of(residentId, templateId));
        return rows.isEmpty() ? 0 : rows.get(0).getInteger("remaining");
    }

    void wrote(String mpOpenid, Instant at) {
        await(() -> kefuWindow.recordInbound(mpOpenid, at));
    }

    PassReport drain() {
        return worker.engine().drain().await().atMost(WAIT);
    }

    /** For other features' tests: one worker pass over everything due, as the scheduled worker would do. */
    public void deliverDue() {
        drain();
    }

    /** Makes the source's pending deliveries due now (skipping backoff and pauses). */
    void makeDue(String ref) {
        sql("UPDATE push_delivery SET next_attempt_at = now() WHERE status = 'PENDING'"
                + " AND message_id = (SELECT id FROM push_message WHERE source_ref = $1)", Tuple.of(ref));
    }

    Row delivery(String ref, long residentId) {
        return one("""
                SELECT d.* FROM push_delivery d JOIN push_message m ON m.id = d.message_id
                 WHERE m.source_ref = $1 AND d.resident_id = $2""", Tuple.of(ref, residentId));
    }

    String status(String ref, long residentId) {
        return delivery(ref, residentId).getString("status");
    }

    Map<String, Long> statuses(String ref) {
        Map<String, Long> counts = new HashMap<>();
        rows("""
                SELECT d.status, count(*) AS n FROM push_delivery d JOIN push_message m ON m.id = d.message_id
                 WHERE m.source_ref = $1 GROUP BY d.status""", Tuple.of(ref))
                .forEach(r -> counts.put(r.getString("status"), r.getLong("n")));
        return counts;
    }

    List<Row> attempts(String ref, long residentId) {
        return rows("""
                SELECT a.* FROM push_attempt a JOIN push_delivery d ON d.id = a.delivery_id
                  JOIN push_message m ON m.id = d.message_id
                 WHERE m.source_ref = $1 AND d.resident_id = $2 ORDER BY a.id""", Tuple.of(ref, residentId));
    }

    long count(String sql, Tuple params) {
        return one(sql, params).getLong(0);
    }

    void sql(String sql) {
        await(() -> pool.query(sql).execute());
    }

    void sql(String sql, Tuple params) {
        await(() -> pool.preparedQuery(sql).execute(params));
    }

    List<Row> rows(String sql, Tuple params) {
        List<Row> rows = new ArrayList<>();
        await(() -> pool.preparedQuery(sql).execute(params)).forEach(rows::add);
        return rows;
    }

    Row one(String sql, Tuple params) {
        List<Row> rows = rows(sql, params);
        if (rows.size() != 1) {
            throw new IllegalStateException("expected one row, got " + rows.size() + " for " + sql);
        }
        return rows.get(0);
    }

    /** Runs a pipeline on a Vert.x context (Hibernate Reactive needs one) and waits for it. */
    static <T> T await(Supplier<Uni<T>> pipeline) {
        try {
            return VertxContextSupport.subscribeAndAwait(pipeline);
        } catch (Throwable e) {
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e);
        }
    }
}
