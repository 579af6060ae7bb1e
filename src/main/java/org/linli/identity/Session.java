package org.linli.identity;

import java.time.Instant;

/**
 * What a login token stands for. Only who logged in and when: grants and account status are re-read on every
 * request, so a disabled account or a revoked grant stops working at once.
 */
record Session(Caller.Kind kind, long id, Instant openedAt) {
}
