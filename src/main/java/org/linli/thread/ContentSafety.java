package org.linli.thread;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import org.linli.common.Problem;

import java.text.Normalizer;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Decides whether resident text may be shown to others: the local word lists first (refused / review), then
 * WeChat's msgSecCheck v2 when the text came through the Mini-Program. Risky → refused (400 THREAD_CONTENT_REFUSED);
 * review, WeChat unavailable, or text from the chat that would become public (v2 cannot check it) → HELD for staff.
 */
@Singleton
class ContentSafety {

    /** 11-digit mobile numbers and 15/18-character ID-card-like numbers. */
    private static final Pattern PHONE = Pattern.compile("(?<!\\d)(1[3-9]\\d)\\d{4}(\\d{4})(?!\\d)");
    private static final Pattern ID_CARD = Pattern.compile("(?<![0-9Xx])(\\d{6})\\d{8,11}([0-9Xx])(?![0-9Xx])");

    private final Instance<TextSafety> wechat;

    ContentSafety(Instance<TextSafety> wechat) {
        this.wechat = wechat;
    }

    /**
     * The moderation state the text starts in. {@code fromMiniProgram}: the resident is using the Mini-Program now
     * (the request came from it), so v2 can check the text with their openid. The community's sensitive words
     * ({@link ThreadRules}) are checked first.
     */
    Uni<Moderation> admit(ThreadRules rules, long residentId, String text, boolean fromMiniProgram,
                          boolean willBePublic, int scene) {
        String clean = Normalizer.normalize(text, Normalizer.Form.NFKC);
        if (rules.refusedWords().stream().anyMatch(clean::contains)) {
            return Uni.createFrom().failure(Problem.badRequest("THREAD_CONTENT_REFUSED"));
        }
        boolean localReview = rules.reviewWords().stream().anyMatch(clean::contains);
        if (!fromMiniProgram || !wechat.isResolvable()) {
            return Uni.createFrom().item(willBePublic || localReview ? Moderation.HELD : Moderation.VISIBLE);
        }
        return wechat.get().check(residentId, text, scene)
                .onFailure().recoverWithItem(e -> {
                    Log.warnf("Content check failed (%s): holding the text for review", e.toString());
                    return TextSafety.Verdict.UNAVAILABLE;
                })
                .map(verdict -> switch (verdict) {
                    case RISKY -> throw Problem.badRequest("THREAD_CONTENT_REFUSED");
                    case PASS -> localReview ? Moderation.HELD : Moderation.VISIBLE;
                    case REVIEW, UNAVAILABLE -> Moderation.HELD;
                });
    }

    /** Phone and ID-card-like numbers masked for display to anyone but the author and staff (PIPL). */
    static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = ID_CARD.matcher(text).replaceAll("$1********$2");
        return PHONE.matcher(masked).replaceAll("$1****$2");
    }
}
