package org.linli.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command that runs the packaged application (failsafe's linli.app.jar) in the prod profile, with secrets
 * that are not the demo ones (the prod start refuses those) and the IT's own servers.
 */
public final class ProdJar {

    public static final String MP_APP_ID = "wx-it-mp-appid-0001";
    public static final String MP_SECRET = "it-mp-secret-3f9a1c7e5b2d4a6f8e0c";
    public static final String MINI_APP_ID = "wx-it-mini-appid-0001";
    public static final String MINI_SECRET = "it-mini-secret-7c1e9a3b5d2f4e6a8c0b";
    public static final String TOKEN = "itcallbacktoken2026";
    /** 43 characters of Base64 (the EncodingAESKey format), not the demo key. */
    public static final String AES_KEY = "QkV0dGVyLWF2b2lkLXRoZS1kZW1vLWtleS1mb3ItaXQ";

    private ProdJar() {
    }

    /** Every secret set to a non-demo value; later entries of {@code overrides} win. */
    public static List<String> command(Map<String, String> servers, String... overrides) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.profile", "prod");
        properties.put("quarkus.http.port", "0");
        properties.put("quarkus.management.port", "0");
        properties.put("linli.phone-hash-key", "it-phone-hash-key-5e8d");
        properties.put("linli.bootstrap.admin-password", "it-password");
        properties.put("linli.embedded-services", "never");
        properties.put("linli.wechat.mp.app-id", MP_APP_ID);
        properties.put("linli.wechat.mp.secret", MP_SECRET);
        properties.put("linli.wechat.mp.token", TOKEN);
        properties.put("linli.wechat.mp.aes-key", AES_KEY);
        properties.put("linli.wechat.mini.app-id", MINI_APP_ID);
        properties.put("linli.wechat.mini.secret", MINI_SECRET);
        properties.putAll(servers);
        for (String override : overrides) {
            int eq = override.indexOf('=');
            properties.put(override.substring(2, eq), override.substring(eq + 1));
        }
        List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java"));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", System.getProperty("linli.app.jar")));
        return command;
    }
}
