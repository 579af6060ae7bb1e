package org.linli.common;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class LogTextTest {

    @Test
    void urlsLoseTheirQueryAndSecretPairsAreMasked() {
        String scrubbed = LogText.scrub("GET https://api.weixin.qq.com/sns/jscode2session?appid=a&secret=s3cr3t&js_code=c"
                + " failed; access_token=tok123 errcode=40029");
        assertEquals("GET https://api.weixin.qq.com/sns/jscode2session?… failed; access_token=*** errcode=40029", scrubbed);
        assertFalse(LogText.scrub("{\"secret\": \"abc\"}").contains("abc"));
    }

    @Test
    void clientTextCannotBreakTheLine() {
        assertEquals("\"a\\u000aFORGED\\u000d\\u202e\"", LogText.quote("a\nFORGED\r\u202E"));
    }
}
