package org.linli.thread;

import io.smallrye.mutiny.Uni;

/**
 * WeChat's asynchronous image check (mediaCheckAsync v2) for a photo a resident attached, implemented in
 * {@code org.linli.wechat}. The verdict arrives later as the Mini-Program event {@code wxa_media_check}, which the
 * gateway hands to {@link PhotoChecks#verdict}.
 */
public interface PhotoSafety {

    /**
     * Hands the image at {@code url} to WeChat. Answers the trace id the verdict will carry, or null when the
     * resident has no Mini-Program identity to check with; fails when WeChat cannot be reached.
     */
    Uni<String> submit(long residentId, String url);
}
