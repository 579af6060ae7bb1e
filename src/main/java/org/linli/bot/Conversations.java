package org.linli.bot;

import io.smallrye.mutiny.Uni;

/** The bot as the gateway sees it: one message in, one reply out; state lives in Redis, keyed by openid. */
public interface Conversations {

    /** Counts the message against its sender's rate limit, then answers it. */
    Uni<Reply> handle(IncomingMessage message);

    /**
     * Answers a message the caller has already counted against its sender's rate limit (when
     * {@link RateLimiter#counts} says it counts), with the verdict of that count.
     */
    Uni<Reply> handle(IncomingMessage message, RateLimiter.Verdict counted);
}
