package org.linli.thread;

import io.smallrye.mutiny.Uni;

/**
 * WeChat's content check (msgSecCheck v2) for text a resident typed in the Mini-Program, implemented in
 * {@code org.linli.wechat}. The check needs the resident's Mini-Program openid and a Mini-Program session of the
 * last 2 hours, so only text that arrives through the Mini-Program API is sent here.
 */
public interface TextSafety {

    enum Verdict { PASS, REVIEW, RISKY, UNAVAILABLE }

    /** scene: 1 profile, 2 comment, 3 forum post, 4 social log (WeChat's numbering). */
    Uni<Verdict> check(long residentId, String text, int scene);
}
