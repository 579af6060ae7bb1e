package org.linli.reminder;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.common.NativeSql;
import org.linli.push.PushMessage;
import org.linli.push.PushOutbox;
import org.linli.push.QuietHours;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.linli.reminder.ReminderService.join;
import static org.linli.reminder.ReminderService.utc;

/**
 * Hands a firing to the push outbox in the firing's transaction, each resident by their own rules: muted kinds
 * dropped (never a poll's closing reminder), non-urgent items held for a resident's daily digest, the rest sent
 * now or at the end of the resident's quiet hours. Also sends the digests whose time has come.
 */
@ApplicationScoped
class Deliveries {

    static final String KIND = "REMINDER";

    private final PushOutbox outbox;
    private final ReminderConfig config;
    private final Clock clock;

    Deliveries(PushOutbox outbox, ReminderConfig config, Clock clock) {
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    Uni<Void> skip(Due due, String reason) {
        return NativeSql.of("update reminder_occurrence set status = 'SKIPPED', done_at = :now, skip_reason = :reason,"
                        + " claimed_until = null where id = :id")
                .param("now", utc(clock.instant())).param("reason", reason).param("id", due.occurrenceId()).update()
                .replaceWithVoid();
    }

    Uni<Void> deliver(Due due, Firing firing) {
        Instant now = clock.instant();
        return settings(firing.residents()).chain(settings -> {
            Map<Instant, List<Long>> byTime = new TreeMap<>();
            List<Long> digest = new ArrayList<>();
            for (long resident : firing.residents()) {
                ReminderSettings.Rules rules = settings.getOrDefault(resident, ReminderSettings.Rules.defaults(config));
                if (firing.kind().mutable() && rules.muted().contains(firing.kind())) {
                    continue;
                }
                if (!firing.urgent() && rules.digestAt() != null) {
                    digest.add(resident);
                    continue;
                }
                Instant at = new QuietHours(rules.quietStart(), rules.quietEnd(), clock.getZone())
                        .schedule(now, firing.urgent());
                if (firing.expiresAt() != null && !at.isBefore(firing.expiresAt())) {
                    at = now; // a deadline that would pass in the resident's quiet hours is told now
                }
                byTime.computeIfAbsent(at, t -> new ArrayList<>()).add(resident);
            }
            List<String> refs = new ArrayList<>();
            List<Uni<Integer>> enqueues = new ArrayList<>();
            byTime.forEach((at, residents) -> {
                String ref = "reminder:" + due.occurrenceId()
                        + (at.equals(now) ? "" : ":" + at.truncatedTo(ChronoUnit.MINUTES).getEpochSecond() / 60);
                refs.add(ref);
                enqueues.add(outbox.enqueue(new PushMessage(firing.communityId(), ref, KIND, firing.urgent(),
                        firing.title(), firing.summary(), firing.page(), firing.fields(), at.equals(now) ? null : at,
                        firing.expiresAt()), residents));
            });
            return Multi.createFrom().iterable(enqueues).onItem().transformToUniAndConcatenate(u -> u)
                    .collect().asList()
                    .call(() -> hold(due, firing, digest, now))
                    .chain(counts -> NativeSql.of("update reminder_occurrence set status = 'FIRED', done_at = :now,"
                                    + " audience = :audience, queued = :queued, digested = :digested,"
                                    + " source_refs = string_to_array(:refs, ',')::varchar[], claimed_until = null"
                                    + " where id = :id")
                            .param("now", utc(now)).param("audience", firing.residents().size() + firing.alerted())
                            .param("queued", counts.stream().mapToInt(Integer::intValue).sum())
                            .param("digested", digest.size()).param("refs", join(refs))
                            .param("id", due.occurrenceId()).update());
        }).replaceWithVoid();
    }

    private Uni<Integer> hold(Due due, Firing firing, List<Long> residents, Instant now) {
        if (residents.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return NativeSql.of("insert into reminder_digest_item (resident_id, occurrence_id, community_id, title, held_at)"
                        + " select unnest(string_to_array(:residents, ',')::bigint[]), :occurrence, :community, :title,"
                        + " :now on conflict do nothing")
                .param("residents", join(residents)).param("occurrence", due.occurrenceId())
                .param("community", firing.communityId()).param("title", firing.title()).param("now", utc(now))
                .update();
    }

    private Uni<Map<Long, ReminderSettings.Rules>> settings(List<Long> residents) {
        if (residents.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return NativeSql.of(ReminderSettings.SELECT + " where resident_id = any(string_to_array(:ids, ',')::bigint[])")
                .param("ids", join(residents)).rows()
                .map(rows -> {
                    Map<Long, ReminderSettings.Rules> byResident = new HashMap<>();
                    rows.forEach(r -> byResident.put(NativeSql.id(r[0]), ReminderSettings.rules(r, config)));
                    return byResident;
                });
    }

    /**
     * Each resident's held items go out in one push per community once their digest time has passed today (items
     * held after it wait for tomorrow's); a resident who turned the digest off gets what was waiting at once.
     */
    Uni<Integer> sendDigests() {
        Instant now = clock.instant();
        String zone = clock.getZone().getId();
        String cut = "((cast(:now as timestamptz) at time zone '" + zone + "')::date + s.digest_at) at time zone '"
                + zone + "'";
        String ready = " and (s.digest_at is null or ((cast(:now as timestamptz) at time zone '" + zone
                + "')::time >= s.digest_at and i.held_at < " + cut + "))";
        return Panache.withSession(() -> NativeSql.of("select distinct i.resident_id, i.community_id"
                        + " from reminder_digest_item i join reminder_setting s on s.resident_id = i.resident_id"
                        + " where i.sent_ref is null" + ready + " limit 1000")
                .param("now", utc(now)).rows())
                .chain(rows -> Multi.createFrom().iterable(rows).onItem().transformToUniAndConcatenate(r ->
                                Panache.withTransaction(() -> NativeSql.of("update reminder_digest_item i set sent_ref ="
                                                + " 'digest:' || i.resident_id || ':' || (select max(x.occurrence_id)"
                                                + " from reminder_digest_item x where x.resident_id = i.resident_id"
                                                + " and x.community_id = i.community_id and x.sent_ref is null)"
                                                + " from reminder_setting s where s.resident_id = i.resident_id"
                                                + " and i.resident_id = :resident and i.community_id = :community"
                                                + " and i.sent_ref is null" + ready + " returning i.sent_ref, i.title")
                                        .param("resident", NativeSql.id(r[0])).param("community", NativeSql.id(r[1]))
                                        .param("now", utc(now)).rows()
                                        .chain(items -> digest(NativeSql.id(r[1]), NativeSql.id(r[0]), items))))
                        .collect().asList().map(sent -> (int) sent.stream().filter(n -> n > 0).count()));
    }

    private Uni<Integer> digest(long communityId, long residentId, List<Object[]> items) {
        if (items.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        String summary = String.join("；", items.stream().map(i -> (String) i[1]).toList());
        return outbox.enqueue(new PushMessage(communityId, (String) items.get(0)[0], KIND, false,
                "今日提醒（" + items.size() + " 条）", summary, "pages/index/index", Map.of(), null), List.of(residentId));
    }
}
