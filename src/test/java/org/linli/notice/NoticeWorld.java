package org.linli.notice;

import io.quarkus.arc.Arc;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import org.linli.community.Building;
import org.linli.community.BuildingUnit;
import org.linli.community.Grid;
import org.linli.community.Household;
import org.linli.community.Membership;
import org.linli.community.MembershipRole;
import org.linli.community.MembershipSource;
import org.linli.community.MembershipStatus;
import org.linli.support.Api;
import org.linli.wechat.fake.FakeWechat;
import org.linli.wechat.fake.FakeWechatServer;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;

/**
 * A fresh community per test, imported from a roster: 第一网格 holds 1号楼 (two units), 第二网格 holds 2号楼 and
 * 3号楼. Every household has its roster owner (VERIFIED, no WeChat); residents who log in through the fake WeChat
 * server are bound with VERIFIED (or PENDING) memberships straight in the database.
 */
final class NoticeWorld {

    static final String ROSTER = """
            楼栋,单元,房号,面积,业主姓名,电话,网格
            1号楼,1单元,101,89.5,张一,,第一网格
            1号楼,1单元,102,76,张二,,第一网格
            1号楼,2单元,201,90,张三,,第一网格
            2号楼,1单元,101,120,李四,,第二网格
            2号楼,1单元,102,100,李五,,第二网格
            3号楼,1单元,301,100,王六,,第二网格
            """;
    static final int HOUSEHOLDS = 6;

    record Staff(String token, long id) {
    }

    record Resident(String token, long id) {
    }

    final String admin;
    final long community;
    final Staff committee;
    final Map<String, Long> grids = new HashMap<>();
    final Map<String, Long> buildings = new HashMap<>();
    /** "1号楼/2单元" */
    final Map<String, Long> units = new HashMap<>();
    /** "1号楼/1单元/101" */
    final Map<String, Long> households = new HashMap<>();

    private NoticeWorld(String admin) {
        this.admin = admin;
        this.community = Api.newCommunity(admin);
        this.committee = staff("COMMITTEE", null, null);
        given().header("Authorization", "Bearer " + committee.token()).contentType("text/csv")
                .body(ROSTER.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/communities/" + community + "/roster").then().statusCode(200);
        db(() -> Grid.<Grid>list("communityId", community)).forEach(g -> grids.put(g.name, g.id));
        List<Building> bs = db(() -> Building.list("communityId", community));
        bs.forEach(b -> buildings.put(b.name, b.id));
        Map<Long, String> buildingName = new HashMap<>();
        bs.forEach(b -> buildingName.put(b.id, b.name));
        List<BuildingUnit> us = db(() -> BuildingUnit.list("communityId", community));
        Map<Long, String> unitName = new HashMap<>();
        us.forEach(u -> {
            unitName.put(u.id, buildingName.get(u.buildingId) + "/" + u.name);
            units.put(buildingName.get(u.buildingId) + "/" + u.name, u.id);
        });
        db(() -> Household.<Household>list("communityId", community))
                .forEach(h -> households.put(unitName.get(h.unitId) + "/" + h.room, h.id));
    }

    static NoticeWorld create() {
        return new NoticeWorld(Api.adminToken());
    }

    /** A staff member with one role here (optionally narrowed to a grid or building), logged in. */
    Staff staff(String role, Long gridId, Long buildingId) {
        String username = Api.unique("n");
        Map<String, Object> body = new HashMap<>(Map.of("username", username, "displayName", "工作人员",
                "password", "secret-pass-1", "role", role));
        if (gridId != null) {
            body.put("gridId", gridId);
        }
        if (buildingId != null) {
            body.put("buildingId", buildingId);
        }
        Api.as(admin).body(body).post("/api/v1/communities/" + community + "/staff").then().statusCode(201);
        Response login = given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", "secret-pass-1")).post("/api/v1/auth/staff");
        login.then().statusCode(200);
        return new Staff(login.path("token"), ((Number) login.path("id")).longValue());
    }

    /** A resident logged in through the Mini-Program with VERIFIED memberships in these households. */
    Resident resident(String... householdKeys) {
        Resident r = login();
        for (String key : householdKeys) {
            bind(r.id(), household(key), MembershipStatus.VERIFIED);
        }
        return r;
    }

    static Resident login() {
        String openid = Api.unique("openid-");
        FakeWechatServer wechat = Arc.container().instance(FakeWechat.class).get().fake().orElseThrow();
        wechat.registerCode("code-" + openid, openid, null);
        Response login = given().contentType(ContentType.JSON).body(Map.of("code", "code-" + openid))
                .post("/api/v1/auth/mini");
        login.then().statusCode(200);
        return new Resident(login.path("token"), ((Number) login.path("id")).longValue());
    }

    void bind(long residentId, long householdId, MembershipStatus status) {
        db(() -> Panache.withTransaction(() -> {
            Membership m = new Membership();
            m.communityId = community;
            m.householdId = householdId;
            m.residentId = residentId;
            m.role = MembershipRole.FAMILY;
            m.status = status;
            m.source = MembershipSource.STAFF;
            m.verifiedBy = committee.id();
            m.verifiedAt = status == MembershipStatus.VERIFIED ? OffsetDateTime.now() : null;
            return m.persist();
        }));
    }

    long household(String key) {
        Long id = households.get(key);
        if (id == null) {
            throw new IllegalArgumentException("No household " + key + " in " + households.keySet());
        }
        return id;
    }

    /** Roster owners (VERIFIED) of these households, by resident id. */
    List<Long> owners(String... householdKeys) {
        List<Long> ids = new ArrayList<>();
        for (String key : householdKeys) {
            long h = household(key);
            ids.addAll(db(() -> Membership.<Membership>list("householdId = ?1 and source = ?2", h, MembershipSource.ROSTER))
                    .stream().map(m -> m.residentId).toList());
        }
        return ids;
    }

    // --- requests ------------------------------------------------------------------------------------------------

    static Map<String, Object> scope(String kind, Long... ids) {
        return Map.of("kind", kind, "ids", Arrays.asList(ids));
    }

    static Map<String, Object> wholeCommunity() {
        return Map.of("kind", "COMMUNITY");
    }

    /** A valid draft to adjust: a plain-text 停水 notice to the given scope. */
    static Map<String, Object> draft(String title, Map<String, Object> scope) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("title", title);
        d.put("body", "明天 9:00-17:00 停水，请提前储水。");
        d.put("category", "UTILITIES");
        d.put("scope", scope);
        return d;
    }

    Response publish(String token, Map<String, Object> draft) {
        return Api.as(token).body(draft).post("/api/v1/communities/" + community + "/notices");
    }

    /** Publishes as the committee and returns the new notice's id. */
    long published(Map<String, Object> draft) {
        Response r = publish(committee.token(), draft);
        r.then().statusCode(201);
        return ((Number) r.path("notice.id")).longValue();
    }

    String staffPath(long noticeId) {
        return "/api/v1/communities/" + community + "/notices/" + noticeId;
    }

    static List<Long> ids(Response r, String path) {
        List<Number> raw = r.path(path);
        return raw.stream().map(Number::longValue).toList();
    }

    /** Runs reactive work on a Vert.x context with a Panache session and waits for it. */
    static <T> T db(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(work));
        } catch (Throwable e) {
            throw new AssertionError("Database access failed", e);
        }
    }
}
