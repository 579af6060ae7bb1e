package org.linli.thread;

import com.huaban.analysis.jieba.JiebaSegmenter;
import com.huaban.analysis.jieba.SegToken;
import io.quarkus.runtime.Startup;
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
 * the IDF comes from the compared set itself (the community's open threads), so words every thread shares
 * (楼, 小区, 问题) weigh little and the specific ones (路灯, 车棚, 漏水) decide.
 */
@Startup
@Singleton
public class Similarity {

    /** Function words and community boilerplate that say nothing about which matter it is. */
    private static final Set<String> STOP = Set.of("的", "了", "在", "是", "我", "我们", "你", "他", "她", "它", "有",
            "和", "与", "也", "都", "就", "还", "又", "很", "太", "非常", "一直", "已经", "这", "那", "这个", "那个",
            "一个", "个", "请", "麻烦", "希望", "尽快", "处理", "一下", "解决", "问题", "小区", "社区", "居民", "反映",
            "情况", "现在", "今天", "昨天", "好", "吗", "呢", "吧", "啊", "呀", "没", "没有", "不", "被", "把", "让",
            "给", "对", "到", "从", "里", "上", "下", "天", "号", "楼", "单元", "栋", "能", "会", "要", "想", "说",
            "看看", "帮忙", "谢谢", "啦", "着", "过", "得", "地", "人", "多", "些", "什么", "怎么", "时候");

    /** jieba loads its dictionary (≈ 5 s) on first use: at start, on the main thread, never on the event loop. */
    private final JiebaSegmenter segmenter = new JiebaSegmenter();

    Similarity() {
        segmenter.process("预热词典", JiebaSegmenter.SegMode.SEARCH);
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
        for (SegToken token : segmenter.process(rest.toString(), JiebaSegmenter.SegMode.SEARCH)) {
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

    /** Cosine of the query against every candidate, with IDF over the candidates plus the query. */
    <T> List<Score<T>> rank(List<String> query, Collection<T> candidates, java.util.function.Function<T, List<String>> termsOf) {
        Map<T, List<String>> docs = new java.util.LinkedHashMap<>();
        candidates.forEach(c -> docs.put(c, termsOf.apply(c)));
        Map<String, Integer> df = new HashMap<>();
        docs.values().forEach(d -> d.stream().distinct().forEach(w -> df.merge(w, 1, Integer::sum)));
        query.stream().distinct().forEach(w -> df.merge(w, 1, Integer::sum));
        int n = docs.size() + 1;
        Map<String, Double> q = vector(query, df, n);
        List<Score<T>> scores = new ArrayList<>();
        docs.forEach((item, d) -> scores.add(new Score<>(item, cosine(q, vector(d, df, n)) * place(query, d))));
        scores.sort((a, b) -> Double.compare(b.cosine(), a.cosine()));
        return scores;
    }

    /** Two texts that name different buildings (or units) are different matters, however alike the words. */
    private static double place(List<String> a, List<String> b) {
        Set<String> pa = places(a);
        Set<String> pb = places(b);
        if (pa.isEmpty() || pb.isEmpty()) {
            return 1;
        }
        return pa.stream().anyMatch(pb::contains) ? 1 : 0.3;
    }

    private static Set<String> places(List<String> terms) {
        Set<String> out = new java.util.HashSet<>();
        terms.stream().filter(t -> t.startsWith("@") && t.endsWith("号楼")).forEach(out::add);
        return out;
    }

    private static Map<String, Double> vector(List<String> terms, Map<String, Integer> df, int n) {
        Map<String, Double> tf = new HashMap<>();
        terms.forEach(w -> tf.merge(w, 1.0, Double::sum));
        tf.replaceAll((w, f) -> (1 + Math.log(f)) * (Math.log((1.0 + n) / (1.0 + df.getOrDefault(w, 0))) + 1));
        return tf;
    }

    private static double cosine(Map<String, Double> a, Map<String, Double> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        double dot = 0;
        for (var e : a.entrySet()) {
            Double o = b.get(e.getKey());
            if (o != null) {
                dot += e.getValue() * o;
            }
        }
        return dot / (norm(a) * norm(b));
    }

    private static double norm(Map<String, Double> v) {
        return Math.sqrt(v.values().stream().mapToDouble(x -> x * x).sum());
    }
}
