package org.linli.thread;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code linli.thread.*}: categories, keywords, clocks, rating window, moderation and duplicate settings. */
@ConfigMapping(prefix = "linli.thread")
public interface ThreadConfig {

    /** The categories residents choose from: the default of a community that has not set its own ({@link ThreadSettings}). */
    @WithDefault("环境卫生,设施维修,停车,邻里纠纷,安全隐患,噪音扰民,建议,其他")
    List<String> categories();

    /** Category → words that suggest it (category suggestion). */
    Map<String, List<String>> keywords();

    /** Categories that are urgent by default. */
    @WithDefault("安全隐患")
    List<String> urgentCategories();

    /** Words that make a matter urgent by default (停水 …). */
    @WithDefault("停水,停电,漏水,燃气,煤气,着火,火灾,冒烟,电梯困人,困在电梯,触电")
    List<String> urgentWords();

    /** Days after resolution during which the raiser and supporters may rate. */
    @WithDefault("7")
    int ratingDays();

    /** How often threads whose rating window ended are closed ({@code off} in tests, which run the pass). */
    @WithDefault("10m")
    String closeEvery();

    /** How often residents' unsent photos are handed to WeChat's image check ({@code off} in tests). */
    @WithDefault("20s")
    String photoCheckEvery();

    /** Reports that hide a thread or comment until staff review it. */
    @WithDefault("3")
    int reportsToHide();

    @WithDefault("9")
    int maxPhotos();

    /** Words that refuse a text outright (local list, checked before WeChat). */
    @WithDefault("赌博,代开发票,办证,枪支")
    List<String> refusedWords();

    /** Words that hold a text for staff review. */
    @WithDefault("上访,维权群,拉横幅")
    List<String> reviewWords();

    /** A holiday calendar file (see holidays/cn-2026.txt); without it the packaged 2026 schedule is used. */
    Optional<String> holidayFile();

    Sla sla();

    Duplicates duplicates();

    interface Sla {
        /** Durations: {@code 2h} calendar hours, {@code 7d} calendar days, {@code 5wd} working days. */
        @WithDefault("2h")
        String acceptUrgent();

        @WithDefault("24h")
        String acceptNormal();

        @WithDefault("24h")
        String resolveUrgent();

        @WithDefault("7d")
        String resolveNormal();

        @WithDefault("15d")
        String resolveComplex();

        /** Per category overrides, e.g. {@code linli.thread.sla.categories."设施维修".resolve-normal=5wd}. */
        Map<String, Override> categories();

        interface Override {
            Optional<String> acceptUrgent();

            Optional<String> acceptNormal();

            Optional<String> resolveUrgent();

            Optional<String> resolveNormal();

            Optional<String> resolveComplex();
        }
    }

    interface Duplicates {
        /** TF-IDF cosine from which an open thread counts as a likely duplicate. */
        @WithDefault("0.30")
        double threshold();

        @WithDefault("3")
        int maxCandidates();

        /** Open threads compared at most (newest first). */
        @WithDefault("5000")
        int window();

        /** How long a replica compares with the open threads it last read (ones raised on it join at once). */
        @WithDefault("5s")
        java.time.Duration refresh();
    }
}
