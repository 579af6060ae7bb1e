package org.linli.notice;

import io.restassured.RestAssured;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Sends a JSON notice of a given size without Content-Length (chunked), to test the counted-bytes limit. */
final class ChunkedUpload {

    private ChunkedUpload() {
    }

    static int post(NoticeWorld w, String path, String token, int bodyChars) throws Exception {
        String json = "{\"title\":\"分块\",\"category\":\"OTHER\",\"scope\":{\"kind\":\"COMMUNITY\"},\"body\":\""
                + "x".repeat(bodyChars) + "\"}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        URI uri = URI.create(RestAssured.baseURI + ":" + RestAssured.port + path);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                // An InputStream publisher has no known length, so the client sends it chunked.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                .build();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
