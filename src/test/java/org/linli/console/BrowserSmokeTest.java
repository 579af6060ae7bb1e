package org.linli.console;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.linli.support.LinliInfra;
import org.openqa.selenium.By;

import java.net.URL;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The browser reaches the test HTTP port and renders a server page. */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class BrowserSmokeTest {

    @RegisterExtension
    static Browser browser = new Browser();

    @TestHTTPResource("/")
    URL base;

    @Test
    void rendersTheDevChatPage() {
        browser.open(base + "dev/chat");
        assertFalse(browser.visible(By.tagName("body")).getText().isBlank());
        assertEquals("邻里说事 · 公众号对话模拟器", browser.driver().getTitle());
    }
}
