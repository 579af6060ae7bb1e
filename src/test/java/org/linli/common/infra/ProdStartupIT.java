package org.linli.common.infra;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the packaged application in the prod profile against servers that are down: it must stop at once with
 * a message that names the server and the key to fix, not hang or start half-working.
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

    private record Result(int exitCode, String output) {
    }

    private static Result launch(String... overrides) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java",
                "-Dquarkus.profile=prod", "-Dquarkus.http.port=0", "-Dlinli.phone-hash-key=it-key",
                "-Dlinli.bootstrap.admin-password=it-password"));
        command.addAll(List.of(overrides));
        command.addAll(List.of("-jar", System.getProperty("linli.app.jar")));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
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
