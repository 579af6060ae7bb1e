package org.linli.bot;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.redis.datasource.RedisDataSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Test fixtures for the bot: a household per test (community → building → unit → household), residents bound to
 * it with a given status, invite codes, and ways to talk to the bot as the gateway will (on a Vert.x context).
 */
@ApplicationScoped
public class BotWorld {

    private final Pool pool;
    private final Conversations conversations;
    private final RedisDataSource redis;

    BotWorld(Pool pool, Conversations conversations, RedisDataSource redis) {
        this.pool = pool;
        this.conversations = conversations;
        this.redis = redis;
    }

    /** A fresh community with one household (3号楼 2单元 301). */
    public record Home(long communityId, String communityName, long householdId) {
    }

    public static String newOpenid() {
        return "o-test-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    public Home home() {
        String code = "B" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String name = "测试社区" + code.substring(1, 5);
        Row row = one("""
                WITH c AS (INSERT INTO community (code, name) VALUES ($1, $2) RETURNING id),
                     b AS (INSERT INTO building (community_id, name) SELECT id, '3号楼' FROM c RETURNING id, community_id),
                     u AS (INSERT INTO building_unit (community_id, building_id, name)
                           SELECT community_id, id, '2单元' FROM b RETURNING id, community_id)
                INSERT INTO household (community_id, unit_id, room, floor_area, area_source)
                SELECT community_id, id, '301', 88.5, 'REGISTRY' FROM u RETURNING id, community_id
                """, Tuple.of(code, name));
        return new Home(row.getLong("community_id"), name, row.getLong("id"));
    }

    /** A resident with this openid and a membership of the home in that status (VERIFIED, PENDING, ...). */
    public long resident(String openid, Home home, String status) {
        long id = one("INSERT INTO resident (community_id, display_name, mp_openid) VALUES ($1, '测试居民', $2)"
                + " RETURNING id", Tuple.of(home.communityId(), openid)).getLong("id");
        run("INSERT INTO membership (community_id, household_id, resident_id, role, status, source) VALUES"
                + " ($1, $2, $3, 'OWNER', $4, 'STAFF')", Tuple.of(home.communityId(), home.householdId(), id, status));
        return id;
    }

    public long verifiedResident(String openid) {
        return resident(openid, home(), "VERIFIED");
    }

    /** An ACTIVE invite code for the home (the roster's alphabet and length), valid for a day. */
    public String inviteCode(Home home) {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        java.util.Random random = new java.util.Random();
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            code.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        run("INSERT INTO invite_code (community_id, household_id, code, status, expires_at) VALUES"
                + " ($1, $2, $3, 'ACTIVE', now() + interval '1 day')",
                Tuple.of(home.communityId(), home.householdId(), code.toString()));
        return code.toString();
    }

    public Long residentId(String openid) {
        List<Row> rows = rows("SELECT id FROM resident WHERE mp_openid = $1", Tuple.of(openid));
        return rows.isEmpty() ? null : rows.get(0).getLong("id");
    }

    /** The threads the resident of this openid raised: ref_no, status, description, location, photo. */
    public List<Row> threadsOf(String openid) {
        return rows("SELECT t.*, p.media_id AS photo_media_id, p.url AS photo_url FROM consultation_thread t"
                + " JOIN resident r ON r.id = t.resident_id LEFT JOIN LATERAL (SELECT media_id, url FROM thread_photo"
                + " WHERE thread_id = t.id ORDER BY id LIMIT 1) p ON true"
                + " WHERE r.mp_openid = $1 ORDER BY t.id", Tuple.of(openid));
    }

    public List<Row> membershipsOf(String openid) {
        return rows("SELECT m.* FROM membership m JOIN resident r ON r.id = m.resident_id WHERE r.mp_openid = $1",
                Tuple.of(openid));
    }

    public Map<String, String> stateHash(String openid) {
        return redis.hash(String.class).hgetall(ConversationStore.key(openid));
    }


    // ------------------------------------------------------------------------------------------ talking

    public Reply send(IncomingMessage message) {
        return await(() -> conversations.handle(message));
    }

    public Reply send(Conversations engine, IncomingMessage message) {
        return await(() -> engine.handle(message));
    }

    public Reply say(String openid, String text) {
        return send(IncomingMessage.text(openid, text));
    }

    public static IncomingMessage voice(String openid, String text) {
        return new IncomingMessage(openid, IncomingMessage.Kind.VOICE, text, null, null, "voice-media", null,
                Instant.now());
    }

    public static IncomingMessage event(String openid, IncomingMessage.Kind kind, String key) {
        return new IncomingMessage(openid, kind, null, key, null, null, null, Instant.now());
    }

    public static IncomingMessage click(String openid, String key) {
        return event(openid, IncomingMessage.Kind.MENU_CLICK, key);
    }

    public static IncomingMessage location(String openid, double lat, double lng, String label) {
        return new IncomingMessage(openid, IncomingMessage.Kind.LOCATION, null, null,
                new IncomingMessage.Location(lat, lng, label), null, null, Instant.now());
    }

    public static IncomingMessage image(String openid) {
        return new IncomingMessage(openid, IncomingMessage.Kind.IMAGE, null, null, null,
                "media-" + UUID.randomUUID(), "https://mmbiz.qpic.cn/test/photo.jpg", Instant.now());
    }

    // ------------------------------------------------------------------------------------------ plumbing

    private Row one(String sql, Tuple args) {
        return rows(sql, args).get(0);
    }

    private void run(String sql, Tuple args) {
        rows(sql, args);
    }

    private List<Row> rows(String sql, Tuple args) {
        return await(() -> pool.preparedQuery(sql).execute(args).map(rs -> {
            List<Row> list = new ArrayList<>();
            rs.forEach(list::add);
            return list;
        }));
    }

    public static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
