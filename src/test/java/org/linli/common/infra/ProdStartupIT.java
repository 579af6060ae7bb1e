package org.linli.common.infra;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the packaged application in the prod profile against servers that are down: it must stop at once with
 * a message that names the server and the key to fix, not hang or start half-working. And when it does start,
 * it names the settings an operator has yet to replace.
 */
class ProdStartupIT {

    @Test
    void refusesToStartWhenPostgresqlIsDown() throws Exception {
        int dead = deadPort();
        Result r = launch("-Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:" + dead + "/test",
                "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:" + dead + "/test");
        assertNotEquals(0, r.exitCode, r.output);
        assertTrue(r.output.contains("Linli cannot start: PostgreSQL at postgresql://127.0.0.1:" + dead), r.output);
        assertTrue(r.output.contains("quarkus.datasource.reactive.url"), r.output);
    }

    @Test
    void refusesToStartWhenRedisIsDown() throws Exception {
        int dead = deadPort();
        Result r = launch("-Dquarkus.redis.hosts=redis://127.0.0.1:" + dead);
        assertNotEquals(0, r.exitCode, r.output);
        assertTrue(r.output.contains("Linli cannot start: Redis at redis://127.0.0.1:" + dead), r.output);
    }

    @Test
    void namesEverySettingStillHoldingADemoValue() throws Exception {
        List<String> command = command("-Dlinli.embedded-services=always", "-Dlinli.push.enabled=false",
                "-Dlinli.push.templates.NOTICE.mp-template-id=OPENTM-real-1",
                "-Dlinli.wechat.mp.secret=0123456789abcdef0123456789abcdef");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            for (String line; System.nanoTime() < deadline && (line = lines.readLine()) != null; ) {
                output.append(line).append('\n');
                if (line.contains("started in")) {
                    break;
                }
            }
        } finally {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        String log = output.toString();
        assertTrue(log.contains("started in"), log);
        String warning = log.lines().filter(l -> l.contains("demo or placeholder values")).findFirst().orElseThrow();
        List<String> named = List.of(warning.substring(warning.lastIndexOf(": ") + 2).strip().split(", "));
        assertTrue(named.containsAll(List.of("linli.push.templates.NOTICE.mini-template-id",
                "linli.push.templates.REMINDER.mp-template-id", "linli.wechat.mini.secret",
                "linli.wechat.mp.app-id", "linli.wechat.mp.aes-key")), warning);
        assertFalse(named.contains("linli.push.templates.NOTICE.mp-template-id"), "set to a real id: " + warning);
        assertFalse(named.contains("linli.wechat.mp.secret"), "set to a real secret: " + warning);
    }

    private record Result(int exitCode, String output) {
    }

    private static List<String> command(String... overrides) {
        List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java",
                "-Dquarkus.profile=prod", "-Dquarkus.http.port=0", "-Dlinli.phone-hash-key=it-key",
                "-Dlinli.bootstrap.admin-password=it-password"));
        command.addAll(List.of(overrides));
        command.addAll(List.of("-jar", System.getProperty("linli.app.jar")));
        return command;
    }

    private static Result launch(String... overrides) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command(overrides)).redirectErrorStream(true).start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(exited ? process.exitValue() : Integer.MIN_VALUE, output);
    }

    private static int deadPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
