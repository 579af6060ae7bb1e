package org.linli.push;

import java.time.Instant;
import java.util.Map;

/** A push_message row as the workers see it. */
record QueuedMessage(long id, long communityId, String sourceRef, String kind, boolean urgent, String title,
                     String summary, String page, Map<String, String> fields, Instant createdAt) {
}
