package org.linli.console;

import io.quarkus.arc.Arc;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.linli.push.PushDrain;
import org.linli.support.Api;
import org.linli.support.LinliInfra;
import org.linli.wechat.fake.FakeWechat;
import org.linli.wechat.fake.FakeWechatServer;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console in Debian's Chromium, against the test HTTP port and the fake WeChat server. */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class ConsoleBrowserTest {

    @RegisterExtension
    static Browser browser = new Browser();

    @TestHTTPResource("/")
    URL base;

    private WebDriver driver;

    @BeforeEach
    void freshSession() {
        driver = browser.driver();
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1366, 768));
        browser.open(base + "console/login");
        driver.manage().deleteAllCookies();
    }

    private void logIn(String username) {
        browser.open(base + "console/login");
        browser.visible(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys("secret-pass-1");
        driver.findElement(By.id("login")).click();
        browser.until(ExpectedConditions.urlContains("/console/c/"));
    }

    private String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    @Test
    void aCustomReminderIsSetUpFromTheNavigationAndAWrongScheduleIsExplainedInPlace() {
        ConsoleWorld w = new ConsoleWorld();
        logIn(w.committee);
        driver.findElement(By.linkText("提醒")).click();
        browser.visible(By.id("new-reminder"));
        driver.findElement(By.id("title")).sendKeys("每周一垃圾分类");
        driver.findElement(By.id("cron")).sendKeys("0 8 * *");
        driver.findElement(By.id("create")).click();
        browser.visible(By.id("reminder-error"));
        org.junit.jupiter.api.Assertions.assertTrue(text().contains("分 时 日 月 周"), text());
        org.openqa.selenium.WebElement cron = driver.findElement(By.id("cron"));
        cron.clear();
        cron.sendKeys("0 8 * * 1");
        driver.findElement(By.id("create")).click();
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("reminders"), "每周一垃圾分类"));
        org.junit.jupiter.api.Assertions.assertTrue(text().contains("进行中"), text());
        driver.findElement(By.linkText("会议")).click();
        browser.visible(By.id("meetings-upcoming"));
    }

    @Test
    void aThreadIsAcceptedAndResolvedFromTheQueueAndHiddenFromAnotherGridsWorker() {
        org.linli.thread.ThreadWorld w = org.linli.thread.ThreadWorld.create();
        long id = w.raised(w.resident("1号楼/102"), "1号楼门口的路灯不亮了，晚上看不清台阶", "PUBLIC");
        logIn(w.worker1.username());
        driver.findElement(By.linkText("说事")).click();
        browser.visible(By.id("threads"));
        driver.findElement(By.cssSelector("#thread-" + id + " a")).click();
        browser.visible(By.id("accept")).click();
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("thread-status"), "已受理"));
        driver.findElement(By.id("result")).sendKeys("已更换灯泡，恢复照明。");
        driver.findElement(By.id("resolve")).click();
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("thread-status"), "已办结"));
        assertTrue(driver.findElement(By.id("timeline")).getText().contains("办结"), text());
        assertTrue(driver.findElements(By.id("resolve")).isEmpty(), "no resolve button once resolved");

        driver.manage().deleteAllCookies();
        logIn(w.worker2.username());
        browser.open(base + "console/c/" + w.community + "/threads/" + id);
        assertTrue(driver.getTitle().startsWith("404"), driver.getTitle());
        assertTrue(!text().contains("路灯不亮"), text());
    }

    @Test
    void aPaperBallotIsEnteredThePollClosedAndItsResultPublishedOnTheBoard() throws Exception {
        ConsoleWorld w = new ConsoleWorld();
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneId.of("Asia/Shanghai"));
        Response created = Api.as(w.committeeToken).body(java.util.Map.of("title", "楼道堆物清理方案",
                        "scope", java.util.Map.of("kind", "COMMUNITY"), "preset", "PER_HOUSEHOLD",
                        "questions", java.util.List.of(java.util.Map.of("kind", "APPROVAL", "text", "同意统一清理楼道堆物")),
                        "openAt", now.minusMinutes(1).withNano(0).toString(),
                        "closeAt", now.plusDays(3).withNano(0).toString()))
                .post("/api/v1/communities/" + w.community + "/polls");
        assertEquals(201, created.statusCode(), created.asString());
        long poll = ((Number) created.path("id")).longValue();
        String api = "/api/v1/communities/" + w.community + "/polls/" + poll;
        Api.as(w.committeeToken).post(api + "/announce").then().statusCode(200);
        Api.as(w.committeeToken).post(api + "/open").then().statusCode(200);
        java.nio.file.Path photo = java.nio.file.Files.createTempFile("ballot", ".png");
        java.nio.file.Files.write(photo, new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13});

        logIn(w.committee);
        driver.findElement(By.linkText("议事表决")).click();
        browser.visible(By.linkText("楼道堆物清理方案")).click();
        for (int i = 0; i < 2; i++) {
            browser.visible(By.id("q0-0")).click();
            driver.findElement(By.id("photo")).sendKeys(photo.toAbsolutePath().toString());
            org.openqa.selenium.WebElement enter = driver.findElement(By.id("enter-ballot"));
            enter.click();
            browser.gone(enter);
            browser.visible(By.id("poll-entered"));
        }
        assertTrue(driver.findElement(By.id("turnout-total")).getText().contains("已投 2 / 3 户"), text());
        driver.findElement(By.id("close-reason")).sendKeys("入户完成，提前结束");
        driver.findElement(By.id("close")).click();
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("poll-status"), "已结束"));
        assertTrue(driver.findElement(By.id("poll-quorum")).getText().contains("达到法定参与比例"), text());
        driver.findElement(By.id("statement")).sendKeys("同意统一清理，本周六实施。");
        org.openqa.selenium.WebElement save = driver.findElement(By.id("save-outcome"));
        save.click();
        browser.gone(save);
        browser.visible(By.id("publish")).click();
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("poll-status"), "公示中"));

        String code = Api.as(w.admin).get("/api/v1/communities/" + w.community).path("code");
        browser.open(base + "gongshi/" + code);
        assertTrue(text().contains("楼道堆物清理方案"), text());
        java.nio.file.Files.deleteIfExists(photo);
    }

    @Test
    void aPublishedNoticeReachesAResidentInTheFakeWechat() {
        ConsoleWorld w = new ConsoleWorld();
        String openid = Api.unique("oa-");
        long household = household(w.community, "2号楼");
        Pool pool = Arc.container().instance(Pool.class).get();
        long resident = pool.preparedQuery("INSERT INTO resident (community_id, display_name, mp_openid)"
                        + " VALUES ($1, '李四', $2) RETURNING id").execute(Tuple.of(w.community, openid))
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
        pool.preparedQuery("INSERT INTO membership (community_id, household_id, resident_id, role, status, source)"
                        + " VALUES ($1, $2, $3, 'OWNER', 'VERIFIED', 'STAFF')")
                .execute(Tuple.of(w.community, household, resident)).await().atMost(Duration.ofSeconds(10));

        logIn(w.committee);
        driver.findElement(By.linkText("通知公告")).click();
        browser.visible(By.id("new-notice")).click();
        browser.visible(By.id("title")).sendKeys("周六停水通知");
        driver.findElement(By.id("body")).sendKeys("周六 9:00-12:00 停水，请提前储水。");
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("preview"), "请提前储水"));
        new Select(driver.findElement(By.id("category"))).selectByValue("UTILITIES");
        driver.findElement(By.id("scope-community")).click();
        driver.findElement(By.id("publish")).click();
        browser.visible(By.id("published"));
        assertTrue(text().contains("周六停水通知"));

        PushDrain.drain();
        FakeWechatServer wechat = Arc.container().instance(FakeWechat.class).get().fake().orElseThrow();
        List<FakeWechatServer.Delivery> got = wechat.deliveriesTo(openid);
        assertEquals(1, got.size(), "one delivery to the resident: " + got);
        assertTrue(got.get(0).body().encode().contains("周六停水通知"), got.get(0).body().encode());
    }

    @Test
    void aMembershipIsApprovedInPlace() {
        ConsoleWorld w = new ConsoleWorld();
        w.claim("1号楼", "张小一");
        logIn(w.committee);
        driver.findElement(By.linkText("绑定审核")).click();
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("claims"), "张小一"));
        driver.findElement(By.cssSelector("#claims button[id^=approve-]")).click();
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#claims td.decided"), "已通过"));
        driver.navigate().refresh();
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("claims"), "没有符合条件的记录"));
    }

    @Test
    void anXlsxRosterWithAnErrorShowsTheRowToFix() throws Exception {
        ConsoleWorld w = new ConsoleWorld();
        Path file = Files.createTempFile("roster-", ".xlsx");
        Files.write(file, ConsolePagesTest.xlsx(List.of(
                List.of("楼栋", "单元", "房号", "面积", "业主姓名", "电话"),
                List.of("5号楼", "1单元", "501", 90, "周八", ""),
                List.of("5号楼", "1单元", "502", -3, "吴九", "12345"))));
        logIn(w.committee);
        driver.findElement(By.linkText("名册导入")).click();
        browser.visible(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        driver.findElement(By.id("upload")).click();
        browser.visible(By.id("roster-errors"));
        String table = driver.findElement(By.id("roster-errors")).getText();
        assertTrue(table.contains("面积“-3”必须大于 0"), table);
        assertTrue(table.contains("11 位手机号码"), table);
        assertTrue(driver.findElement(By.id("roster-error")).getText().contains("未导入任何数据"));
    }

    @Test
    void theInviteSheetHasAQrImagePerHousehold() {
        ConsoleWorld w = new ConsoleWorld();
        logIn(w.committee);
        driver.findElement(By.linkText("邀请卡")).click();
        new Select(browser.visible(By.id("building"))).selectByVisibleText("1号楼");
        driver.findElement(By.id("issue")).click();
        browser.visible(By.id("cards"));
        List<?> qrs = driver.findElements(By.cssSelector("#cards svg.qr"));
        assertEquals(2, qrs.size());
        assertTrue(driver.findElements(By.cssSelector("#cards .code")).stream()
                .allMatch(e -> e.getText().matches("[A-Z0-9-]{4,20}")));
    }

    @Test
    void aFormWithoutOrWithAWrongTokenIsRefused() {
        ConsoleWorld w = new ConsoleWorld();
        logIn(w.committee);
        String dashboard = driver.getCurrentUrl();
        ((JavascriptExecutor) driver).executeScript(
                "document.querySelector('form[action=\"/console/logout\"] input[name=csrf]').value = 'forged';");
        driver.findElement(By.id("logout")).click();
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("error-message"), "页面已过期"));
        assertTrue(driver.getTitle().startsWith("403"));
        browser.open(dashboard);
        ((JavascriptExecutor) driver).executeScript(
                "document.querySelector('form[action=\"/console/logout\"] input[name=csrf]').remove();");
        driver.findElement(By.id("logout")).click();
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("error-message"), "页面已过期"));
        browser.open(dashboard);
        assertTrue(text().contains("待审核的绑定申请"), "still logged in");
    }

    @Test
    void aGridWorkerCannotOpenAnotherGridsBuildingByUrl() {
        ConsoleWorld w = new ConsoleWorld();
        logIn(w.staff("GRID_WORKER", w.grids.get("第一网格"), null));
        browser.open(base + "console/c/" + w.community + "/households");
        assertTrue(driver.findElement(By.id("households")).getText().contains("1号楼"));
        assertTrue(!driver.findElement(By.id("households")).getText().contains("2号楼"));
        browser.open(base + "console/c/" + w.community + "/households?building=" + w.buildings.get("2号楼"));
        assertTrue(driver.getTitle().startsWith("403"), driver.getTitle());
        assertTrue(text().contains("您没有权限"));
        assertTrue(driver.findElements(By.linkText("名册导入")).isEmpty(), "no roster link for a grid worker");
    }

    @Test
    void logoutEndsTheSessionAndTheLayoutWorksOnAPhoneAndByKeyboard() {
        ConsoleWorld w = new ConsoleWorld();
        logIn(w.committee);
        String dashboard = driver.getCurrentUrl();
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        browser.open(base + "console/c/" + w.community + "/households");
        Object overflow = ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth > window.innerWidth + 1;");
        assertEquals(Boolean.FALSE, overflow, "no sideways scrolling on a phone");
        driver.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        assertEquals("跳到正文", driver.switchTo().activeElement().getText());
        Object unlabelled = ((JavascriptExecutor) driver).executeScript(
                "return [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]"
                        + ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).length;");
        assertEquals(0L, unlabelled, "every control has a label");

        driver.findElement(By.id("logout")).click();
        browser.until(ExpectedConditions.urlContains("/console/login"));
        assertTrue(text().contains("已退出登录"));
        browser.open(dashboard);
        browser.until(ExpectedConditions.urlContains("/console/login"));
    }

    private static long household(long community, String building) {
        Pool pool = Arc.container().instance(Pool.class).get();
        return pool.preparedQuery("SELECT h.id FROM household h JOIN building_unit u ON u.id = h.unit_id"
                        + " JOIN building b ON b.id = u.building_id WHERE h.community_id = $1 AND b.name = $2 LIMIT 1")
                .execute(Tuple.of(community, building)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }
}
