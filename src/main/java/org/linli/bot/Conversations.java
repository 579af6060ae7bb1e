package org.linli.bot;

import io.smallrye.mutiny.Uni;

/** The bot as the gateway sees it: one message in, one reply out; state lives in Redis, keyed by openid. */
public interface Conversations {

    Uni<Reply> handle(IncomingMessage message);
}
