package org.linli.thread;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Precision of the duplicate offer on a labelled set (src/test/resources/threads/duplicates.tsv: 200 texts, 50
 * matters). The texts arrive one by one in a fixed shuffled order, all in one community; each is compared with
 * every text before it (the open threads), and the candidates at or above the threshold (at most 3) are offered.
 * Precision = offered candidates of the same matter ÷ offered candidates; recall = arrivals whose matter was
 * already open and that were offered at least one right candidate ÷ such arrivals.
 */
class DuplicatePrecisionTest {

    record Text(int group, String text, List<String> terms) {
    }

    record Result(double threshold, int offered, int right, int arrivalsWithTwin, int found) {
        double precision() {
            return offered == 0 ? 1 : (double) right / offered;
        }

        double recall() {
            return arrivalsWithTwin == 0 ? 1 : (double) found / arrivalsWithTwin;
        }
    }

    private static final Similarity SIMILARITY = new Similarity();
    private static List<Text> texts;

    @BeforeAll
    static void load() throws Exception {
        texts = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(DuplicatePrecisionTest.class
                .getResourceAsStream("/threads/duplicates.tsv"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t");
                texts.add(new Text(Integer.parseInt(parts[0]), parts[1], SIMILARITY.terms(parts[1])));
            }
        }
        Collections.shuffle(texts, new Random(20261201));
    }

    static Result run(double threshold) {
        int offered = 0;
        int right = 0;
        int withTwin = 0;
        int found = 0;
        for (int i = 1; i < texts.size(); i++) {
            Text arriving = texts.get(i);
            List<Text> open = texts.subList(0, i);
            List<Similarity.Score<Text>> offer = SIMILARITY.rank(arriving.terms(), open, Text::terms).stream()
                    .filter(s -> s.cosine() >= threshold).limit(3).toList();
            long good = offer.stream().filter(s -> s.item().group() == arriving.group()).count();
            offered += offer.size();
            right += (int) good;
            if (open.stream().anyMatch(t -> t.group() == arriving.group())) {
                withTwin++;
                if (good > 0) {
                    found++;
                }
            }
        }
        return new Result(threshold, offered, right, withTwin, found);
    }

    @Test
    void theLabelledSetHasAtLeast200TextsIn50Matters() {
        assertEquals(200, texts.size());
        assertEquals(50, texts.stream().map(Text::group).distinct().count());
    }

    @Test
    void precisionAtTheConfiguredThreshold() {
        for (double t = 0.2; t <= 0.61; t += 0.05) {
            Result r = run(t);
            System.out.printf("threshold %.2f: offered %d, right %d, precision %.3f, recall %.3f (%d/%d)%n",
                    t, r.offered(), r.right(), r.precision(), r.recall(), r.found(), r.arrivalsWithTwin());
        }
        Result configured = run(0.30);
        System.out.printf("CONFIGURED 0.30: precision %.3f recall %.3f%n", configured.precision(), configured.recall());
        assertTrue(configured.precision() >= 0.88, "precision " + configured.precision());
        assertTrue(configured.recall() >= 0.55, "recall " + configured.recall());
    }

    @Test
    void theSameProblemInAnotherBuildingIsNotTheSameMatter() {
        List<String> a = SIMILARITY.terms("3号楼2单元楼道灯坏了");
        List<String> b = SIMILARITY.terms("5号楼1单元楼道灯坏了");
        List<String> c = SIMILARITY.terms("三号楼二单元楼道的灯不亮了");
        List<Similarity.Score<List<String>>> ranked = SIMILARITY.rank(a, List.of(b, c), x -> x);
        assertEquals(c, ranked.get(0).item(), ranked.toString());
    }
}
