package org.linli.push;

import io.smallrye.mutiny.Uni;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

import static org.linli.push.DeliveryOutcome.Verdict;

/**
 * Decides one claimed delivery: waits out quiet hours and paused channels, then walks the channels in order until
 * one takes the message. Each WeChat call runs on the bounded send pool, after a token from the rate limiter.
 */
final class Dispatcher {

    private final Map<Channel, PushChannel> adapters;
    private final List<Channel> order;
    private final TemplateCatalog templates;
    private final Consents consents;
    private final ChannelPauses pauses;
    private final RateLimiter limiter;
    private final QuietHours quietHours;
    private final Backoff backoff;
    private final PushConfig config;
    private final Clock clock;
    private final Executor sendPool;

    Dispatcher(PushParts parts, Executor sendPool) {
        this.adapters = parts.adapters();
        this.order = parts.config().channels();
        this.templates = parts.templates();
        this.consents = parts.consents();
        this.pauses = parts.pauses();
        this.limiter = parts.limiter();
        this.quietHours = parts.quietHours();
        this.backoff = Backoff.of(parts.config().retry());
        this.config = parts.config();
        this.clock = parts.clock();
        this.sendPool = sendPool;
    }

    Uni<Outcome> decide(Claim claim) {
        Instant now = clock.instant();
        if (claim.cancelled() || claim.expired(now)) {
            return Uni.createFrom().item(Outcome.calledOff(claim, now, claim.cancelled() ? "cancelled" : "expired"));
        }
        if (!claim.urgent() && quietHours.contains(now)) {
            Instant morning = quietHours.endOf(now);
            return Uni.createFrom().item(Outcome.release(claim, morning.plus(Backoff.jitter(Duration.ofMinutes(10)))));
        }
        if (now.plus(config.leaseMargin()).isAfter(claim.leaseEnd())) {
            // Too little lease left to be sure nobody else takes the row while we send: hand it back.
            return Uni.createFrom().item(Outcome.release(claim, now));
        }
        return from(claim, claim.floor(), new Trail());
    }

    /** Tries the channel at {@code index} and, when it is closed for this resident, the ones after it. */
    private Uni<Outcome> from(Claim claim, int index, Trail trail) {
        Instant now = clock.instant();
        if (index >= order.size()) {
            return Uni.createFrom().item(Outcome.dead(claim, null, index, now, false, trail));
        }
        Channel channel = order.get(index);
        if (channel == Channel.IN_APP) {
            return Uni.createFrom().item(
                    Outcome.delivered(claim, DeliveryStatus.IN_APP, Channel.IN_APP, index, null, now, trail));
        }
        Optional<PushRequest> request = request(claim, channel);
        if (request.isEmpty()) {
            return from(claim, index + 1, trail);
        }
        return pauses.pausedUntil(channel).chain(paused -> paused.isPresent()
                ? waitForChannel(claim, channel, index, paused.get(), trail)
                : takeConsent(claim, channel, request.get()).chain(taken -> taken
                        ? send(claim, channel, index, request.get(), trail)
                        : from(claim, index + 1, trail)));
    }

    /** Normal pushes wait for a paused channel; urgent ones go on to the next channel. */
    private Uni<Outcome> waitForChannel(Claim claim, Channel channel, int index, Instant resume, Trail trail) {
        if (claim.urgent()) {
            return from(claim, index + 1, trail);
        }
        Instant at = resume.plus(Backoff.jitter(Duration.between(clock.instant(), resume)));
        return Uni.createFrom().item(Outcome.later(claim, channel, index, at, false, trail));
    }

    private Uni<Outcome> send(Claim claim, Channel channel, int index, PushRequest request, Trail trail) {
        return limiter.acquire(channel)
                .chain(() -> call(claim, channel, request, trail))
                .chain(result -> switch (result.verdict()) {
                    case SENT -> Uni.createFrom().item(Outcome.delivered(claim, DeliveryStatus.SENT, channel, index,
                            result.msgId(), clock.instant(), trail));
                    case CLOSED -> closeConsent(claim, channel, request, result).chain(() -> from(claim, index + 1, trail));
                    case QUOTA -> giveBackConsent(claim, channel, request)
                            .chain(() -> pauses.pause(channel, config.quotaPause()))
                            .chain(resume -> waitForChannel(claim, channel, index, resume, trail));
                    case RETRY -> giveBackConsent(claim, channel, request)
                            .map(ignored -> retry(claim, channel, index, trail));
                    case FAILED -> giveBackConsent(claim, channel, request)
                            .map(ignored -> Outcome.dead(claim, channel, index, clock.instant(), false, trail));
                });
    }

    private Outcome retry(Claim claim, Channel channel, int index, Trail trail) {
        int failures = claim.failures() + 1;
        Instant now = clock.instant();
        return failures >= config.retry().maxFailures()
                ? Outcome.dead(claim, channel, index, now, true, trail)
                : Outcome.later(claim, channel, index, now.plus(backoff.after(failures)), true, trail);
    }

    /** The blocking WeChat call, on the send pool; an adapter that throws counts as a transient failure. */
    private Uni<DeliveryOutcome> call(Claim claim, Channel channel, PushRequest request, Trail trail) {
        PushChannel adapter = adapters.get(channel);
        return Uni.createFrom().item(() -> {
                    Instant at = clock.instant();
                    long started = System.nanoTime();
                    DeliveryOutcome result = safely(adapter, request);
                    int millis = (int) Duration.ofNanos(System.nanoTime() - started).toMillis();
                    trail.add(new Attempt(claim.id(), channel, result.verdict(), result.errcode(), at, millis), result);
                    return result;
                })
                .runSubscriptionOn(sendPool);
    }

    private static DeliveryOutcome safely(PushChannel adapter, PushRequest request) {
        try {
            return adapter.send(request);
        } catch (RuntimeException e) {
            return DeliveryOutcome.of(Verdict.RETRY, -99, e.toString());
        }
    }

    private Optional<PushRequest> request(Claim claim, Channel channel) {
        if (!adapters.containsKey(channel)) {
            return Optional.empty();
        }
        QueuedMessage m = claim.message();
        String openid = channel.miniProgram() ? claim.miniOpenid() : claim.mpOpenid();
        if (openid == null) {
            return Optional.empty();
        }
        if (channel == Channel.MP_KEFU) {
            return Optional.of(new PushRequest(claim.id(), claim.idempotencyKey(), openid, null, m.title(),
                    m.summary(), m.page(), Map.of()));
        }
        return templates.templateId(m.kind(), channel)
                .filter(template -> !channel.needsConsent() || claim.consents().contains(template))
                .map(template -> new PushRequest(claim.id(), claim.idempotencyKey(), openid, template, m.title(),
                        m.summary(), m.page(), templates.data(m, channel)));
    }

    private Uni<Boolean> takeConsent(Claim claim, Channel channel, PushRequest request) {
        return channel.needsConsent()
                ? consents.take(claim.residentId(), request.templateId())
                : Uni.createFrom().item(true);
    }

    private Uni<Void> giveBackConsent(Claim claim, Channel channel, PushRequest request) {
        return channel.needsConsent()
                ? consents.giveBack(claim.residentId(), request.templateId())
                : Uni.createFrom().voidItem();
    }

    /** A refused subscribe message means WeChat holds no consent for it any more. */
    private Uni<Void> closeConsent(Claim claim, Channel channel, PushRequest request, DeliveryOutcome result) {
        if (!channel.needsConsent()) {
            return Uni.createFrom().voidItem();
        }
        return result.called()
                ? consents.exhaust(claim.residentId(), request.templateId())
                : consents.giveBack(claim.residentId(), request.templateId());
    }
}
