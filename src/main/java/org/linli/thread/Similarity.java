package org.linli.thread;

import com.huaban.analysis.jieba.JiebaSegmenter;
import com.huaban.analysis.jieba.SegToken;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Text similarity for duplicate detection: jieba segmentation (search mode) into terms, then TF-IDF cosine where
 * the IDF comes from the compared set itself (the community's open threads, a {@link Corpus}), so words every
 * thread shares (楼, 小区, 问题) weigh little and the specific ones (路灯, 车棚, 漏水) decide.
 */
@Singleton
public class Similarity {

    /** Function words and community boilerplate that say nothing about which matter it is. */
    private static final Set<String> STOP = Set.of("的", "了", "在", "是", "我", "我们", "你", "他", "她", "它", "有",
            "和", "与", "也", "都", "就", "还", "又", "很", "太", "非常", "一直", "已经", "这", "那", "这个", "那个",
            "一个", "个", "请", "麻烦", "希望", "尽快", "处理", "一下", "解决", "问题", "小区", "社区", "居民", "反映",
            "情况", "现在", "今天", "昨天", "好", "吗", "呢", "吧", "啊", "呀", "没", "没有", "不", "被", "把", "让",
            "给", "对", "到", "从", "里", "上", "下", "天", "号", "楼", "单元", "栋", "能", "会", "要", "想", "说",
            "看看", "帮忙", "谢谢", "啦", "着", "过", "得", "地", "人", "多", "些", "什么", "怎么", "时候");

    private final Object loading = new Object();
    private volatile JiebaSegmenter segmenter;

    /**
     * jieba loads its dictionary (≈ 3 s) on first use: here on a thread of its own as the application starts, so
     * readiness does not wait for it; a text segmented before it is loaded waits (on a worker thread).
     */
    void warmUp(@Observes StartupEvent start) {
        Thread t = new Thread(this::segmenter, "jieba-dictionary");
        t.setDaemon(true);
        t.start();
    }

    private JiebaSegmenter segmenter() {
        JiebaSegmenter s = segmenter;
        if (s == null) {
            synchronized (loading) {
                if (segmenter == null) {
                    JiebaSegmenter loaded = new JiebaSegmenter();
                    loaded.process("预热词典", JiebaSegmenter.SegMode.SEARCH);
                    segmenter = loaded;
                }
                s = segmenter;
            }
        }
        return s;
    }

    private static final java.util.regex.Pattern PLACE = java.util.regex.Pattern.compile(
            "([0-9]+)\\s*(号楼|栋|幢|号|楼|单元|层)");
    private static final String NUMERALS = "零一二三四五六七八九十";

    /**
     * Features of a text: place tokens ({@code @3号楼}, {@code @2单元}: 三号楼 and 3号楼 alike), jieba words (search
     * mode) without stop words and punctuation, and single Han characters ({@code ~灯}) so that paraphrases (灯坏了 /
     * 灯不亮) still share something.
     */
    public List<String> terms(String text) {
        String clean = numerals(Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase());
        List<String> terms = new ArrayList<>();
        java.util.regex.Matcher m = PLACE.matcher(clean);
        StringBuilder rest = new StringBuilder();
        while (m.find()) {
            String unit = switch (m.group(2)) {
                case "号楼", "栋", "幢", "号", "楼" -> "号楼";
                default -> m.group(2);
            };
            terms.add("@" + m.group(1) + unit);
            m.appendReplacement(rest, " ");
        }
        m.appendTail(rest);
        for (SegToken token : segmenter().process(rest.toString(), JiebaSegmenter.SegMode.SEARCH)) {
            String w = token.word.strip();
            if (w.isEmpty() || STOP.contains(w) || !w.codePoints().allMatch(Character::isLetterOrDigit)
                    || (w.length() == 1 && Character.UnicodeScript.of(w.codePointAt(0)) == Character.UnicodeScript.HAN)) {
                continue;
            }
            terms.add(w);
        }
        rest.codePoints().filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)
                .mapToObj(Character::toString).filter(c -> !STOP.contains(c)).forEach(c -> terms.add("~" + c));
        return terms;
    }

    /** 三号楼 → 3号楼, 十二号楼 → 12号楼 (numerals up to 99 before a place word). */
    private static String numerals(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([零一二三四五六七八九十]{1,3})(?=号楼|栋|幢|号|楼|单元|层)")
                .matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, String.valueOf(value(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static int value(String n) {
        int ten = n.indexOf('十');
        if (ten < 0) {
            return NUMERALS.indexOf(n.charAt(n.length() - 1));
        }
        int tens = ten == 0 ? 1 : NUMERALS.indexOf(n.charAt(0));
        int ones = ten == n.length() - 1 ? 0 : NUMERALS.indexOf(n.charAt(ten + 1));
        return tens * 10 + ones;
    }

    String joined(String text) {
        return String.join(" ", terms(text));
    }

    static List<String> split(String joined) {
        return joined == null || joined.isBlank() ? List.of() : List.of(joined.split(" "));
    }

    /** A scored comparison against one candidate. */
    public record Score<T>(T item, double cosine) {
    }

    /** A text's terms as compared: how often each occurs, and the buildings it names. */
    public record Terms(Map<String, Integer> counts, Set<String> places) {

        public static Terms of(List<String> terms) {
            Map<String, Integer> counts = new HashMap<>(terms.size() * 2);
            terms.forEach(w -> counts.merge(w, 1, Integer::sum));
            return new Terms(counts, Similarity.places(counts.keySet()));
        }
    }

    /**
     * A compared set: each term's IDF over it, ln((1 + n) / (1 + df)) + 1, so words every thread shares weigh
     * little and a word it never saw weighs most; and, per term, its members' weights, so a query touches only the
     * members that share one of its terms.
     */
    public static final class Corpus {

        private record Postings(int[] docs, double[] weights) {
        }

        private final List<Terms> docs;
        private final Map<String, Double> idf = new HashMap<>();
        private final double unseen;
        private final Map<String, Postings> postings = new HashMap<>();
        private final double[] norms;

        public Corpus(List<Terms> docs) {
            this.docs = docs;
            Map<String, Integer> df = new HashMap<>();
            docs.forEach(d -> d.counts().keySet().forEach(w -> df.merge(w, 1, Integer::sum)));
            int n = docs.size();
            df.forEach((w, f) -> idf.put(w, Math.log((1.0 + n) / (1.0 + f)) + 1));
            unseen = Math.log(1.0 + n) + 1;
            Map<String, int[]> filled = new HashMap<>();
            df.forEach((w, f) -> postings.put(w, new Postings(new int[f], new double[f])));
            norms = new double[n];
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (var e : docs.get(i).counts().entrySet()) {
                    double w = tf(e.getValue()) * idf(e.getKey());
                    Postings p = postings.get(e.getKey());
                    int at = filled.computeIfAbsent(e.getKey(), k -> new int[1])[0]++;
                    p.docs()[at] = i;
                    p.weights()[at] = w;
                    sum += w * w;
                }
                norms[i] = Math.sqrt(sum);
            }
        }

        double idf(String term) {
            return idf.getOrDefault(term, unseen);
        }

        /** The length of a text's TF-IDF vector under this corpus. */
        public double norm(Terms d) {
            double sum = 0;
            for (var e : d.counts().entrySet()) {
                double w = tf(e.getValue()) * idf(e.getKey());
                sum += w * w;
            }
            return Math.sqrt(sum);
        }

        public Query query(List<String> terms) {
            return new Query(this, Terms.of(terms));
        }

        /** The query's cosine with each member, in the members' order (0 for one sharing no term). */
        public double[] cosines(Query q) {
            double[] dot = new double[docs.size()];
            for (var e : q.weights.entrySet()) {
                Postings p = postings.get(e.getKey());
                if (p != null) {
                    for (int j = 0; j < p.docs().length; j++) {
                        dot[p.docs()[j]] += e.getValue() * p.weights()[j];
                    }
                }
            }
            for (int i = 0; i < dot.length; i++) {
                if (dot[i] > 0) {
                    dot[i] = dot[i] / (q.norm * norms[i]) * place(q.places, docs.get(i).places());
                }
            }
            return dot;
        }
    }

    /** A text to compare with a corpus's members. */
    public static final class Query {

        private final Corpus corpus;
        private final Map<String, Double> weights = new HashMap<>();
        private final Set<String> places;
        private final double norm;

        private Query(Corpus corpus, Terms terms) {
            this.corpus = corpus;
            terms.counts().forEach((w, f) -> weights.put(w, tf(f) * corpus.idf(w)));
            this.places = terms.places();
            double sum = 0;
            for (double w : weights.values()) {
                sum += w * w;
            }
            this.norm = Math.sqrt(sum);
        }

        /** Cosine with a text outside the corpus, weighed by the corpus's IDF; 0 when they share no term. */
        public double cosine(Terms d) {
            double dot = 0;
            for (var e : weights.entrySet()) {
                Integer f = d.counts().get(e.getKey());
                if (f != null) {
                    dot += e.getValue() * tf(f) * corpus.idf(e.getKey());
                }
            }
            return dot == 0 ? 0 : dot / (norm * corpus.norm(d)) * place(places, d.places());
        }
    }

    /** Cosine of the query against every candidate, with IDF over the candidates; the most similar first. */
    <T> List<Score<T>> rank(List<String> query, Collection<T> candidates, java.util.function.Function<T, List<String>> termsOf) {
        List<T> items = new ArrayList<>(candidates);
        Corpus corpus = new Corpus(items.stream().map(c -> Terms.of(termsOf.apply(c))).toList());
        double[] cosines = corpus.cosines(corpus.query(query));
        List<Score<T>> scores = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            scores.add(new Score<>(items.get(i), cosines[i]));
        }
        scores.sort((a, b) -> Double.compare(b.cosine(), a.cosine()));
        return scores;
    }

    private static double tf(int f) {
        return f == 1 ? 1 : 1 + Math.log(f);
    }

    /** Two texts that name different buildings (or units) are different matters, however alike the words. */
    private static double place(Set<String> pa, Set<String> pb) {
        if (pa.isEmpty() || pb.isEmpty()) {
            return 1;
        }
        return pa.stream().anyMatch(pb::contains) ? 1 : 0.3;
    }

    private static Set<String> places(Collection<String> terms) {
        Set<String> out = new java.util.HashSet<>();
        terms.stream().filter(t -> t.startsWith("@") && t.endsWith("号楼")).forEach(out::add);
        return out;
    }
}
