package org.linli.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load generator for the Official Account callback (run by hand, not a test): sends signed plain-mode text
 * messages from many openids through the whole path (signature, parse, dedupe, Redis conversation state, reply)
 * and prints throughput and latency percentiles per concurrency level.
 *
 * <pre>java -cp target/test-classes org.linli.bench.GatewayLoad http://127.0.0.1:8090 20000 16,64,256</pre>
 */
public final class GatewayLoad {

    private static final String TOKEN = System.getProperty("token", "linlidemotoken");

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        String[] levels = (args.length > 2 ? args[2] : "16,64,256").split(",");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        run(client, base, Math.min(2_000, messages), 32, "warmup");
        for (String level : levels) {
            run(client, base, messages, Integer.parseInt(level.trim()), "c=" + level.trim());
        }
    }

    private static void run(HttpClient client, String base, int messages, int concurrency, String label)
            throws Exception {
        long[] latencies = new long[messages];
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        AtomicLong msgIds = new AtomicLong(System.nanoTime());
        Semaphore inFlight = new Semaphore(concurrency);
        CountDownLatch done = new CountDownLatch(messages);
        String run = Long.toString(System.nanoTime(), 36);
        long start = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            inFlight.acquire();
            int n = next.getAndIncrement();
            // 5,000 senders per run, so the per-openid rate limit is not what is measured.
            String openid = "bench-" + run + "-" + (n % 5_000);
            HttpRequest request = signed(base, text(openid, n % 3 == 0 ? "帮助" : "你好", msgIds.incrementAndGet()));
            long sent = System.nanoTime();
            client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                    .whenComplete((response, error) -> {
                        latencies[n] = System.nanoTime() - sent;
                        if (error != null || response.statusCode() != 200 || !response.body().contains("<Content>")) {
                            failures.incrementAndGet();
                        }
                        inFlight.release();
                        done.countDown();
                    });
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        System.out.printf("%-7s messages=%d  %.0f msgs/s  p50=%.1f ms  p99=%.1f ms  max=%.1f ms  failures=%d%n",
                label, messages, messages / seconds, ms(latencies, 0.50), ms(latencies, 0.99),
                latencies[latencies.length - 1] / 1e6, failures.get());
    }

    private static double ms(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))] / 1e6;
    }

    private static String text(String openid, String content, long msgId) {
        return "<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[" + openid
                + "]]></FromUserName><CreateTime>" + System.currentTimeMillis() / 1000
                + "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[" + content
                + "]]></Content><MsgId>" + msgId + "</MsgId></xml>";
    }

    private static HttpRequest signed(String base, String xml) throws Exception {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String nonce = Long.toString(System.nanoTime(), 36);
        String[] parts = {TOKEN, timestamp, nonce};
        Arrays.sort(parts);
        String signature = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                .digest(String.join("", parts).getBytes(StandardCharsets.UTF_8)));
        URI uri = URI.create(base + "/wechat/mp?signature=" + signature + "&timestamp=" + timestamp + "&nonce=" + nonce
                + "&openid=x");
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofString(xml)).build();
    }
}
