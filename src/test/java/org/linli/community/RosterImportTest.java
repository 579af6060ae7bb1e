package org.linli.community;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linli.identity.Resident;
import org.linli.support.Api;
import org.linli.support.LinliInfra;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.linli.community.CommunityFixtures.GBK;
import static org.linli.community.CommunityFixtures.counts;
import static org.linli.community.CommunityFixtures.db;
import static org.linli.community.CommunityFixtures.upload;
import static org.linli.community.CommunityFixtures.utf8;

@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class RosterImportTest {

    static final String ROSTER = """
            楼栋,单元,房号,面积,面积来源,业主姓名,电话,网格
            1号楼,1单元,101,89.50,不动产登记,张三,13812345678,第一网格
            1号楼,1单元,102,"102.3",测绘,李四,139 0000 1111,第一网格
            2号楼,1单元,201,120,合同,王五,,"东区, 第二网格"
            """;

    @Inject
    PhoneNumbers phones;

    @TestHTTPResource("/")
    URI base;

    String admin;
    long community;
    CommunityFixtures.Staff committee;

    @BeforeEach
    void freshCommunity() {
        admin = Api.adminToken();
        community = Api.newCommunity(admin);
        committee = CommunityFixtures.committee(admin, community);
    }

    @Test
    void utf8RosterCreatesHouseholdsAndOwnerSlotsWithoutClearPhones() {
        upload(committee.token(), community, utf8(ROSTER)).then().statusCode(200)
                .body("rows", equalTo(3)).body("created", equalTo(3)).body("updated", equalTo(0))
                .body("unchanged", equalTo(0)).body("ownersCreated", equalTo(3)).body("dryRun", equalTo(false));

        Api.as(committee.token()).get("/api/v1/communities/" + community + "/households").then().statusCode(200)
                .body("total", equalTo(3))
                .body("items[0].building", equalTo("1号楼")).body("items[0].unit", equalTo("1单元"))
                .body("items[0].room", equalTo("101")).body("items[0].floorArea", equalTo(89.5f))
                .body("items[0].areaSource", equalTo("REGISTRY")).body("items[0].verifiedMembers", equalTo(1))
                .body("items[1].areaSource", equalTo("SURVEY")).body("items[2].areaSource", equalTo("CONTRACT"));

        Resident zhang = residentNamed("张三");
        assertEquals("138****5678", zhang.phoneMasked);
        assertEquals(phones.hash("13812345678"), zhang.phoneHash);
        assertEquals(community, zhang.communityId);
        assertTrue(zhang.isUnbound());
        assertEquals("139****1111", residentNamed("李四").phoneMasked);
        Resident wang = residentNamed("王五");
        assertNull(wang.phoneHash);
        assertNull(wang.phoneMasked);
        assertEquals(0L, (long) db(() -> Resident.count(
                "phoneHash like ?1 or phoneMasked like ?1 or displayName like ?1", "%12345678%")));

        Membership m = db(() -> Membership.<Membership>find("residentId", zhang.id).singleResult());
        assertEquals(MembershipRole.OWNER, m.role);
        assertEquals(MembershipStatus.VERIFIED, m.status);
        assertEquals(MembershipSource.ROSTER, m.source);
        assertEquals(committee.id(), m.verifiedBy);

        Api.as(committee.token()).get("/api/v1/communities/" + community + "/grids").then()
                .body("name", hasItem("东区, 第二网格")).body("name", hasItem("第一网格"));
    }

    @Test
    void gbkRosterFromChineseExcelIsDecoded() {
        upload(committee.token(), community, ROSTER.getBytes(GBK)).then().statusCode(200).body("created", equalTo(3));

        assertEquals("138****5678", residentNamed("张三").phoneMasked);
        Api.as(committee.token()).get("/api/v1/communities/" + community + "/buildings").then()
                .body("name", equalTo(List.of("1号楼", "2号楼")));
    }

    @Test
    void utf8WithByteOrderMarkAndEnglishHeadersIsRead() {
        String csv = "\uFEFFbuilding,unit,room,area,area_source,owner_name,phone\r\n"
                + "A座,1单元,0101,66.6,SURVEY,赵六,+86 138-1234-0000\r\n";
        upload(committee.token(), community, utf8(csv)).then().statusCode(200).body("created", equalTo(1));

        Api.as(committee.token()).get("/api/v1/communities/" + community + "/households").then()
                .body("items[0].building", equalTo("A座")).body("items[0].areaSource", equalTo("SURVEY"));
        assertEquals("138****0000", residentNamed("赵六").phoneMasked);
    }

    @Test
    void unclosedQuoteIsMalformed() {
        String csv = "楼栋,单元,房号,面积,业主姓名,电话\n1号楼,1单元,\"101,89,张三,\n";
        upload(committee.token(), community, utf8(csv)).then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("ROSTER_MALFORMED")).body("detail", containsString("第 2 行"));
        assertEquals(new CommunityFixtures.Counts(0, 0, 0, 0, 0), counts(community));
    }

    @Test
    void bytesThatAreNeitherUtf8NorGbkAreRejected() {
        byte[] noise = new byte[4096];
        new Random(42).nextBytes(noise);
        upload(committee.token(), community, noise).then().statusCode(400)
                .body("code", equalTo("ROSTER_ENCODING")).body("detail", containsString("GBK"));

        byte[] bomThenGbk = concat(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, ROSTER.getBytes(GBK));
        upload(committee.token(), community, bomThenGbk).then().statusCode(400).body("code", equalTo("ROSTER_ENCODING"));
    }

    @Test
    void missingRequiredColumnIsNamed() {
        upload(committee.token(), community, utf8("楼栋,单元,房号,业主姓名,电话\n1号楼,1单元,101,张三,\n"))
                .then().statusCode(400).body("code", equalTo("ROSTER_HEADER")).body("detail", containsString("面积"));
        upload(committee.token(), community, utf8("楼栋,单元,房号,面积,业主姓名,电话\n"))
                .then().statusCode(400).body("code", equalTo("ROSTER_EMPTY"));
        upload(committee.token(), community, new byte[0]).then().statusCode(400).body("code", equalTo("ROSTER_EMPTY"));
    }

    @Test
    void duplicateRoomsAreListedByRowAndNothingIsWritten() {
        String csv = """
                楼栋,单元,房号,面积,业主姓名,电话
                1号楼,1单元,101,80,张三,13812345678
                1号楼,1单元,102,80,李四,
                1号楼,1单元,101,81,王五,
                1号楼,1单元,102,80,李四,
                """;
        Response answer = upload(committee.token(), community, utf8(csv));
        answer.then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("ROSTER_INVALID"))
                .body("detail", containsString("2 行"))
                .body("errors", hasSize(2))
                .body("errors[0].row", equalTo(4)).body("errors[0].column", equalTo("房号"))
                .body("errors[0].message", containsString("第 2 行"))
                .body("errors[1].row", equalTo(5)).body("errors[1].message", containsString("第 3 行"));
        assertEquals(new CommunityFixtures.Counts(0, 0, 0, 0, 0), counts(community));
    }

    @Test
    void negativeZeroAbsurdAndGarbledAreasAreRejected() {
        String csv = """
                楼栋,单元,房号,面积,业主姓名,电话
                1号楼,1单元,101,-5,张三,
                1号楼,1单元,102,0,李四,
                1号楼,1单元,103,20000,王五,
                1号楼,1单元,104,八十,赵六,
                1号楼,1单元,105,88.123,钱七,
                1号楼,1单元,106,88.5㎡,孙八,
                1号楼,1单元,107,90,,12345
                """;
        Response answer = upload(committee.token(), community, utf8(csv));
        answer.then().statusCode(422).body("code", equalTo("ROSTER_INVALID")).body("detail", containsString("6 行"));
        List<Map<String, Object>> errors = answer.path("errors");
        assertEquals(List.of(2, 3, 4, 5, 6, 8, 8), errors.stream().map(e -> e.get("row")).toList());
        assertEquals(List.of("ROSTER_ROW_AREA_POSITIVE", "ROSTER_ROW_AREA_POSITIVE", "ROSTER_ROW_AREA_ABSURD",
                        "ROSTER_ROW_AREA_NUMBER", "ROSTER_ROW_AREA_SCALE", "ROSTER_ROW_MISSING", "ROSTER_ROW_PHONE"),
                errors.stream().map(e -> e.get("code")).toList());
        assertTrue(((String) errors.get(2).get("message")).contains("10000"));
        assertEquals(new CommunityFixtures.Counts(0, 0, 0, 0, 0), counts(community));
    }

    @Test
    void onePhoneWithTwoOwnerNamesIsAnError() {
        String csv = """
                楼栋,单元,房号,面积,业主姓名,电话
                1号楼,1单元,101,80,张三,13812345678
                1号楼,1单元,102,80,张叁,13812345678
                """;
        upload(committee.token(), community, utf8(csv)).then().statusCode(422)
                .body("errors[0].row", equalTo(3)).body("errors[0].column", equalTo("电话"))
                .body("errors[0].message", containsString("张三"));
    }

    /**
     * Vert.x answers 413 from the Content-Length alone and closes the connection. A client that streams the body
     * regardless sees a broken pipe, so this one waits for "100 Continue" the way careful uploaders do.
     */
    @Test
    void fiftyMegabyteUploadIsTooLarge() throws Exception {
        byte[] huge = new byte[50 * 1024 * 1024];
        Arrays.fill(huge, (byte) 'a');
        HttpResponse<String> answer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                                URI.create(base + "api/v1/communities/" + community + "/roster"))
                        .expectContinue(true)
                        .header("Authorization", "Bearer " + committee.token())
                        .header("Content-Type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(huge))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, answer.statusCode());
        assertEquals(0, counts(community).households());
    }

    @Test
    void reimportingTheSameFileChangesNothing() {
        upload(committee.token(), community, utf8(ROSTER)).then().statusCode(200);
        CommunityFixtures.Counts before = counts(community);
        List<Household> householdsBefore = households();

        upload(committee.token(), community, ROSTER.getBytes(GBK)).then().statusCode(200)
                .body("rows", equalTo(3)).body("created", equalTo(0)).body("updated", equalTo(0))
                .body("unchanged", equalTo(3)).body("ownersCreated", equalTo(0));

        assertEquals(before, counts(community));
        List<Household> householdsAfter = households();
        for (int i = 0; i < householdsBefore.size(); i++) {
            assertEquals(householdsBefore.get(i).floorArea, householdsAfter.get(i).floorArea);
            assertEquals(householdsBefore.get(i).updatedAt.toInstant(), householdsAfter.get(i).updatedAt.toInstant());
        }
    }

    @Test
    void changedAreaUpdatesOnlyThatHousehold() {
        upload(committee.token(), community, utf8(ROSTER)).then().statusCode(200);
        String changed = ROSTER.replace("1号楼,1单元,101,89.50,不动产登记", "1号楼,1单元,101,90.25,测绘");

        upload(committee.token(), community, utf8(changed)).then().statusCode(200)
                .body("created", equalTo(0)).body("updated", equalTo(1)).body("unchanged", equalTo(2))
                .body("ownersCreated", equalTo(0));

        Household h101 = households().stream().filter(h -> h.room.equals("101")).findFirst().orElseThrow();
        assertEquals(new BigDecimal("90.25"), h101.floorArea);
        assertEquals(AreaSource.SURVEY, h101.areaSource);
        assertEquals(3, counts(community).memberships());
    }

    @Test
    void oneOwnerOfSeveralRoomsIsOneResident() {
        String csv = """
                楼栋,单元,房号,面积,业主姓名,电话
                1号楼,1单元,101,80,张三,13812345678
                1号楼,2单元,201,90,张三,138-1234-5678
                3号楼,1单元,301,70,张三,13812345678
                """;
        upload(committee.token(), community, utf8(csv)).then().statusCode(200)
                .body("created", equalTo(3)).body("ownersCreated", equalTo(1));
        // A later roster with a further room of the same owner still finds them.
        upload(committee.token(), community, utf8(csv + "3号楼,1单元,302,70,张三,13812345678\n")).then().statusCode(200)
                .body("created", equalTo(1)).body("unchanged", equalTo(3)).body("ownersCreated", equalTo(0));

        assertEquals(1, counts(community).residents());
        long owner = residentNamed("张三").id;
        assertEquals(4L, (long) db(() -> Membership.count("residentId = ?1 and status = ?2", owner, MembershipStatus.VERIFIED)));
    }

    @Test
    void phoneAddedLaterCompletesTheExistingOwnerInsteadOfAddingOne() {
        upload(committee.token(), community, utf8("楼栋,单元,房号,面积,业主姓名,电话\n1号楼,1单元,101,80,张三,\n"))
                .then().statusCode(200).body("ownersCreated", equalTo(1));
        upload(committee.token(), community, utf8("楼栋,单元,房号,面积,业主姓名,电话\n1号楼,1单元,101,80,张三,13812345678\n"))
                .then().statusCode(200).body("updated", equalTo(1)).body("ownersCreated", equalTo(0));
        assertEquals(1, counts(community).residents());
        assertEquals("138****5678", residentNamed("张三").phoneMasked);
    }

    @Test
    void dryRunReportsWithoutWriting() {
        upload(committee.token(), community, utf8(ROSTER), true).then().statusCode(200)
                .body("dryRun", equalTo(true)).body("created", equalTo(3)).body("ownersCreated", equalTo(3));
        assertEquals(new CommunityFixtures.Counts(0, 0, 0, 0, 0), counts(community));
    }

    @Test
    void onlyAdminAndCommitteeOfThatCommunityMayImportOrRead() {
        long other = Api.newCommunity(admin);
        upload(committee.token(), other, utf8(ROSTER)).then().statusCode(403);
        Api.as(committee.token()).get("/api/v1/communities/" + other + "/households").then().statusCode(403);
        assertEquals(new CommunityFixtures.Counts(0, 0, 0, 0, 0), counts(other));

        CommunityFixtures.Staff gridWorker = CommunityFixtures.staff(admin, community, "GRID_WORKER", null, null);
        upload(gridWorker.token(), community, utf8(ROSTER)).then().statusCode(403);
        given().contentType("text/csv").body(utf8(ROSTER)).post("/api/v1/communities/" + community + "/roster")
                .then().statusCode(401);
        assertEquals(0, counts(community).households());

        upload(admin, community, utf8(ROSTER)).then().statusCode(200).body("created", equalTo(3));
        // Households are listed within reach: a grid worker not yet given a grid reaches none of them.
        Api.as(gridWorker.token()).get("/api/v1/communities/" + community + "/households").then().statusCode(200)
                .body("total", equalTo(0));
        Api.as(committee.token()).get("/api/v1/communities/" + community + "/households").then().statusCode(200)
                .body("total", equalTo(3));
    }

    @Test
    void householdsAreListedInNaturalAddressOrderAndPaged() {
        String csv = """
                楼栋,单元,房号,面积,业主姓名,电话
                10号楼,1单元,101,80,甲,
                2号楼,1单元,1001,80,乙,
                2号楼,1单元,201,80,丙,
                2号楼,2单元,101,80,丁,
                """;
        upload(committee.token(), community, utf8(csv)).then().statusCode(200);
        Api.as(committee.token()).get("/api/v1/communities/" + community + "/households").then()
                .body("items.collect { it.building + '-' + it.unit + '-' + it.room }",
                        equalTo(List.of("2号楼-1单元-201", "2号楼-1单元-1001", "2号楼-2单元-101", "10号楼-1单元-101")));
        Api.as(committee.token()).queryParam("page", 1).queryParam("size", 3)
                .get("/api/v1/communities/" + community + "/households").then()
                .body("total", equalTo(4)).body("items", hasSize(1)).body("items[0].building", equalTo("10号楼"));

        Number building = Api.as(committee.token()).get("/api/v1/communities/" + community + "/buildings")
                .path("find { it.name == '10号楼' }.id");
        Api.as(committee.token()).queryParam("building", building.longValue())
                .get("/api/v1/communities/" + community + "/households").then()
                .body("total", equalTo(1)).body("items[0].building", equalTo("10号楼"))
                .body("items.building", not(hasItem("2号楼")));
    }

    @Test
    void aCommunitySizedRosterImportsInOneGo() {
        StringBuilder csv = new StringBuilder("楼栋,单元,房号,面积,面积来源,业主姓名,电话,网格\n");
        int rows = 0;
        for (int b = 1; b <= 20; b++) {
            for (int u = 1; u <= 3; u++) {
                for (int floor = 1; floor <= 25; floor++) {
                    for (int r = 1; r <= 2; r++) {
                        rows++;
                        csv.append(b).append("号楼,").append(u).append("单元,").append(floor).append("0").append(r)
                                .append(',').append(60 + rows % 80).append(".5,不动产登记,业主").append(rows)
                                .append(",139").append(String.format("%08d", rows)).append(",第").append(1 + b / 8)
                                .append("网格\n");
                    }
                }
            }
        }
        long started = System.nanoTime();
        upload(committee.token(), community, utf8(csv.toString())).then().statusCode(200)
                .body("rows", equalTo(rows)).body("created", equalTo(rows)).body("ownersCreated", equalTo(rows));
        long firstMillis = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        upload(committee.token(), community, utf8(csv.toString())).then().statusCode(200).body("unchanged", equalTo(rows));
        long againMillis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("Roster of %d rows: first import %d ms, re-import %d ms%n", rows, firstMillis, againMillis);
        assertEquals(rows, counts(community).households());
        assertFalse(rows < 3000);
    }

    private Resident residentNamed(String name) {
        return db(() -> Resident.<Resident>find("communityId = ?1 and displayName = ?2", community, name).singleResult());
    }

    private List<Household> households() {
        return db(() -> Household.<Household>list("communityId = ?1 order by id", community));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
