package org.linli.console;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import org.linli.support.Api;
import org.linli.support.LinliInfra;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Console pages over HTTP: the same services and reach as the API, the roster from Excel, exports. */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class ConsolePagesTest {

    @jakarta.inject.Inject
    org.linli.support.MovableClock clock;

    static byte[] xlsx(List<List<Object>> rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook wb = new Workbook(out, "test", "1.0");
        Worksheet ws = wb.newWorksheet("名册");
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < rows.get(r).size(); c++) {
                Object v = rows.get(r).get(c);
                if (v instanceof Number n) {
                    ws.value(r, c, n);
                } else if (v != null) {
                    ws.value(r, c, v.toString());
                }
            }
        }
        wb.finish();
        return out.toByteArray();
    }

    @Test
    void householdsArePagedFilteredAndNarrowedToTheGridWorkersGrid() {
        ConsoleWorld w = new ConsoleWorld();
        ConsoleClient committee = w.console(w.committee);
        committee.page().get("/console/c/" + w.community + "/households").then().statusCode(200)
                .body(containsString("1号楼"), containsString("2号楼"), containsString("共 3 户"));
        committee.page().get("/console/c/" + w.community + "/households?building=" + w.buildings.get("2号楼"))
                .then().statusCode(200).body(not(containsString("<td>1号楼</td>")), containsString("共 1 户"));

        ConsoleClient worker = w.console(w.staff("GRID_WORKER", w.grids.get("第一网格"), null));
        worker.page().get("/console/c/" + w.community + "/households").then().statusCode(200)
                .body(containsString("<td>1号楼</td>"), not(containsString("<td>2号楼</td>")), containsString("共 2 户"));
        worker.page().get("/console/c/" + w.community + "/households?building=" + w.buildings.get("2号楼"))
                .then().statusCode(403).body(containsString("没有权限"));
        worker.page().get("/console/c/" + w.community + "/roster").then().statusCode(403);
        worker.page().get("/console/c/" + w.community + "/dead-letters").then().statusCode(403);
    }

    @Test
    void anXlsxRosterWithABadRowImportsNothingAndListsTheRow() throws IOException {
        ConsoleWorld w = new ConsoleWorld();
        ConsoleClient committee = w.console(w.committee);
        byte[] bad = xlsx(List.of(
                List.of("楼栋", "单元", "房号", "面积", "业主姓名", "电话"),
                List.of("3号楼", "1单元", "301", 88.5, "王五", 13800138000L),
                List.of("3号楼", "1单元", "302", "很大", "赵六", "")));
        committee.form().multiPart("file", "名册.xlsx", bad).post("/console/c/" + w.community + "/roster")
                .then().statusCode(422).body(containsString("名册有 1 行存在问题"), containsString("<td>3</td>"),
                        containsString("面积“很大”不是数字"));
        committee.page().get("/console/c/" + w.community + "/households").then().body(not(containsString("3号楼")));

        byte[] good = xlsx(List.of(
                List.of("某某社区业主名册"),
                List.of("楼栋", "单元", "房号", "面积", "业主姓名", "电话"),
                List.of("3号楼", "1单元", "301", 88.5, "王五", 13800138000L)));
        committee.form().multiPart("file", "roster.bin", good).post("/console/c/" + w.community + "/roster")
                .then().statusCode(200).body(containsString("新建 1 户"));
        committee.page().get("/console/c/" + w.community + "/households").then().body(containsString("3号楼"));

        // The API takes the same workbook.
        Api.as(w.committeeToken).contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .body(bad).post("/api/v1/communities/" + w.community + "/roster/xlsx")
                .then().statusCode(422).body("code", org.hamcrest.Matchers.equalTo("ROSTER_INVALID"))
                .body("errors[0].row", org.hamcrest.Matchers.equalTo(3));
        Api.as(w.committeeToken).contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .body("not a workbook".getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/communities/" + w.community + "/roster/xlsx")
                .then().statusCode(400).body("code", org.hamcrest.Matchers.equalTo("ROSTER_XLSX_INVALID"));
    }

    @Test
    void csvRosterStillWorksAndADryRunWritesNothing() {
        ConsoleWorld w = new ConsoleWorld();
        ConsoleClient committee = w.console(w.committee);
        byte[] csv = "楼栋,单元,房号,面积,业主姓名,电话\n4号楼,1单元,401,70,孙七,\n".getBytes(StandardCharsets.UTF_8);
        committee.form().multiPart("file", "r.csv", csv).multiPart("dryRun", "true")
                .post("/console/c/" + w.community + "/roster").then().statusCode(200).body(containsString("检查通过"));
        committee.page().get("/console/c/" + w.community + "/households").then().body(not(containsString("4号楼")));
        committee.form().multiPart("file", "r.csv", csv).post("/console/c/" + w.community + "/roster")
                .then().statusCode(200).body(containsString("导入完成"));
        committee.page().get("/console/c/" + w.community + "/households").then().body(containsString("4号楼"));
    }

    @Test
    void exportsNeutraliseFormulasInXlsxAndCsv() throws IOException {
        ConsoleWorld w = new ConsoleWorld();
        ConsoleClient committee = w.console(w.committee);
        byte[] csv = "楼栋,单元,房号,面积,业主姓名,电话\n=HYPERLINK(\"x\"),1单元,+1,70,孙七,\n".getBytes(StandardCharsets.UTF_8);
        committee.form().multiPart("file", "r.csv", csv).post("/console/c/" + w.community + "/roster")
                .then().statusCode(200);
        String exported = new String(committee.page().get("/console/c/" + w.community + "/households/export?format=csv")
                .then().statusCode(200).extract().asByteArray(), StandardCharsets.UTF_8);
        assertTrue(exported.contains("\"'=HYPERLINK(\"\"x\"\")\",1单元,'+1,70.00"), exported);

        byte[] book = committee.page().get("/console/c/" + w.community + "/households/export?format=xlsx")
                .then().statusCode(200).extract().asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(book));
             var rows = wb.getFirstSheet().openStream()) {
            List<Row> all = rows.toList();
            assertEquals("楼栋", all.get(0).getCellText(0));
            Row formula = all.stream().filter(r -> r.getCellText(0).contains("HYPERLINK")).findFirst().orElseThrow();
            assertEquals("'=HYPERLINK(\"x\")", formula.getCellText(0));
            assertEquals("'+1", formula.getCellText(2));
            assertEquals(0, new java.math.BigDecimal("70").compareTo(formula.getCell(3).asNumber()));
        }
    }

    @Test
    void membershipsAreApprovedWithinReach() {
        ConsoleWorld w = new ConsoleWorld();
        w.claim("2号楼", "李小四");
        ConsoleClient worker = w.console(w.staff("GRID_WORKER", w.grids.get("第一网格"), null));
        worker.page().get("/console/c/" + w.community + "/memberships").then().statusCode(200)
                .body(not(containsString("李小四")));
        ConsoleClient committee = w.console(w.committee);
        String page = committee.page().get("/console/c/" + w.community + "/memberships").then().statusCode(200)
                .body(containsString("李小四")).extract().asString();
        var m = Pattern.compile("/memberships/(\\d+)/approve").matcher(page);
        assertTrue(m.find());
        String id = m.group(1);
        worker.form().post("/console/c/" + w.community + "/memberships/" + id + "/approve").then().statusCode(403);
        committee.form().header("HX-Request", "true")
                .post("/console/c/" + w.community + "/memberships/" + id + "/approve")
                .then().statusCode(200).body(containsString("已通过"), containsString("claim-" + id));
        committee.page().get("/console/c/" + w.community + "/memberships").then().body(not(containsString("李小四")));
        committee.form().post("/console/c/" + w.community + "/memberships/" + id + "/approve").then().statusCode(409);
    }

    @Test
    void inviteCardsCarryAQrCodeOfTheOfficialAccountPerHousehold() {
        ConsoleWorld w = new ConsoleWorld();
        ConsoleClient committee = w.console(w.committee);
        String sheet = committee.form().formParam("building", w.buildings.get("1号楼"))
                .post("/console/c/" + w.community + "/invites").then().statusCode(200)
                .body(containsString("1号楼的邀请卡")).extract().asString();
        assertEquals(2, sheet.split("<svg ", -1).length - 1, "one QR code per household");
        var codes = Pattern.compile("class=\"code\">([A-Z0-9-]+)<").matcher(sheet);
        assertTrue(codes.find());
        ConsoleClient worker = w.console(w.staff("GRID_WORKER", w.grids.get("第一网格"), null));
        worker.page().get("/console/c/" + w.community + "/invites").then().statusCode(403);
        ConsoleClient leader = w.console(w.staff("BUILDING_LEADER", null, w.buildings.get("2号楼")));
        leader.form().formParam("building", w.buildings.get("1号楼")).post("/console/c/" + w.community + "/invites")
                .then().statusCode(403);
    }

    @Test
    void aNoticeIsComposedWithPreviewPublishedAndFollowedUp() {
        ConsoleWorld w = new ConsoleWorld();
        ConsoleClient committee = w.console(w.committee);
        committee.page().get("/console/c/" + w.community + "/notices/new").then().statusCode(200)
                .body(containsString("第一网格"), containsString("停水停电"));
        committee.form().header("HX-Request", "true").formParam("body", "# 停水\n- **明天** <script>x</script>")
                .formParam("format", "MARKDOWN").post("/console/c/" + w.community + "/notices/preview")
                .then().statusCode(200).body(containsString("<h3>停水</h3>"), containsString("<strong>明天</strong>"),
                        containsString("&lt;script&gt;"));
        committee.form().formParam("title", "").formParam("body", "x").formParam("category", "UTILITIES")
                .formParam("scope", "COMMUNITY").post("/console/c/" + w.community + "/notices")
                .then().statusCode(400).body(containsString("提交的内容有误"));
        Response published = committee.form().formParam("title", "停水通知").formParam("body", "明天 9 点停水")
                .formParam("format", "PLAIN").formParam("category", "UTILITIES").formParam("scope", "GRIDS")
                .formParam("grid", w.grids.get("第二网格")).post("/console/c/" + w.community + "/notices");
        assertEquals(303, published.statusCode(), published.asString());
        String location = published.header("Location");
        committee.page().get(location).then().statusCode(200)
                .body(containsString("停水通知"), containsString("2号楼"), containsString("id=\"stat-households\">1<"));
        String noticePath = location.replaceAll("\\?.*", "");
        String unread = new String(committee.page().get(noticePath + "/unread-households?format=csv").then()
                .statusCode(200).extract().asByteArray(), StandardCharsets.UTF_8);
        assertTrue(unread.contains("2号楼,1单元,201"), unread);
        ConsoleClient worker = w.console(w.staff("GRID_WORKER", w.grids.get("第一网格"), null));
        worker.page().get(noticePath).then().statusCode(404);
        committee.page().get("/console/c/" + w.community + "/notices").then().body(containsString("停水通知"));
    }

    @Test
    void aCustomReminderIsCreatedWithItsScheduleCheckedAndCancelled() {
        ConsoleWorld w = new ConsoleWorld();
        ConsoleClient committee = w.console(w.committee);
        String path = "/console/c/" + w.community + "/reminders";
        committee.page().get(path).then().statusCode(200).body(containsString("新建提醒"), containsString("全社区"));
        committee.form().formParam("title", "垃圾分类").formParam("scope", "COMMUNITY").formParam("cron", "0 8 * *")
                .post(path).then().statusCode(400).body(containsString("分 时 日 月 周"));
        Response created = committee.form().formParam("title", "每周一垃圾分类").formParam("scope", "BUILDINGS")
                .formParam("building", w.buildings.get("2号楼")).formParam("cron", "0 8 * * 1").post(path);
        assertEquals(303, created.statusCode(), created.asString());
        String page = committee.page().get(path).then().statusCode(200).body(containsString("每周一垃圾分类"),
                containsString("0 8 * * 1"), containsString("进行中")).extract().asString();
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("id=\"cancel-(\\d+)\"").matcher(page);
        assertTrue(id.find(), page);
        assertEquals(303, committee.form().post(path + "/" + id.group(1) + "/cancel").statusCode());
        committee.page().get(path).then().statusCode(200).body(containsString("已取消"));
        ConsoleClient worker = w.console(w.staff("GRID_WORKER", w.grids.get("第一网格"), null));
        worker.page().get(path).then().statusCode(200).body(not(containsString("每周一垃圾分类")))
                .body(not(containsString("scope-community")));
    }

    @Test
    void aMeetingShowsItsFiguresAndPrintsItsDoorQrCode() {
        ConsoleWorld w = new ConsoleWorld();
        String start = java.time.OffsetDateTime.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(2).withNano(0)
                .toString();
        Response created = Api.as(w.committeeToken).body(java.util.Map.of("title", "加装电梯议事会", "startsAt", start,
                "place", "社区活动室", "scope", java.util.Map.of("kind", "BUILDINGS", "ids",
                        List.of(w.buildings.get("1号楼"))))).post("/api/v1/communities/" + w.community + "/meetings");
        assertEquals(201, created.statusCode(), created.asString());
        long id = ((Number) created.path("id")).longValue();
        ConsoleClient committee = w.console(w.committee);
        String path = "/console/c/" + w.community + "/meetings";
        committee.page().get(path).then().statusCode(200).body(containsString("加装电梯议事会"),
                containsString("未开始"));
        committee.page().get(path + "/" + id).then().statusCode(200).body(containsString("社区活动室"),
                containsString("id=\"meeting-counts\""), containsString("邀请推送：共"), not(containsString("<svg")));
        committee.form().post(path + "/" + id + "/qrcode").then().statusCode(200)
                .body(containsString("<svg"), containsString("扫码签到：加装电梯议事会"));
        committee.page().get(path + "/999999999").then().statusCode(404);
    }

    @Test
    void aMeetingIsCalledFromTheConsoleAndItsMinutesPublishedOnceAfterTheStart() {
        ConsoleWorld w = new ConsoleWorld();
        ConsoleClient committee = w.console(w.committee);
        String path = "/console/c/" + w.community + "/meetings";
        java.time.format.DateTimeFormatter local = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now(clock).atZoneSameInstant(
                java.time.ZoneId.of("Asia/Shanghai")).toOffsetDateTime();
        committee.page().get(path + "/new").then().statusCode(200).body(containsString("第一网格"),
                containsString("1号楼"), containsString("value=\"1440\" checked"),
                containsString("value=\"60\" checked"), containsString("value=\"180\">"));
        committee.form().formParam("title", "加装电梯议事会").formParam("startsAt", local.format(now.minusHours(1)))
                .formParam("place", "社区活动室").formParam("scope", "COMMUNITY").post(path)
                .then().statusCode(400).body(containsString("会议开始时间已经过去"));
        committee.form().formParam("title", "").formParam("startsAt", local.format(now.plusHours(2)))
                .formParam("place", "社区活动室").formParam("scope", "COMMUNITY").post(path)
                .then().statusCode(400).body(containsString("提交的内容有误"));
        Response created = committee.form().formParam("title", "加装电梯议事会")
                .formParam("startsAt", local.format(now.plusHours(2))).formParam("place", "社区活动室")
                .formParam("agenda", "一、电梯选址\n二、费用分摊").formParam("scope", "BUILDINGS")
                .formParam("building", w.buildings.get("1号楼")).formParam("remind", 180)
                .formParam("remind", 30).post(path);
        assertEquals(303, created.statusCode(), created.asString());
        String meeting = created.header("Location").replaceAll("^https?://[^/]+", "");
        committee.page().get(meeting).then().statusCode(200).body(containsString("电梯选址"),
                containsString("会前提醒：提前 3 小时、提前 30 分钟"),
                containsString("id=\"cancel-meeting\""), not(containsString("id=\"publish-minutes\"")));
        committee.form().formParam("text", "同意选址北侧。").post(meeting + "/minutes").then().statusCode(409)
                .body(containsString("会议开始后才能发布会议纪要"));
        try {
            clock.advance(java.time.Duration.ofHours(3));
            committee.form().formParam("text", " ").post(meeting + "/minutes").then().statusCode(400);
            // Far beyond any form's maxlength: a clear 413, nothing published.
            committee.form().formParam("text", "长".repeat(30_000)).post(meeting + "/minutes").then().statusCode(413)
                    .body(containsString("填写的内容过长"));
            // Real minutes run long: 19,000 characters in one form field (57 KB of UTF-8) are accepted.
            String minutes = "同意选址北侧。" + "与会居民逐户发表意见并记录在案。".repeat(1187);
            assertEquals(303, committee.form().formParam("text", minutes).post(meeting + "/minutes").statusCode());
            committee.page().get(meeting).then().body(containsString("会议纪要已发布"),
                    not(containsString("id=\"publish-minutes\"")));
            committee.form().formParam("text", "再发一次").post(meeting + "/minutes").then().statusCode(409)
                    .body(containsString("纪要已经发布过了"));
            committee.page().get("/console/c/" + w.community + "/notices").then().body(containsString("加装电梯议事会"));
        } finally {
            clock.reset();
        }

        Response second = committee.form().formParam("title", "楼道堆物协调会")
                .formParam("startsAt", local.format(now.plusDays(1))).formParam("place", "2号楼门厅")
                .formParam("scope", "COMMUNITY").post(path);
        assertEquals(303, second.statusCode(), second.asString());
        String other = second.header("Location").replaceAll("^https?://[^/]+", "");
        assertEquals(303, committee.form().post(other + "/cancel").statusCode());
        committee.page().get(other).then().body(containsString("已取消"), not(containsString("id=\"cancel-meeting\"")));
    }

    @Test
    void theSettingsPageShowsTheClocksAndTheHolidayCalendarInForce() {
        ConsoleWorld w = new ConsoleWorld();
        String page = w.console(w.staff("GRID_WORKER", w.grids.get("第一网格"), null)).page()
                .get("/console/c/" + w.community + "/settings").then().statusCode(200).extract().asString();
        String compact = page.replaceAll(">\\s+<", "><");
        assertTrue(compact.contains("<th scope=\"row\">安全隐患<input type=\"hidden\" name=\"clock_category\""
                + " value=\"安全隐患\"></th><td><input name=\"accept_urgent\" value=\"2h\""), page);
        assertTrue(page.contains("holidays/cn-2026.txt"), page);
        assertTrue(page.contains("办结后 7 天内可以评价"), page);
    }

    @Test
    void staffAndDeadLetterPagesRender() {
        ConsoleWorld w = new ConsoleWorld();
        ConsoleClient committee = w.console(w.committee);
        String username = Api.unique("new");
        committee.form().formParam("username", username).formParam("displayName", "新网格员")
                .formParam("password", "secret-pass-2").formParam("role", "GRID_WORKER")
                .formParam("grid", w.grids.get("第一网格")).post("/console/c/" + w.community + "/staff")
                .then().statusCode(303);
        committee.page().get("/console/c/" + w.community + "/staff").then().statusCode(200).body(containsString(username));
        committee.form().formParam("username", Api.unique("adm")).formParam("displayName", "管理员")
                .formParam("password", "secret-pass-2").formParam("role", "ADMIN")
                .post("/console/c/" + w.community + "/staff").then().statusCode(403);
        ConsoleClient.login(username, "secret-pass-2").page().get("/console/c/" + w.community + "/households")
                .then().statusCode(200).body(containsString("共 2 户"));
        committee.page().get("/console/c/" + w.community + "/dead-letters").then().statusCode(200)
                .body(containsString("投递失败的消息"));
        committee.page().get("/console/c/" + w.community).then().statusCode(200).body(containsString("id=\"dead-letters\">0<"));
    }
}
