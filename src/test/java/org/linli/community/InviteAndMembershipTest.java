package org.linli.community;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.identity.Resident;
import org.linli.support.Api;
import org.linli.support.LinliInfra;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.linli.community.CommunityFixtures.db;
import static org.linli.community.CommunityFixtures.residentToken;
import static org.linli.community.CommunityFixtures.upload;
import static org.linli.community.CommunityFixtures.utf8;

@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class InviteAndMembershipTest {

    static final String ROSTER = """
            楼栋,单元,房号,面积,业主姓名,电话,网格
            1号楼,1单元,101,89.5,张三,13812345678,第一网格
            1号楼,1单元,102,76,张三,13812345678,第一网格
            2号楼,1单元,201,120,李四,,第二网格
            """;
    static final String CODE = "[A-HJ-NP-Z2-9]{8}";

    @TestHTTPResource("/")
    URI base;

    String admin;
    long community;
    CommunityFixtures.Staff committee;
    Map<String, Long> household = new HashMap<>();

    @BeforeEach
    void communityWithRoster() {
        admin = Api.adminToken();
        community = Api.newCommunity(admin);
        committee = CommunityFixtures.committee(admin, community);
        upload(committee.token(), community, utf8(ROSTER)).then().statusCode(200);
        List<Map<String, Object>> items = Api.as(committee.token())
                .get("/api/v1/communities/" + community + "/households").path("items");
        items.forEach(h -> household.put((String) h.get("room"), ((Number) h.get("id")).longValue()));
    }

    @Test
    void inviteCodeIsShortUnambiguousAndReplacesThePreviousOne() {
        Response first = issue(committee.token(), household.get("101"));
        first.then().statusCode(201).body("code", matchesPattern(CODE)).body("room", equalTo("101"));
        OffsetDateTime expires = OffsetDateTime.parse(first.path("expiresAt"));
        assertTrue(expires.isAfter(OffsetDateTime.now().plusDays(29)) && expires.isBefore(OffsetDateTime.now().plusDays(31)));

        String second = issue(committee.token(), household.get("101")).path("code");
        redeem(residentToken(), first.path("code"), "OWNER", "张三").then().statusCode(410)
                .body("code", equalTo("INVITE_REVOKED"));
        assertEquals(1L, (long) db(() -> InviteCode.count("householdId = ?1 and status = ?2",
                household.get("101"), InviteStatus.ACTIVE)));
        redeem(residentToken(), second, "OWNER", "张三").then().statusCode(201);
    }

    @Test
    void aBuildingsCodesComeOutInAddressOrderForPrinting() {
        long building1 = buildingId("1号楼");
        String oldCode = issue(committee.token(), household.get("101")).path("code");

        Api.as(committee.token()).queryParam("building", building1)
                .post("/api/v1/communities/" + community + "/invites").then().statusCode(201)
                .body("", hasSize(2)).body("room", equalTo(List.of("101", "102")))
                .body("[0].code", matchesPattern(CODE)).body("[0].building", equalTo("1号楼"));
        redeem(residentToken(), oldCode, "OWNER", "张三").then().statusCode(410);

        Api.as(committee.token()).post("/api/v1/communities/" + community + "/invites").then().statusCode(400);
        long elsewhere = Api.newCommunity(admin);
        upload(admin, elsewhere, utf8(ROSTER)).then().statusCode(200);
        long foreignBuilding = ((Number) Api.as(admin).get("/api/v1/communities/" + elsewhere + "/buildings")
                .path("[0].id")).longValue();
        Api.as(committee.token()).queryParam("building", foreignBuilding)
                .post("/api/v1/communities/" + community + "/invites").then().statusCode(404)
                .body("code", equalTo("BUILDING_NOT_FOUND"));
    }

    @Test
    void redeemingCreatesAPendingMembershipTheResidentCanSee() {
        String code = issue(committee.token(), household.get("201")).path("code");
        CommunityFixtures.ResidentSession session = CommunityFixtures.resident();
        long residentId = session.id();
        String resident = session.token();
        // Printed as ABCD-EFGH and typed in lower case: still the same code.
        String typed = code.substring(0, 4).toLowerCase() + "-" + code.substring(4);

        redeem(resident, typed, "TENANT", " 小明 ").then().statusCode(201)
                .body("status", equalTo("PENDING")).body("role", equalTo("TENANT"))
                .body("building", equalTo("2号楼")).body("room", equalTo("201"));

        Api.as(resident).get("/api/v1/me").then().statusCode(200)
                .body("id", equalTo((int) residentId)).body("displayName", equalTo("小明"))
                .body("memberships", hasSize(1)).body("memberships[0].room", equalTo("201"))
                .body("memberships[0].status", equalTo("PENDING"));
        Resident stored = db(() -> Resident.findById(residentId));
        assertEquals(community, stored.communityId);
        InviteCode used = db(() -> InviteCode.<InviteCode>find("code", code).singleResult());
        assertEquals(InviteStatus.USED, used.status);
        assertEquals(residentId, used.usedBy);

        redeem(residentToken(), code, "TENANT", "别人").then().statusCode(409).body("code", equalTo("INVITE_USED"));
        String another = issue(committee.token(), household.get("201")).path("code");
        redeem(resident, another, "FAMILY", "小明").then().statusCode(409).body("code", equalTo("ALREADY_MEMBER"));
        redeem(resident, "ZZZZ2222", "OWNER", "小明").then().statusCode(404).body("code", equalTo("INVITE_INVALID"));
    }

    @Test
    void expiredCodeIsRefused() {
        String code = issue(committee.token(), household.get("201")).path("code");
        db(() -> Panache.withTransaction(() -> InviteCode.update(
                "expiresAt = ?1 where code = ?2", OffsetDateTime.now().minusMinutes(1), code)));
        redeem(residentToken(), code, "OWNER", "李四").then().statusCode(410).body("code", equalTo("INVITE_EXPIRED"));
    }

    @Test
    void meShowsOnlyTheCallersOwnMemberships() {
        String mine = residentToken();
        String theirs = residentToken();
        redeem(theirs, issue(committee.token(), household.get("101")).path("code"), "FAMILY", "家人").then().statusCode(201);

        Api.as(mine).get("/api/v1/me").then().statusCode(200).body("memberships", hasSize(0));
        Api.as(committee.token()).get("/api/v1/me").then().statusCode(403).body("code", equalTo("RESIDENT_ONLY"));
        given().get("/api/v1/me").then().statusCode(401);
        redeem(committee.token(), "ABCDEFGH", "OWNER", "工作人员").then().statusCode(403);
    }

    @Test
    void twoResidentsRedeemingOneCodeAtOnceGiveExactlyOneWinner() throws Exception {
        String code = issue(committee.token(), household.get("201")).path("code");
        int contenders = 8;
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < contenders; i++) {
            tokens.add(residentToken());
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (String token : tokens) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return http.send(HttpRequest.newBuilder(base.resolve("api/v1/me/memberships"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"code\":\"" + code + "\",\"role\":\"TENANT\",\"displayName\":\"租户\"}"))
                            .build(), HttpResponse.BodyHandlers.ofString());
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> r = answer.get();
                statuses.add(r.statusCode());
                if (r.statusCode() != 201) {
                    assertTrue(r.body().contains("INVITE_USED"), r.body());
                }
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(contenders - 1, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1L, (long) db(() -> Membership.count("householdId = ?1 and source = ?2",
                household.get("201"), MembershipSource.INVITE)));
    }

    @Test
    void committeeApprovesAndRejectsPendingClaims() {
        String tenant = residentToken();
        String stranger = residentToken();
        redeem(tenant, issue(committee.token(), household.get("201")).path("code"), "TENANT", "王租户").then().statusCode(201);
        redeem(stranger, issue(committee.token(), household.get("102")).path("code"), "FAMILY", "路人").then().statusCode(201);

        Response pending = Api.as(committee.token()).get("/api/v1/communities/" + community + "/memberships");
        pending.then().statusCode(200).body("total", equalTo(2))
                .body("items[0].room", equalTo("201")).body("items[0].displayName", equalTo("王租户"))
                .body("items[0].status", equalTo("PENDING")).body("items[0].source", equalTo("INVITE"));
        long tenantClaim = ((Number) pending.path("items[0].id")).longValue();
        long strangerClaim = ((Number) pending.path("items[1].id")).longValue();

        decide(committee.token(), community, tenantClaim, "approve").then().statusCode(200)
                .body("membership.status", equalTo("VERIFIED")).body("membership.verifiedAt", notNullValue())
                .body("mergedRosterResidentId", nullValue());
        decide(committee.token(), community, strangerClaim, "reject").then().statusCode(200)
                .body("membership.status", equalTo("REJECTED"));

        decide(committee.token(), community, tenantClaim, "reject").then().statusCode(409)
                .body("code", equalTo("MEMBERSHIP_NOT_PENDING"));
        decide(committee.token(), community, strangerClaim, "approve").then().statusCode(409);
        decide(committee.token(), community, 987654321L, "approve").then().statusCode(404);

        Api.as(committee.token()).get("/api/v1/communities/" + community + "/memberships").then().body("total", equalTo(0));
        Api.as(committee.token()).queryParam("status", "VERIFIED").get("/api/v1/communities/" + community + "/memberships")
                .then().body("total", equalTo(4));
        Api.as(tenant).get("/api/v1/me").then().body("memberships[0].status", equalTo("VERIFIED"));
        Api.as(stranger).get("/api/v1/me").then().body("memberships[0].status", equalTo("REJECTED"));
        Membership approved = db(() -> Membership.findById(tenantClaim));
        assertEquals(committee.id(), approved.verifiedBy);
    }

    @Test
    void theSameDisplayNameAloneFoldsNothing() {
        // Issue 8 §2: a claimant who redeemed 101's code with the display name of the roster owner of 101 and 102 was
        // VERIFIED on both after one approval and saw the owner's masked phone; the reviewer saw only 101.
        long slot = db(() -> Resident.<Resident>find("communityId = ?1 and displayName = ?2", community, "张三")
                .singleResult()).id;
        String claimant = residentToken();
        redeem(claimant, issue(committee.token(), household.get("101")).path("code"), "OWNER", "张三").then().statusCode(201);
        Response pending = Api.as(committee.token()).get("/api/v1/communities/" + community + "/memberships");
        // The reviewer sees what approving grants (only 101) and the roster owner they could confirm, with all rooms.
        pending.then().statusCode(200)
                .body("items[0].grants", equalTo(List.of("1号楼 1单元 101")))
                .body("items[0].rosterSlots", hasSize(1))
                .body("items[0].rosterSlots[0].residentId", equalTo((int) slot))
                .body("items[0].rosterSlots[0].samePhone", equalTo(false))
                .body("items[0].rosterSlots[0].rooms", equalTo(List.of("1号楼 1单元 101", "1号楼 1单元 102")));
        long claim = ((Number) pending.path("items[0].id")).longValue();

        decide(committee.token(), community, claim, "approve").then().statusCode(200)
                .body("membership.status", equalTo("VERIFIED"))
                .body("membership.phoneMasked", nullValue())
                .body("mergedRosterResidentId", nullValue());
        Api.as(claimant).get("/api/v1/me").then()
                .body("memberships.room", equalTo(List.of("101")))
                .body("phoneMasked", nullValue());
        assertEquals(2L, (long) db(() -> Membership.count("residentId = ?1 and status = ?2", slot, MembershipStatus.VERIFIED)));
    }

    @Test
    void aReviewerWhoConfirmsTheRosterOwnerFoldsTheSlotIntoTheClaimant() {
        long slot = db(() -> Resident.<Resident>find("communityId = ?1 and displayName = ?2", community, "张三")
                .singleResult()).id;
        String claimant = residentToken();
        redeem(claimant, issue(committee.token(), household.get("101")).path("code"), "OWNER", "张三").then().statusCode(201);
        long claim = ((Number) Api.as(committee.token()).get("/api/v1/communities/" + community + "/memberships")
                .path("items[0].id")).longValue();

        long otherSlot = db(() -> Resident.<Resident>find("communityId = ?1 and displayName = ?2", community, "李四")
                .singleResult()).id;
        Api.as(committee.token()).body(Map.of("foldRosterResidentId", otherSlot))
                .post("/api/v1/communities/" + community + "/memberships/" + claim + "/approve")
                .then().statusCode(400).body("code", equalTo("MEMBERSHIP_FOLD_UNKNOWN"));

        Api.as(committee.token()).body(Map.of("foldRosterResidentId", slot))
                .post("/api/v1/communities/" + community + "/memberships/" + claim + "/approve")
                .then().statusCode(200)
                .body("membership.status", equalTo("VERIFIED"))
                .body("membership.phoneMasked", equalTo("138****5678"))
                .body("mergedRosterResidentId", equalTo((int) slot));

        // The claimant now holds both of the owner's rooms; the slot holds nothing live and no phone.
        Api.as(claimant).get("/api/v1/me").then()
                .body("memberships.room", equalTo(List.of("101", "102")))
                .body("memberships.status", equalTo(List.of("VERIFIED", "VERIFIED")))
                .body("phoneMasked", equalTo("138****5678"));
        assertEquals(0L, (long) db(() -> Membership.count("residentId = ?1", slot)));
        Resident emptied = db(() -> Resident.findById(slot));
        assertNull(emptied.phoneHash);
        Api.as(committee.token()).get("/api/v1/communities/" + community + "/households").then()
                .body("items.find { it.room == '101' }.verifiedMembers", equalTo(1));

        // The next roster import finds the owner by phone on the claimant instead of creating a new slot.
        upload(committee.token(), community, utf8(ROSTER)).then().statusCode(200)
                .body("unchanged", equalTo(3)).body("ownersCreated", equalTo(0));
    }

    @Test
    void inviteGuessesAreThrottledPerResidentEvenInParallel() throws Exception {
        String guesser = residentToken();
        HttpClient client = HttpClient.newHttpClient();
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> guesses = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String body = "{\"code\":\"WRONG" + String.format("%03d", i) + "\",\"role\":\"OWNER\",\"displayName\":\"猜\"}";
            guesses.add(client.sendAsync(HttpRequest.newBuilder(base.resolve("/api/v1/me/memberships"))
                    .header("Authorization", "Bearer " + guesser).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        Map<Integer, Long> statuses = new HashMap<>();
        for (var g : guesses) {
            statuses.merge(g.get().statusCode(), 1L, Long::sum);
        }
        assertEquals(Map.of(404, 10L, 429, 20L), statuses);
        // Even the right code is refused until the window ends.
        redeem(guesser, issue(committee.token(), household.get("201")).path("code"), "TENANT", "猜")
                .then().statusCode(429).header("Retry-After", notNullValue()).body("code", equalTo("INVITE_THROTTLED"));
    }

    @Test
    void anOwnerClaimUnderAnotherNameIsOnlyVerified() {
        String claimant = residentToken();
        redeem(claimant, issue(committee.token(), household.get("101")).path("code"), "OWNER", "张小三").then().statusCode(201);
        long claim = ((Number) Api.as(committee.token()).get("/api/v1/communities/" + community + "/memberships")
                .path("items[0].id")).longValue();
        decide(committee.token(), community, claim, "approve").then().statusCode(200)
                .body("mergedRosterResidentId", nullValue());
        Api.as(claimant).get("/api/v1/me").then().body("memberships.room", equalTo(List.of("101")));
        Api.as(committee.token()).get("/api/v1/communities/" + community + "/households").then()
                .body("items.find { it.room == '101' }.verifiedMembers", equalTo(2));
    }

    @Test
    void staffOfAnotherCommunityCanNeitherSeeNorDecide() {
        String resident = residentToken();
        redeem(resident, issue(committee.token(), household.get("201")).path("code"), "TENANT", "租户").then().statusCode(201);
        long claim = ((Number) Api.as(committee.token()).get("/api/v1/communities/" + community + "/memberships")
                .path("items[0].id")).longValue();

        long otherCommunity = Api.newCommunity(admin);
        CommunityFixtures.Staff outsider = CommunityFixtures.committee(admin, otherCommunity);
        decide(outsider.token(), community, claim, "approve").then().statusCode(403);
        decide(outsider.token(), otherCommunity, claim, "approve").then().statusCode(404)
                .body("code", equalTo("MEMBERSHIP_NOT_FOUND"));
        decide(outsider.token(), otherCommunity, claim, "reject").then().statusCode(404);
        Api.as(outsider.token()).get("/api/v1/communities/" + community + "/memberships").then().statusCode(403);
        Api.as(outsider.token()).post("/api/v1/communities/" + community + "/households/" + household.get("201") + "/invites")
                .then().statusCode(403);
        Api.as(outsider.token()).post("/api/v1/communities/" + otherCommunity + "/households/" + household.get("201") + "/invites")
                .then().statusCode(404).body("code", equalTo("HOUSEHOLD_NOT_FOUND"));

        Membership unchanged = db(() -> Membership.findById(claim));
        assertEquals(MembershipStatus.PENDING, unchanged.status);
        assertNull(unchanged.verifiedBy);
    }

    @Test
    void gridWorkersAndBuildingLeadersActOnlyOnTheirPart() {
        long grid1 = ((Number) Api.as(admin).get("/api/v1/communities/" + community + "/grids")
                .path("find { it.name == '第一网格' }.id")).longValue();
        CommunityFixtures.Staff gridWorker = CommunityFixtures.staff(admin, community, "GRID_WORKER", grid1, null);
        CommunityFixtures.Staff leader2 = CommunityFixtures.staff(admin, community, "BUILDING_LEADER", null, buildingId("2号楼"));

        issue(leader2.token(), household.get("201")).then().statusCode(201);
        issue(leader2.token(), household.get("101")).then().statusCode(403);
        issue(gridWorker.token(), household.get("101")).then().statusCode(403);

        redeem(residentToken(), issue(committee.token(), household.get("102")).path("code"), "FAMILY", "一").then().statusCode(201);
        redeem(residentToken(), issue(leader2.token(), household.get("201")).path("code"), "TENANT", "二").then().statusCode(201);

        Response seenByGrid = Api.as(gridWorker.token()).get("/api/v1/communities/" + community + "/memberships");
        seenByGrid.then().statusCode(200).body("total", equalTo(1)).body("items[0].room", equalTo("102"));
        Response seenByLeader = Api.as(leader2.token()).get("/api/v1/communities/" + community + "/memberships");
        seenByLeader.then().body("total", equalTo(1)).body("items[0].room", equalTo("201"));

        long inGrid = ((Number) seenByGrid.path("items[0].id")).longValue();
        long inBuilding2 = ((Number) seenByLeader.path("items[0].id")).longValue();
        decide(gridWorker.token(), community, inBuilding2, "approve").then().statusCode(403);
        decide(leader2.token(), community, inGrid, "reject").then().statusCode(403);
        decide(gridWorker.token(), community, inGrid, "approve").then().statusCode(200);
        decide(leader2.token(), community, inBuilding2, "reject").then().statusCode(200);
        assertEquals(new HashSet<>(List.of(MembershipStatus.VERIFIED, MembershipStatus.REJECTED)),
                new HashSet<>(List.of(((Membership) db(() -> Membership.findById(inGrid))).status,
                        ((Membership) db(() -> Membership.findById(inBuilding2))).status)));
    }

    private Response issue(String token, long householdId) {
        return Api.as(token).post("/api/v1/communities/" + community + "/households/" + householdId + "/invites");
    }

    private static Response redeem(String token, String code, String role, String displayName) {
        return Api.as(token).body(Map.of("code", code, "role", role, "displayName", displayName))
                .post("/api/v1/me/memberships");
    }

    private static Response decide(String token, long communityId, long membershipId, String decision) {
        return Api.as(token).post("/api/v1/communities/" + communityId + "/memberships/" + membershipId + "/" + decision);
    }

    private long buildingId(String name) {
        return ((Number) Api.as(admin).get("/api/v1/communities/" + community + "/buildings")
                .path("find { it.name == '" + name + "' }.id")).longValue();
    }
}
