package org.linli.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A closed-loop load: {@code requests} calls, at most {@code concurrency} in flight; throughput, p50, p99, errors. */
final class Load {

    private Load() {
    }

    static String run(String name, int requests, int concurrency, IntFunction<CompletableFuture<Integer>> call)
            throws InterruptedException {
        Semaphore slots = new Semaphore(concurrency);
        long[] latencies = new long[requests];
        AtomicInteger bad = new AtomicInteger();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            slots.acquire();
            int n = i;
            long t = System.nanoTime();
            all.add(call.apply(i).handle((status, e) -> {
                latencies[n] = System.nanoTime() - t;
                if (e != null || status >= 400) {
                    bad.incrementAndGet();
                }
                slots.release();
                return null;
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        String line = String.format(Locale.ROOT, "%-48s %6d req, %3d clients: %7.0f req/s, p50 %6.1f ms, p99 %6.1f ms,"
                        + " errors %d", name, requests, concurrency, requests / seconds, latencies[requests / 2] / 1e6,
                latencies[(int) (requests * 0.99)] / 1e6, bad.get());
        System.out.println(line);
        assertEquals(0, bad.get(), line);
        return line;
    }
}
