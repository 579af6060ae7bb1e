package org.linli.push;

import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

/** What every push engine on this replica shares: configuration, stores in PostgreSQL and Redis, channel adapters. */
@Singleton
class PushParts {

    private final PushConfig config;
    private final Clock clock;
    private final Pool pool;
    private final Claims claims;
    private final Consents consents;
    private final ChannelPauses pauses;
    private final RateLimiter limiter;
    private final TemplateCatalog templates;
    private final QuietHours quietHours;
    private final Map<Channel, PushChannel> adapters;
    private final PushMetrics metrics;

    @Inject
    PushParts(PushConfig config, Clock clock, Pool pool, Claims claims, Consents consents, ChannelPauses pauses,
              RateLimiter limiter, TemplateCatalog templates, Instance<PushChannel> channels, PushMetrics metrics) {
        this(config, clock, pool, claims, consents, pauses, limiter, templates, QuietHours.of(config.quietHours()),
                adapters(channels), metrics);
    }

    private PushParts(PushConfig config, Clock clock, Pool pool, Claims claims, Consents consents,
                      ChannelPauses pauses, RateLimiter limiter, TemplateCatalog templates, QuietHours quietHours,
                      Map<Channel, PushChannel> adapters, PushMetrics metrics) {
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
        this.pool = pool;
        this.claims = claims;
        this.consents = consents;
        this.pauses = pauses;
        this.limiter = limiter;
        this.templates = templates;
        this.quietHours = quietHours;
        this.adapters = adapters;
    }

    /** The same parts on another clock and quiet hours (tests that check quiet hours at a chosen instant). */
    PushParts withTime(Clock otherClock, QuietHours otherQuietHours) {
        return new PushParts(config, otherClock, pool, claims, consents, pauses, limiter, templates, otherQuietHours,
                adapters, metrics);
    }

    private static Map<Channel, PushChannel> adapters(Instance<PushChannel> channels) {
        Map<Channel, PushChannel> adapters = new EnumMap<>(Channel.class);
        channels.forEach(c -> adapters.put(c.channel(), c));
        return adapters;
    }

    PushMetrics metrics() {
        return metrics;
    }

    QuietHours quietHours() {
        return quietHours;
    }

    PushConfig config() {
        return config;
    }

    Clock clock() {
        return clock;
    }

    Pool pool() {
        return pool;
    }

    Claims claims() {
        return claims;
    }

    Consents consents() {
        return consents;
    }

    ChannelPauses pauses() {
        return pauses;
    }

    RateLimiter limiter() {
        return limiter;
    }

    TemplateCatalog templates() {
        return templates;
    }

    Map<Channel, PushChannel> adapters() {
        return adapters;
    }
}
