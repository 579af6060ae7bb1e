package org.linli.meeting;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import org.linli.support.Api;
import org.linli.wechat.fake.FakeWechat;
import org.linli.wechat.fake.FakeWechatServer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/**
 * A fresh community per test, imported from a roster: 第一网格 holds 1号楼 (two units), 第二网格 holds 2号楼 and
 * 3号楼. Every household has its roster owner (VERIFIED, no WeChat); test residents log in through the fake
 * Mini-Program login, get an Official Account openid too, and are bound VERIFIED straight in the database.
 */
final class MeetingWorld {

    static final String ROSTER = """
            楼栋,单元,房号,面积,业主姓名,电话,网格
            1号楼,1单元,101,89.5,张一,13900001111,第一网格
            1号楼,1单元,102,76,张二,,第一网格
            1号楼,2单元,201,90,张三,,第一网格
            2号楼,1单元,101,120,李四,,第二网格
            2号楼,1单元,102,100,李五,,第二网格
            3号楼,1单元,301,100,王六,,第二网格
            """;

    record Resident(String token, long id, String mpOpenid) {
    }

    final String admin;
    final long community;
    final String committee;
    final Map<String, Long> grids = new HashMap<>();
    final Map<String, Long> buildings = new HashMap<>();
    /** "1号楼/1单元/101" */
    final Map<String, Long> households = new HashMap<>();

    private MeetingWorld() {
        admin = Api.adminToken();
        community = Api.newCommunity(admin);
        committee = Api.newStaff(admin, community, "COMMITTEE");
        Api.as(committee).contentType("text/csv").body(ROSTER.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/communities/" + community + "/roster").then().statusCode(200);
        rows("select id, name from grid where community_id = $1", Tuple.of(community))
                .forEach(r -> grids.put(r.getString("name"), r.getLong("id")));
        rows("select id, name from building where community_id = $1", Tuple.of(community))
                .forEach(r -> buildings.put(r.getString("name"), r.getLong("id")));
        rows("select h.id, b.name || '/' || u.name || '/' || h.room as k from household h join building_unit u"
                + " on u.id = h.unit_id join building b on b.id = u.building_id where h.community_id = $1",
                Tuple.of(community)).forEach(r -> households.put(r.getString("k"), r.getLong("id")));
    }

    static MeetingWorld create() {
        return new MeetingWorld();
    }

    /** A staff member with one narrow role (GRID_WORKER with a grid, BUILDING_LEADER with a building). */
    String staff(String role, Long gridId, Long buildingId) {
        String username = Api.unique("m");
        Map<String, Object> body = new HashMap<>(Map.of("username", username, "displayName", "工作人员",
                "password", "secret-pass-1", "role", role));
        if (gridId != null) {
            body.put("gridId", gridId);
        }
        if (buildingId != null) {
            body.put("buildingId", buildingId);
        }
        Api.as(admin).body(body).post("/api/v1/communities/" + community + "/staff").then().statusCode(201);
        return Api.staffToken(username, "secret-pass-1");
    }

    /** A resident (Mini-Program session, Official Account openid) VERIFIED in these households. */
    Resident resident(String displayName, String... householdKeys) {
        String openid = Api.unique("openid-");
        FakeWechatServer wechat = Arc.container().instance(FakeWechat.class).get().fake().orElseThrow();
        wechat.registerCode("code-" + openid, openid, null);
        Response login = given().contentType(ContentType.JSON).body(Map.of("code", "code-" + openid))
                .post("/api/v1/auth/mini");
        login.then().statusCode(200);
        long id = ((Number) login.path("id")).longValue();
        String mp = "mp-" + openid;
        rows("update resident set mp_openid = $1, display_name = $2, phone_masked = '139****1111' where id = $3",
                Tuple.of(mp, displayName, id));
        for (String key : householdKeys) {
            bind(id, household(key));
        }
        return new Resident(login.path("token"), id, mp);
    }

    void bind(long residentId, long householdId) {
        rows("insert into membership (community_id, household_id, resident_id, role, status, source, verified_at)"
                + " values ($1, $2, $3, 'FAMILY', 'VERIFIED', 'STAFF', now())",
                Tuple.of(community, householdId, residentId));
    }

    long household(String key) {
        Long id = households.get(key);
        if (id == null) {
            throw new IllegalArgumentException("No household " + key + " in " + households.keySet());
        }
        return id;
    }

    /** Roster owners of these households. */
    List<Long> owners(String... householdKeys) {
        List<Long> ids = new ArrayList<>();
        for (String key : householdKeys) {
            rows("select resident_id from membership where household_id = $1 and source = 'ROSTER'",
                    Tuple.of(household(key))).forEach(r -> ids.add(r.getLong("resident_id")));
        }
        return ids;
    }

    /** Residents with a delivery of this push message, and its kind. */
    List<Long> pushedTo(String sourceRef) {
        return rows("select d.resident_id from push_delivery d join push_message m on m.id = d.message_id"
                + " where m.source_ref = $1 order by d.resident_id", Tuple.of(sourceRef))
                .stream().map(r -> r.getLong("resident_id")).toList();
    }

    String pushKind(String sourceRef) {
        return rows("select kind from push_message where source_ref = $1", Tuple.of(sourceRef)).get(0).getString("kind");
    }

    List<String> deliveryStatuses(String sourceRef) {
        return rows("select distinct d.status from push_delivery d join push_message m on m.id = d.message_id"
                + " where m.source_ref = $1", Tuple.of(sourceRef)).stream().map(r -> r.getString("status")).toList();
    }

    long attendanceRows(long meetingId) {
        return rows("select count(*) as n from meeting_invitee where meeting_id = $1 and checked_in_at is not null",
                Tuple.of(meetingId)).get(0).getLong("n");
    }

    // --- requests ------------------------------------------------------------------------------------------------

    String path() {
        return "/api/v1/communities/" + community + "/meetings";
    }

    String path(long meetingId) {
        return path() + "/" + meetingId;
    }

    static Map<String, Object> draft(String title, String startsAt, Map<String, Object> scope, List<Long> invitees) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("title", title);
        d.put("startsAt", startsAt);
        d.put("place", "社区活动室");
        d.put("agenda", "1. 加装电梯方案\n2. 费用分摊");
        if (scope != null) {
            d.put("scope", scope);
        }
        if (invitees != null) {
            d.put("inviteeIds", invitees);
        }
        return d;
    }

    static Map<String, Object> scope(String kind, Long... ids) {
        return ids.length == 0 ? Map.of("kind", kind) : Map.of("kind", kind, "ids", List.of(ids));
    }

    Response create(String token, Map<String, Object> draft) {
        return Api.as(token).body(draft).post(path());
    }

    long created(Map<String, Object> draft) {
        Response r = create(committee, draft);
        r.then().statusCode(201);
        return ((Number) r.path("id")).longValue();
    }

    static <T> T await(java.util.function.Supplier<io.smallrye.mutiny.Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw new AssertionError("Reactive call failed", e);
        }
    }

    static List<Row> rows(String sql, Tuple args) {
        Pool pool = Arc.container().instance(Pool.class).get();
        try {
            return VertxContextSupport.subscribeAndAwait(() -> pool.preparedQuery(sql).execute(args).map(rs -> {
                List<Row> list = new ArrayList<>();
                rs.forEach(list::add);
                return list;
            }));
        } catch (Throwable e) {
            throw new AssertionError("Database access failed", e);
        }
    }
}
