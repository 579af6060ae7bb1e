package org.linli.common.infra;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.linli.common.infra.embedded.EmbeddedServices;
import org.linli.support.ProdJar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the packaged application in the prod profile: it must stop at once with a message that names the server and
 * the key to fix when a server is down, refuse to start while a secret holds its demo value, and, when it starts,
 * name the settings an operator has yet to replace. The artifact itself carries no dev tooling.
 */
class ProdStartupIT {

    private static final Pattern LISTENING = Pattern.compile("Listening on: http://[^:]+:(\\d+)");
    private static final Pattern MANAGEMENT = Pattern.compile("Management interface listening on http://[^:]+:(\\d+)");
    private static Map<String, String> servers;

    private final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void servers() {
        // The tests' own database and Redis DB on the local servers, or embedded ones in this JVM: the jar has none.
        String pg = "postgresql://127.0.0.1:5432/" + System.getProperty("linli.test.database", "linli_test");
        String redis = "redis://127.0.0.1:6379/" + System.getProperty("linli.test.redis-db", "2");
        RequiredServers.Mode mode = RequiredServers.Mode.valueOf(
                System.getProperty("linli.embedded-services", "auto").toUpperCase(Locale.ROOT));
        Map<String, String> chosen = new LinkedHashMap<>(Map.of("quarkus.datasource.reactive.url", pg,
                "quarkus.datasource.jdbc.url", "jdbc:" + pg, "quarkus.redis.hosts", redis));
        chosen.putAll(new EmbeddedServices(mode, pg, redis).prepare());
        servers = chosen;
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : started) {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void refusesToStartWhenPostgresqlIsDown() throws Exception {
        int dead = deadPort();
        Result r = launch(ProdJar.command(Map.of(),
                "-Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:" + dead + "/test",
                "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:" + dead + "/test"));
        assertNotEquals(0, r.exitCode, r.output);
        assertTrue(r.output.contains("Linli cannot start: PostgreSQL at postgresql://127.0.0.1:" + dead), r.output);
        assertTrue(r.output.contains("quarkus.datasource.reactive.url"), r.output);
    }

    @Test
    void refusesToStartWhenRedisIsDown() throws Exception {
        int dead = deadPort();
        Result r = launch(ProdJar.command(Map.of(), "-Dquarkus.redis.hosts=redis://127.0.0.1:" + dead));
        assertNotEquals(0, r.exitCode, r.output);
        assertTrue(r.output.contains("Linli cannot start: Redis at redis://127.0.0.1:" + dead), r.output);
    }

    @Test
    void refusesEmbeddedServersItDoesNotCarry() throws Exception {
        Result r = launch(ProdJar.command(Map.of(), "-Dlinli.embedded-services=always"));
        assertEquals(1, r.exitCode, r.output);
        assertTrue(r.output.contains("Linli cannot start: linli.embedded-services=always asks for embedded servers"),
                r.output);
    }

    @Test
    void refusesToStartWhileASecretHoldsItsDemoValue() throws Exception {
        Map<String, String> demo = Map.of("linli.wechat.mp.token", "linlidemotoken",
                "linli.wechat.mp.aes-key", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
                "linli.wechat.mp.secret", "demo-mp-secret", "linli.wechat.mini.secret", "demo-mini-secret",
                "linli.phone-hash-key", "change-me-in-production");
        Result r = launch(ProdJar.command(servers, demo.entrySet().stream()
                .map(e -> "-D" + e.getKey() + "=" + e.getValue()).toArray(String[]::new)));
        assertEquals(1, r.exitCode, r.output);
        String refusal = r.output.lines().filter(l -> l.contains("secrets still hold their demo values"))
                .findFirst().orElseThrow(() -> new AssertionError(r.output));
        demo.keySet().forEach(key -> assertTrue(refusal.contains(key), key + " not named: " + refusal));
        demo.values().forEach(value -> assertFalse(r.output.contains(value), "a secret's value in the log"));
        assertFalse(r.output.contains("started in"), r.output);
    }

    @Test
    void namesEverySettingStillHoldingADemoValue() throws Exception {
        Running app = start(ProdJar.command(servers, "-Dlinli.push.enabled=false",
                "-Dlinli.push.templates.NOTICE.mp-template-id=OPENTM-real-1",
                "-Dlinli.wechat.mp.app-id=wx-demo-mp-appid"));
        String warning = app.output.lines().filter(l -> l.contains("demo or placeholder values")).findFirst()
                .orElseThrow(() -> new AssertionError(app.output));
        List<String> named = List.of(warning.substring(warning.lastIndexOf(": ") + 2).strip().split(", "));
        assertTrue(named.containsAll(List.of("linli.push.templates.NOTICE.mini-template-id",
                "linli.push.templates.REMINDER.mp-template-id", "linli.wechat.mp.app-id")), warning);
        assertFalse(named.contains("linli.push.templates.NOTICE.mp-template-id"), "set to a real id: " + warning);
        assertFalse(named.contains("linli.wechat.mini.app-id"), "set to a real id: " + warning);
    }

    @Test
    void withoutAnAesKeyOnlyPlainCallbacksAreAccepted() throws Exception {
        Running app = start(ProdJar.command(servers, "-Dlinli.push.enabled=false", "-Dlinli.wechat.mp.aes-key="));
        String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
        String nonce = "it" + System.nanoTime();
        String query = "signature=" + sha1(ProdJar.TOKEN, timestamp, nonce) + "&timestamp=" + timestamp
                + "&nonce=" + nonce + "&openid=it-openid";
        String plain = "<xml><ToUserName><![CDATA[gh_it]]></ToUserName><FromUserName><![CDATA[it-openid]]>"
                + "</FromUserName><CreateTime>" + timestamp + "</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                + "<Content><![CDATA[帮助]]></Content><MsgId>" + System.nanoTime() + "</MsgId></xml>";
        String encrypted = "<xml><ToUserName><![CDATA[gh_it]]></ToUserName><Encrypt><![CDATA[AAAA]]></Encrypt></xml>";

        HttpResponse<String> safeMode = post(app.port, query + "&encrypt_type=aes&msg_signature=00", encrypted);
        assertEquals(400, safeMode.statusCode(), safeMode.body());
        assertTrue(safeMode.body().contains("\"code\":\"CALLBACK_PLAIN_ONLY\""), safeMode.body());

        HttpResponse<String> plainMode = post(app.port, query, plain);
        assertEquals(200, plainMode.statusCode(), plainMode.body());
        assertTrue(plainMode.body().contains("<Content>"), plainMode.body());
    }

    @Test
    void managementEndpointsAreOnlyOnTheManagementPort() throws Exception {
        Running app = start(ProdJar.command(servers, "-Dlinli.push.enabled=false"));
        assertTrue(app.managementPort > 0 && app.managementPort != app.port, app.output);
        for (String path : List.of("/q/metrics", "/q/openapi", "/q/health/ready", "/q/swagger-ui", "/q/dev-ui")) {
            assertEquals(404, get(app.port, path).statusCode(), "public port serves " + path);
        }
        for (String path : List.of("/q/metrics", "/q/openapi", "/q/health/ready", "/q/health/live",
                "/q/health/started")) {
            assertEquals(200, get(app.managementPort, path).statusCode(), "management port lacks " + path);
        }
        assertTrue(get(app.managementPort, "/q/metrics").body().contains("linli_push"), "push metrics");
    }

    /** What target/quarkus-app holds: no fake WeChat API, no dev chat, no embedded servers (issue 8 §3). */
    @Test
    void theArtifactCarriesNoDevTooling() throws IOException {
        Path app = Path.of(System.getProperty("linli.app.jar")).getParent();
        List<String> devEntries = new ArrayList<>();
        try (Stream<Path> jars = Files.walk(app)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    file.stream().map(e -> e.getName())
                            .filter(name -> name.startsWith("org/linli/wechat/fake/")
                                    || name.startsWith("org/linli/wechat/dev/")
                                    || name.startsWith("org/linli/common/infra/embedded/")
                                    || name.startsWith("templates/DevChatResource/")
                                    || name.startsWith("io/zonky/") || name.startsWith("redis/embedded/"))
                            .forEach(name -> devEntries.add(app.relativize(jar) + "!" + name));
                }
            }
        }
        assertEquals(List.of(), devEntries);
        List<String> libs;
        try (Stream<Path> files = Files.walk(app.resolve("lib"))) {
            libs = files.map(p -> p.getFileName().toString()).toList();
        }
        assertEquals(List.of(), libs.stream()
                .filter(name -> name.startsWith("io.zonky") || name.contains("embedded-redis")).toList());
        long bytes;
        try (Stream<Path> files = Files.walk(app)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        System.out.printf("target/quarkus-app: %.1f MB%n", bytes / 1e6);
        assertTrue(bytes < 100_000_000L, "the artifact grew to " + bytes + " bytes; 82 MB without dev tooling, 175 MB with it");
    }

    private record Result(int exitCode, String output) {
    }

    private record Running(String output, int port, int managementPort) {
    }

    private static Result launch(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean exited = process.waitFor(90, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(exited ? process.exitValue() : Integer.MIN_VALUE, output);
    }

    /** Starts the jar and returns once Quarkus says it started (the log so far and the HTTP port). */
    private Running start(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        started.add(process);
        StringBuilder output = new StringBuilder();
        int port = -1;
        int managementPort = -1;
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        for (String line; System.nanoTime() < deadline && (line = lines.readLine()) != null; ) {
            output.append(line).append('\n');
            if (line.contains("started in")) {
                Matcher m = LISTENING.matcher(line);
                port = m.find() ? Integer.parseInt(m.group(1)) : -1;
                Matcher mm = MANAGEMENT.matcher(line);
                managementPort = mm.find() ? Integer.parseInt(mm.group(1)) : -1;
                break;
            }
        }
        assertTrue(output.toString().contains("started in"), output.toString());
        // The rest of the log goes to target/prod-startup-<port>.log, to read when a test fails.
        Path rest = Path.of("target", "prod-startup-" + port + ".log");
        Files.writeString(rest, output);
        Thread drain = new Thread(() -> lines.lines().forEach(line -> append(rest, line)), "it-log-drain");
        drain.setDaemon(true);
        drain.start();
        return new Running(output.toString(), port, managementPort);
    }

    private static void append(Path file, String line) {
        try {
            Files.writeString(file, line + "\n", StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> post(int port, String query, String body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/wechat/mp?" + query))
                .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sha1(String... parts) throws Exception {
        String joined = String.join("", Stream.of(parts).sorted().toList());
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(joined.getBytes(StandardCharsets.UTF_8)));
    }

    private static int deadPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
