package org.linli.thread;

import io.quarkus.arc.Arc;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import org.linli.community.Building;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;

/**
 * A fresh community per test from a roster: 第一网格 holds 1号楼, 第二网格 holds 2号楼. A grid worker per grid, a
 * building leader of 2号楼 and a committee member; residents log in through the fake Mini-Program login.
 */
public final class ThreadWorld {

    static final String ROSTER = """
            楼栋,单元,房号,面积,业主姓名,电话,网格
            1号楼,1单元,101,89.5,张一,,第一网格
            1号楼,1单元,102,76,张二,,第一网格
            2号楼,1单元,101,120,李四,,第二网格
            2号楼,1单元,102,100,李五,,第二网格
            """;

    /** username: for the console login (password secret-pass-1), null when made elsewhere. */
    public record Staff(String token, long id, String username) {
        Staff(String token, long id) {
            this(token, id, null);
        }
    }

    public record Resident(String token, long id, String openid) {
    }

    public final String admin;
    public final long community;
    public final String code;
    public final Staff committee;
    public final Map<String, Long> grids = new HashMap<>();
    public final Map<String, Long> buildings = new HashMap<>();
    public final Map<String, Long> households = new HashMap<>();
    public final Staff worker1;
    public final Staff worker2;
    public final Staff leader2;

    private ThreadWorld(String admin) {
        this.admin = admin;
        this.community = Api.newCommunity(admin);
        this.code = Api.as(admin).get("/api/v1/communities/" + community).path("code");
        this.committee = staff("COMMITTEE", null, null);
        given().header("Authorization", "Bearer " + committee.token()).contentType("text/csv")
                .body(ROSTER.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/communities/" + community + "/roster").then().statusCode(200);
        db(() -> Grid.<Grid>list("communityId", community)).forEach(g -> grids.put(g.name, g.id));
        Map<Long, String> buildingName = new HashMap<>();
        db(() -> Building.<Building>list("communityId", community)).forEach(b -> {
            buildings.put(b.name, b.id);
            buildingName.put(b.id, b.name);
        });
        List<Object[]> rows = db(() -> Panache.getSession().chain(s -> s.createSelectionQuery(
                "select h.id, u.buildingId, h.room from Household h, BuildingUnit u where u.id = h.unitId"
                        + " and h.communityId = ?1", Object[].class).setParameter(1, community).getResultList()));
        rows.forEach(r -> households.put(buildingName.get((Long) r[1]) + "/" + r[2], (Long) r[0]));
        this.worker1 = staff("GRID_WORKER", grids.get("第一网格"), null);
        this.worker2 = staff("GRID_WORKER", grids.get("第二网格"), null);
        this.leader2 = staff("BUILDING_LEADER", null, buildings.get("2号楼"));
    }

    public static ThreadWorld create() {
        return new ThreadWorld(Api.adminToken());
    }

    public Staff staff(String role, Long gridId, Long buildingId) {
        String username = Api.unique("t");
        Map<String, Object> body = new HashMap<>(Map.of("username", username, "displayName", "王" + role.length(),
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
        return new Staff(login.path("token"), ((Number) login.path("id")).longValue(), username);
    }

    /** A Mini-Program resident with a VERIFIED membership in the household ("1号楼/101"). */
    public Resident resident(String household) {
        String openid = Api.unique("tho-");
        FakeWechatServer wechat = fake();
        wechat.registerCode("code-" + openid, openid, null);
        Response login = given().contentType(ContentType.JSON).body(Map.of("code", "code-" + openid))
                .post("/api/v1/auth/mini");
        login.then().statusCode(200);
        Resident r = new Resident(login.path("token"), ((Number) login.path("id")).longValue(), openid);
        long h = households.get(household);
        db(() -> Panache.withTransaction(() -> {
            Membership m = new Membership();
            m.communityId = community;
            m.householdId = h;
            m.residentId = r.id();
            m.role = MembershipRole.FAMILY;
            m.status = MembershipStatus.VERIFIED;
            m.source = MembershipSource.STAFF;
            m.verifiedBy = committee.id();
            m.verifiedAt = OffsetDateTime.now();
            return m.persist();
        }));
        return r;
    }

    /** A new session for the resident (moving the clock by days ends sessions, as it should). */
    Resident relogin(Resident r) {
        String code = Api.unique("code-");
        fake().registerCode(code, r.openid(), null);
        Response login = given().contentType(ContentType.JSON).body(Map.of("code", code)).post("/api/v1/auth/mini");
        login.then().statusCode(200);
        return new Resident(login.path("token"), r.id(), r.openid());
    }

    static FakeWechatServer fake() {
        return Arc.container().instance(FakeWechat.class).get().fake().orElseThrow();
    }

    static Map<String, Object> raise(String description, String visibility) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("description", description);
        body.put("visibility", visibility);
        return body;
    }

    /** Raises through the Mini-Program API, answers the new thread's id. */
    public long raised(Resident r, String description, String visibility) {
        Response resp = Api.as(r.token()).body(raise(description, visibility)).post("/api/v1/threads");
        resp.then().statusCode(201);
        return ((Number) resp.path("thread.id")).longValue();
    }

    String staffPath(long threadId) {
        return "/api/v1/communities/" + community + "/threads/" + threadId;
    }

    public Response act(Staff s, long threadId, String action, Map<String, Object> body) {
        return Api.as(s.token()).body(body).post(staffPath(threadId) + "/" + action);
    }

    /** Accept (by the first grid worker), start and resolve; answers nothing, asserts each step. */
    public void resolved(long threadId, Staff by) {
        act(by, threadId, "accept", Map.of()).then().statusCode(200);
        act(by, threadId, "start", Map.of()).then().statusCode(200);
        act(by, threadId, "resolve", Map.of("result", "已更换灯泡，恢复照明。")).then().statusCode(200);
    }

    static <T> T db(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(work));
        } catch (Throwable e) {
            throw new AssertionError("Database access failed", e);
        }
    }
}
