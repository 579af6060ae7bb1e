package org.linli.poll;

import io.quarkus.arc.Arc;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import org.linli.community.Building;
import org.linli.community.BuildingUnit;
import org.linli.community.Grid;
import org.linli.community.Household;
import org.linli.community.AreaSource;
import org.linli.community.Membership;
import org.linli.community.MembershipRole;
import org.linli.community.MembershipSource;
import org.linli.community.MembershipStatus;
import org.linli.support.Api;
import org.linli.support.MovableClock;
import org.linli.wechat.fake.FakeWechat;
import org.linli.wechat.fake.FakeWechatServer;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;

/**
 * A fresh community per test. 1号楼 (第一网格), one unit, the flats of CountingRulesTest's building: 101 and 102
 * (50.00 each) owned by A, 201 (100.00) co-owned by B and C, 202 D, 301 E, 302 F (100.00 each, F's flat also has
 * a tenant T), 401 and 402 (50.00 each) unsold, the developer's. 2号楼 (第二网格): 101 and 102 (90.00) owned by G, H.
 * Owners are residents logged in through the fake WeChat server, bound straight in the database.
 */
public final class PollWorld {

    public record Person(String token, long id, String login) {
    }

    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    public final String admin;
    public final long community;
    public final String code;
    public Person committee;
    public final long grid1;
    public final long building1;
    public final long building2;
    public final long unit1;
    public final Map<String, Long> households = new LinkedHashMap<>();
    public final Map<String, Person> people = new HashMap<>();

    public PollWorld() {
        admin = Api.adminToken();
        code = Api.unique("P");
        community = ((Number) Api.as(admin).body(Map.of("code", code, "name", "投票测试社区"))
                .post("/api/v1/communities").then().statusCode(201).extract().path("id")).longValue();
        committee = staff("COMMITTEE", null);
        grid1 = db(() -> Panache.withTransaction(() -> grid("第一网格")));
        long grid2 = db(() -> Panache.withTransaction(() -> grid("第二网格")));
        building1 = db(() -> Panache.withTransaction(() -> building("1号楼", grid1)));
        building2 = db(() -> Panache.withTransaction(() -> building("2号楼", grid2)));
        unit1 = db(() -> Panache.withTransaction(() -> unit(building1, "1单元")));
        long unit2 = db(() -> Panache.withTransaction(() -> unit(building2, "1单元")));
        for (String[] h : new String[][]{{"101", "50.00"}, {"102", "50.00"}, {"201", "100.00"}, {"202", "100.00"},
                {"301", "100.00"}, {"302", "100.00"}, {"401", "50.00"}, {"402", "50.00"}}) {
            households.put("1-" + h[0], household(unit1, h[0], h[1]));
        }
        households.put("2-101", household(unit2, "101", "90.00"));
        households.put("2-102", household(unit2, "102", "90.00"));
        owner("A", MembershipRole.OWNER, "1-101", "1-102");
        owner("B", MembershipRole.OWNER, "1-201");
        owner("C", MembershipRole.CO_OWNER, "1-201");
        owner("D", MembershipRole.OWNER, "1-202");
        owner("E", MembershipRole.OWNER, "1-301");
        owner("F", MembershipRole.OWNER, "1-302");
        owner("T", MembershipRole.TENANT, "1-302");
        owner("G", MembershipRole.OWNER, "2-101");
        owner("H", MembershipRole.OWNER, "2-102");
        long a = households.get("1-401");
        long b = households.get("1-402");
        db(() -> Arc.container().instance(org.linli.community.ElectorateRoster.class).get()
                .markDeveloperHeld(community, List.of(a, b), true));
    }

    public Person person(String name) {
        return people.get(name);
    }

    /** A staff member with one role here, optionally narrowed to a building. */
    public Person staff(String role, Long buildingId) {
        String username = Api.unique("p");
        Map<String, Object> body = new HashMap<>(Map.of("username", username, "displayName", "工作人员",
                "password", "secret-pass-1", "role", role));
        if (buildingId != null) {
            body.put("buildingId", buildingId);
        }
        Api.as(admin).body(body).post("/api/v1/communities/" + community + "/staff").then().statusCode(201);
        Response login = given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", "secret-pass-1")).post("/api/v1/auth/staff");
        login.then().statusCode(200);
        return new Person(login.path("token"), ((Number) login.path("id")).longValue(), username);
    }

    public static Person login() {
        return login(Api.unique("openid-"));
    }

    /** Sessions end after linli.auth.session-max-age of clock time: after moving the clock far, log in again. */
    public void relogin() {
        committee = new Person(Api.staffToken(committee.login(), "secret-pass-1"), committee.id(), committee.login());
        people.replaceAll((name, p) -> login(p.login()));
    }

    public static Person login(String openid) {
        FakeWechatServer wechat = Arc.container().instance(FakeWechat.class).get().fake().orElseThrow();
        String code = Api.unique("code-");
        wechat.registerCode(code, openid, null);
        Response login = given().contentType(ContentType.JSON).body(Map.of("code", code))
                .post("/api/v1/auth/mini");
        login.then().statusCode(200);
        return new Person(login.path("token"), ((Number) login.path("id")).longValue(), openid);
    }

    public Person owner(String name, MembershipRole role, String... keys) {
        Person p = login();
        for (String key : keys) {
            bind(p.id(), households.get(key), role);
        }
        people.put(name, p);
        return p;
    }

    public void bind(long residentId, long householdId, MembershipRole role) {
        db(() -> Panache.withTransaction(() -> {
            Membership m = new Membership();
            m.communityId = community;
            m.householdId = householdId;
            m.residentId = residentId;
            m.role = role;
            m.status = MembershipStatus.VERIFIED;
            m.source = MembershipSource.STAFF;
            m.verifiedBy = committee.id();
            m.verifiedAt = OffsetDateTime.now();
            return m.persist();
        }));
    }

    public long household(long unitId, String room, String area) {
        return db(() -> Panache.withTransaction(() -> {
            Household h = new Household();
            h.communityId = community;
            h.unitId = unitId;
            h.room = room;
            h.floorArea = new BigDecimal(area);
            h.areaSource = AreaSource.REGISTRY;
            h.updatedAt = OffsetDateTime.now();
            return h.<Household>persist().map(x -> x.id);
        }));
    }

    private Uni<Long> grid(String name) {
        Grid g = new Grid();
        g.communityId = community;
        g.name = name;
        return g.<Grid>persist().map(x -> x.id);
    }

    private Uni<Long> building(String name, long gridId) {
        Building b = new Building();
        b.communityId = community;
        b.gridId = gridId;
        b.name = name;
        return b.<Building>persist().map(x -> x.id);
    }

    private Uni<Long> unit(long buildingId, String name) {
        BuildingUnit u = new BuildingUnit();
        u.communityId = community;
        u.buildingId = buildingId;
        u.name = name;
        return u.<BuildingUnit>persist().map(x -> x.id);
    }

    // --- polls -----------------------------------------------------------------------------------------------

    public static OffsetDateTime now() {
        return OffsetDateTime.now(clock()).withNano(0);
    }

    public static MovableClock clock() {
        return Arc.container().instance(MovableClock.class).get();
    }

    public static Map<String, Object> approval(String text) {
        return Map.of("kind", "APPROVAL", "text", text);
    }

    public Map<String, Object> draft(String preset, Map<String, Object> scope, List<Map<String, Object>> questions,
                              Duration opensIn, Duration lasts) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("title", "关于更换物业公司的表决");
        d.put("background", "现物业合同将到期。");
        d.put("scope", scope);
        d.put("questions", questions);
        d.put("preset", preset);
        d.put("openAt", now().plus(opensIn).toString());
        d.put("closeAt", now().plus(opensIn).plus(lasts).toString());
        return d;
    }

    public Map<String, Object> building1Scope() {
        return Map.of("kind", "BUILDINGS", "ids", List.of(building1));
    }

    public String polls() {
        return "/api/v1/communities/" + community + "/polls";
    }

    public long create(String token, Map<String, Object> draft) {
        Response r = Api.as(token).body(draft).post(polls());
        r.then().statusCode(201);
        return ((Number) r.path("id")).longValue();
    }

    /** Creates, announces and opens (waiving the 公告期, recorded) a poll; answers its id. */
    public long opened(Map<String, Object> draft) {
        draft.put("noticeWaiver", "测试：业主大会已提前书面通知");
        draft.put("openAt", now().plusMinutes(1).toString());
        long id = create(committee.token(), draft);
        Api.as(committee.token()).post(polls() + "/" + id + "/announce").then().statusCode(200);
        Api.as(committee.token()).post(polls() + "/" + id + "/open").then().statusCode(200);
        return id;
    }

    public Response vote(String who, long pollId, Object... answers) {
        return Api.as(person(who).token()).body(Map.of("answers", answers(answers)))
                .post("/api/v1/polls/" + pollId + "/ballots");
    }

    public static List<List<Integer>> answers(Object... answers) {
        List<List<Integer>> list = new ArrayList<>();
        for (Object a : answers) {
            list.add(a instanceof List<?> l ? l.stream().map(x -> (Integer) x).toList() : List.of((Integer) a));
        }
        return list;
    }

    public static int pass() {
        PollSchedule schedule = Arc.container().instance(PollSchedule.class).get();
        return db(schedule::pass);
    }

    public static List<Row> sql(String sql, Object... params) {
        Pool pool = Arc.container().instance(Pool.class).get();
        try {
            List<Row> rows = new ArrayList<>();
            VertxContextSupport.subscribeAndAwait(() -> pool.preparedQuery(sql).execute(Tuple.from(java.util.Arrays.asList(params))))
                    .forEach(rows::add);
            return rows;
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    public static <T> T db(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(work));
        } catch (Throwable e) {
            throw new AssertionError("Database access failed", e);
        }
    }
}
