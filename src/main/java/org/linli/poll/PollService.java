package org.linli.poll;

import org.linli.common.NativeSql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.common.Problem;
import org.linli.community.ElectorateRoster;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The life of a poll: DRAFT → ANNOUNCED → OPEN → CLOSED → PUBLISHED → ARCHIVED. Every transition is a conditional
 * UPDATE on the poll's status inside one Panache transaction together with its audit row and its pushes, so two
 * replicas (or a staff click racing the scheduled pass) cannot both perform it.
 */
@ApplicationScoped
public class PollService {

    private final PollStore store;
    private final Electorates electorates;
    private final PollPushes pushes;
    private final Tallies tallies;
    private final ElectorateRoster roster;
    private final PollJson json;
    private final PollConfig config;
    private final PollClock clock;
    private final SecureRandom random = new SecureRandom();

    PollService(PollStore store, Electorates electorates, PollPushes pushes, Tallies tallies, ElectorateRoster roster,
                PollJson json, PollConfig config, PollClock clock) {
        this.store = store;
        this.electorates = electorates;
        this.pushes = pushes;
        this.tallies = tallies;
        this.roster = roster;
        this.json = json;
        this.config = config;
        this.clock = clock;
    }

    // --- writing ---------------------------------------------------------------------------------------------

    Uni<PollView> create(long communityId, PollReach reach, PollDraft draft) {
        OffsetDateTime now = clock.now();
        Settled s = settle(draft, null);
        return Panache.withTransaction(() -> checkScope(communityId, draft.scope(), reach)
                .chain(targets -> NativeSql.of("insert into poll (community_id, title, background, thread_id,"
                                + " scope_kind, questions, preset, rule, results_visibility, secret, allow_change,"
                                + " conflict_rule, notice_days, notice_waiver, publicity_days, status, open_at, close_at,"
                                + " salt, created_by, created_at, updated_at) values (:community, :title, :background,"
                                + " :thread, :scope, :questions, :preset, :rule, :visibility, :secret, :change, :conflict,"
                                + " :noticeDays, :waiver, :publicityDays, 'DRAFT', :openAt, :closeAt, :salt, :staff, :now,"
                                + " :now) returning id")
                        .param("community", communityId).param("title", s.title).param("background", s.background)
                        .param("thread", draft.threadId()).param("scope", draft.scope().kind().name())
                        .param("questions", json.write(s.questions)).param("preset", draft.preset().name())
                        .param("rule", json.rule(s.rule)).param("visibility", s.visibility.name())
                        .param("secret", s.secret).param("change", s.allowChange).param("conflict", s.conflict.name())
                        .param("noticeDays", s.noticeDays).param("waiver", s.waiver)
                        .param("publicityDays", s.publicityDays).param("openAt", draft.openAt())
                        .param("closeAt", draft.closeAt()).param("salt", salt()).param("staff", reach.staffId())
                        .param("now", now).number()
                        .call(id -> writeTargets(id, targets)))
                .call(id -> store.audit(id, now, "CREATED", reach.staffId(), null, null))
                .chain(id -> view(communityId, id)));
    }

    /**
     * Edits a poll. Before announcement anything goes; after it the rule and scope stay, results visibility may
     * only be tightened, and a secret ballot stays secret; questions change only until the first ballot.
     */
    Uni<PollView> edit(long communityId, long pollId, PollReach reach, PollDraft draft) {
        OffsetDateTime now = clock.now();
        return Panache.withTransaction(() -> managed(communityId, pollId, reach, true).chain(p -> {
            Settled s = settle(draft, p);
            if (p.status() == PollStatus.CLOSED || p.status() == PollStatus.PUBLISHED
                    || p.status() == PollStatus.ARCHIVED) {
                throw Problem.conflict("POLL_NOT_EDITABLE");
            }
            boolean announced = p.status() != PollStatus.DRAFT;
            if (announced && (draft.preset() != p.preset() || !json.rule(s.rule).equals(json.rule(p.rule()))
                    || draft.scope().kind() != p.scopeKind() || s.secret != p.secret())) {
                throw Problem.conflict("POLL_RULE_LOCKED");
            }
            if (announced && s.visibility.looserThan(p.visibility())) {
                throw Problem.conflict("POLL_VISIBILITY_RELAX");
            }
            if (p.status() == PollStatus.OPEN && (!draft.openAt().isEqual(p.openAt())
                    || !draft.closeAt().isEqual(p.closeAt()))) {
                throw Problem.conflict("POLL_USE_EXTEND");
            }
            boolean questionsChanged = !json.write(s.questions).equals(json.write(p.questions()));
            Uni<Void> ballotsCheck = !questionsChanged || p.status() != PollStatus.OPEN ? Uni.createFrom().voidItem()
                    // Locks the chain row, so no ballot slips in between the check and the edit.
                    : NativeSql.of("select seq from poll_chain where poll_id = :poll for update").param("poll", pollId)
                    .number().invoke(seq -> {
                        if (seq > 0) {
                            throw Problem.conflict("POLL_HAS_BALLOTS");
                        }
                    }).replaceWithVoid();
            Uni<Void> scope = announced ? Uni.createFrom().voidItem()
                    : checkScope(communityId, draft.scope(), reach)
                    .call(targets -> NativeSql.of("delete from poll_target where poll_id = :poll").param("poll", pollId)
                            .update().chain(() -> writeTargets(pollId, targets))).replaceWithVoid();
            return ballotsCheck.chain(() -> scope).chain(() -> NativeSql.of("update poll set title = :title,"
                            + " background = :background, thread_id = :thread, scope_kind = :scope,"
                            + " questions = :questions, preset = :preset, rule = :rule, results_visibility = :visibility,"
                            + " secret = :secret, allow_change = :change, conflict_rule = :conflict,"
                            + " notice_days = :noticeDays, notice_waiver = :waiver, publicity_days = :publicityDays,"
                            + " open_at = :openAt, close_at = :closeAt, updated_at = :now where id = :id")
                    .param("title", s.title).param("background", s.background).param("thread", draft.threadId())
                    .param("scope", draft.scope().kind().name()).param("questions", json.write(s.questions))
                    .param("preset", draft.preset().name()).param("rule", json.rule(s.rule))
                    .param("visibility", s.visibility.name()).param("secret", s.secret)
                    .param("change", s.allowChange).param("conflict", s.conflict.name())
                    .param("noticeDays", s.noticeDays).param("waiver", s.waiver)
                    .param("publicityDays", s.publicityDays).param("openAt", draft.openAt())
                    .param("closeAt", draft.closeAt()).param("now", now).param("id", pollId).update())
                    .call(() -> store.audit(pollId, now, "EDITED", reach.staffId(), null, null))
                    .chain(() -> announced ? store.load(communityId, pollId, false).invoke(this::checkNotice)
                            .replaceWithVoid() : Uni.createFrom().voidItem());
        }).chain(() -> view(communityId, pollId)));
    }

    /** DRAFT → ANNOUNCED; for owners' polls the opening must leave the 公告期 unless a reason is on record. */
    Uni<PollView> announce(long communityId, long pollId, PollReach reach) {
        OffsetDateTime now = clock.now();
        return Panache.withTransaction(() -> managed(communityId, pollId, reach, true)
                .chain(p -> transition(p, PollStatus.DRAFT, PollStatus.ANNOUNCED, "announced_at", now))
                .invoke(this::checkNotice)
                .call(p -> store.audit(pollId, now, "ANNOUNCED", reach.staffId(), p.noticeWaiver(), null))
                .call(p -> electorates.previewVoters(p).chain(voters -> pushes.announced(p, voters))))
                .chain(() -> view(communityId, pollId));
    }

    /** Opens now (staff) rather than at openAt; the 公告期 still applies. */
    Uni<PollView> openNow(long communityId, long pollId, PollReach reach) {
        return Panache.withTransaction(() -> managed(communityId, pollId, reach, false).invoke(p -> {
                    if (p.status() != PollStatus.ANNOUNCED && p.status() != PollStatus.OPEN) {
                        throw Problem.conflict("POLL_STATE", p.status().name());
                    }
                }).replaceWithVoid())
                .chain(() -> open(pollId, reach.staffId(), true))
                .chain(() -> view(communityId, pollId));
    }

    /**
     * ANNOUNCED → OPEN: freezes the electorate, starts the chain and pushes to the voters. Answers false when the
     * poll was not (or no longer) ANNOUNCED, e.g. another replica opened it first.
     */
    Uni<Boolean> open(long pollId, Long staffId, boolean early) {
        OffsetDateTime now = clock.now();
        return Panache.withTransaction(() -> NativeSql.of("update poll set status = 'OPEN', opened_at = :now,"
                        + " open_at = case when :early then :now else open_at end, updated_at = :now"
                        + " where id = :id and status = 'ANNOUNCED' and (:early or open_at <= :now) returning id")
                .param("now", now).param("early", early).param("id", pollId).number()
                .chain(claimed -> claimed == 0 ? Uni.createFrom().item(false) : store.byId(pollId)
                        .invoke(p -> {
                            if (early) {
                                checkNotice(p);
                            }
                        })
                        .call(p -> electorates.freeze(p, now))
                        .call(() -> NativeSql.of("insert into poll_chain (poll_id, accepting) values (:poll, true)")
                                .param("poll", pollId).update())
                        .call(() -> store.audit(pollId, now, "OPENED", staffId, null, null))
                        .call(p -> Electorates.voters(pollId).chain(voters -> pushes.opened(p, voters)))
                        .replaceWith(true)));
    }

    /** OPEN → CLOSED, by staff (before closeAt only with a reason, audited) or by the scheduled pass. */
    Uni<PollView> closeNow(long communityId, long pollId, PollReach reach, String reason) {
        return Panache.withTransaction(() -> managed(communityId, pollId, reach, false).replaceWithVoid())
                .chain(() -> close(pollId, reach.staffId(), reason))
                .chain(() -> view(communityId, pollId));
    }

    Uni<Boolean> close(long pollId, Long staffId, String reason) {
        OffsetDateTime now = clock.now();
        return Panache.withTransaction(() -> store.byId(pollId).chain(p -> {
                    boolean early = now.isBefore(p.closeAt());
                    if (staffId == null && early) {
                        return Uni.createFrom().item(false);
                    }
                    if (staffId != null && early && (reason == null || reason.isBlank())) {
                        throw Problem.badRequest("POLL_REASON_REQUIRED");
                    }
                    // Waits for ballots holding the chain row; later ones find it not accepting and roll back.
                    return NativeSql.of("update poll_chain set accepting = false where poll_id = :poll")
                            .param("poll", pollId).update()
                            .chain(() -> NativeSql.of("update poll set status = 'CLOSED', closed_at = :now,"
                                            + " updated_at = :now where id = :id and status = 'OPEN' returning id")
                                    .param("now", now).param("id", pollId).number())
                            .chain(claimed -> {
                                if (claimed == 0) {
                                    if (staffId != null) {
                                        throw Problem.conflict("POLL_NOT_OPEN");
                                    }
                                    return Uni.createFrom().item(false);
                                }
                                return mix(p)
                                        .chain(() -> store.audit(pollId, now, early ? "CLOSED_EARLY" : "CLOSED",
                                                staffId, reason, null))
                                        .replaceWith(true);
                            });
                }))
                .call(closed -> closed ? storeResult(pollId) : Uni.createFrom().voidItem());
    }

    /**
     * Rewrites every secret choice and total of the poll in this one transaction: the rows get one transaction id
     * and new physical places, so neither xmin nor ctid can still be matched with a voter's ballot transaction.
     */
    private static Uni<Void> mix(PollRow p) {
        if (!p.secret()) {
            return Uni.createFrom().voidItem();
        }
        return NativeSql.of("update poll_secret_choice set answers = answers where poll_id = :poll")
                .param("poll", p.id()).update()
                .chain(() -> NativeSql.of("update poll_secret_total set heads = heads where poll_id = :poll")
                        .param("poll", p.id()).update())
                .replaceWithVoid();
    }

    /** Computes the result from PostgreSQL and stores it with the chain head and count it covers. */
    private Uni<Void> storeResult(long pollId) {
        return Panache.withSession(() -> store.byId(pollId)).chain(p -> tallies.count(p).chain(result ->
                Panache.withTransaction(() -> NativeSql.of("select seq, head from poll_chain where poll_id = :poll")
                        .param("poll", pollId).rows()
                        .chain(chain -> choicesDigest(p).chain(digest -> NativeSql.of("update poll set result = :result,"
                                        + " result_chain_count = :count, result_chain_head = :head,"
                                        + " choices_digest = :digest where id = :id and status = 'CLOSED'")
                                .param("result", json.write(result))
                                .param("count", chain.isEmpty() ? 0L : NativeSql.id(chain.get(0)[0]))
                                .param("head", chain.isEmpty() ? null : ((String) chain.get(0)[1]).strip())
                                .param("digest", digest).param("id", pollId).update())))))
                .replaceWithVoid();
    }

    /** sha256 over the secret choices sorted by receipt, one "receipt|answers" line each (see docs/polls.md). */
    private static Uni<String> choicesDigest(PollRow p) {
        if (!p.secret()) {
            return Uni.createFrom().nullItem();
        }
        return NativeSql.of("select receipt, answers from poll_secret_choice where poll_id = :poll order by receipt")
                .param("poll", p.id()).rows()
                .map(rows -> {
                    StringBuilder text = new StringBuilder();
                    rows.forEach(r -> text.append(r[0]).append('|').append(r[1]).append('\n'));
                    return BallotBox.sha256(text.toString());
                });
    }

    /** OPEN: a later close time. CLOSED (not yet published): reopened until the new time; only non-voters hear of it. */
    Uni<PollView> extend(long communityId, long pollId, PollReach reach, OffsetDateTime closeAt, String reason) {
        OffsetDateTime now = clock.now();
        if (reason == null || reason.isBlank()) {
            throw Problem.badRequest("POLL_REASON_REQUIRED");
        }
        if (closeAt == null || !closeAt.isAfter(now)) {
            throw Problem.badRequest("POLL_CLOSE_IN_PAST");
        }
        return Panache.withTransaction(() -> managed(communityId, pollId, reach, true).chain(p -> {
            if (p.status() == PollStatus.OPEN) {
                if (!closeAt.isAfter(p.closeAt())) {
                    throw Problem.badRequest("POLL_EXTEND_EARLIER");
                }
                return NativeSql.of("update poll set close_at = :closeAt, updated_at = :now where id = :id")
                        .param("closeAt", closeAt).param("now", now).param("id", pollId).update()
                        .call(() -> store.audit(pollId, now, "EXTENDED", reach.staffId(), reason,
                                json.write(Map.of("from", p.closeAt().toString(), "to", closeAt.toString()))));
            }
            if (p.status() != PollStatus.CLOSED) {
                throw Problem.conflict("POLL_NOT_EXTENDABLE");
            }
            return NativeSql.of("update poll set status = 'OPEN', close_at = :closeAt, closed_at = null, result = null,"
                            + " result_chain_head = null, result_chain_count = null, choices_digest = null,"
                            + " reopen_count = reopen_count + 1, updated_at = :now where id = :id and status = 'CLOSED'")
                    .param("closeAt", closeAt).param("now", now).param("id", pollId).update()
                    .call(() -> NativeSql.of("update poll_chain set accepting = true where poll_id = :poll")
                            .param("poll", pollId).update())
                    .call(() -> store.audit(pollId, now, "REOPENED", reach.staffId(), reason,
                            json.write(Map.of("to", closeAt.toString()))))
                    .call(() -> store.byId(pollId).chain(reopened -> Electorates.votersWithoutBallot(pollId)
                            .chain(voters -> pushes.reopened(reopened, voters))));
        })).chain(() -> view(communityId, pollId));
    }

    Uni<PollView> outcome(long communityId, long pollId, PollReach reach, String statement) {
        OffsetDateTime now = clock.now();
        if (statement == null || statement.isBlank() || statement.length() > 5000) {
            throw Problem.badRequest("POLL_OUTCOME_INVALID");
        }
        return Panache.withTransaction(() -> managed(communityId, pollId, reach, true).chain(p -> {
            if (p.status() != PollStatus.CLOSED) {
                throw Problem.conflict("POLL_NOT_CLOSED");
            }
            return NativeSql.of("update poll set outcome_statement = :s, updated_at = :now where id = :id")
                    .param("s", statement.strip()).param("now", now).param("id", pollId).update()
                    .call(() -> store.audit(pollId, now, "OUTCOME", reach.staffId(), null, null));
        })).chain(() -> view(communityId, pollId));
    }

    /** CLOSED → PUBLISHED (公示) with the stored result and the staff's outcome statement; pushes POLL_RESULT. */
    Uni<PollView> publish(long communityId, long pollId, PollReach reach) {
        OffsetDateTime now = clock.now();
        return Panache.withSession(() -> managed(communityId, pollId, reach, false))
                .call(p -> p.status() == PollStatus.CLOSED && p.result() == null ? storeResult(pollId)
                        : Uni.createFrom().voidItem())
                .chain(() -> Panache.withTransaction(() -> store.load(communityId, pollId, true).chain(p -> {
                    if (p.status() != PollStatus.CLOSED) {
                        throw Problem.conflict("POLL_NOT_CLOSED");
                    }
                    if (p.outcomeStatement() == null) {
                        throw Problem.conflict("POLL_OUTCOME_MISSING");
                    }
                    return transition(p, PollStatus.CLOSED, PollStatus.PUBLISHED, "published_at", now)
                            .call(() -> store.audit(pollId, now, "PUBLISHED", reach.staffId(), null, null))
                            .call(published -> Electorates.voters(pollId)
                                    .chain(voters -> pushes.published(published, voters)));
                })))
                .chain(() -> view(communityId, pollId));
    }

    /** PUBLISHED → ARCHIVED once the 公示期 is over (scheduled pass). */
    Uni<Boolean> archive(long pollId) {
        OffsetDateTime now = clock.now();
        return Panache.withTransaction(() -> NativeSql.of("update poll set status = 'ARCHIVED', archived_at = :now,"
                        + " updated_at = :now where id = :id and status = 'PUBLISHED'"
                        + " and published_at + make_interval(days => publicity_days) <= :now returning id")
                .param("now", now).param("id", pollId).number()
                .call(n -> n == 0 ? Uni.createFrom().voidItem()
                        : store.audit(pollId, now, "ARCHIVED", null, null, null).replaceWithVoid())
                .map(n -> n > 0));
    }

    Uni<String> addLateVoter(long communityId, long pollId, PollReach reach, long residentId, Long householdId,
                             String reason) {
        OffsetDateTime now = clock.now();
        if (reason == null || reason.isBlank()) {
            throw Problem.badRequest("POLL_REASON_REQUIRED");
        }
        return Panache.withTransaction(() -> managed(communityId, pollId, reach, true).chain(p -> {
            if (p.status() != PollStatus.OPEN) {
                throw Problem.conflict("POLL_NOT_OPEN");
            }
            return electorates.addLate(p, residentId, householdId, reach.staffId(), reason.strip(), now);
        }));
    }

    // --- reading ---------------------------------------------------------------------------------------------

    Uni<PollView> view(long communityId, long pollId) {
        return Panache.withSession(() -> store.load(communityId, pollId, false)
                .chain(p -> store.targetIds(pollId).map(ids -> PollView.of(p, ids))));
    }

    Uni<PollView> view(long communityId, long pollId, PollReach reach) {
        return Panache.withSession(() -> visible(communityId, pollId, reach)
                .chain(p -> store.targetIds(pollId).map(ids -> PollView.of(p, ids))));
    }

    Uni<List<PollView>> list(long communityId, PollReach reach) {
        return Panache.withSession(() -> NativeSql.of("select " + PollRow.COLUMNS + " from poll where community_id = :c"
                        + " order by id desc limit 200").param("c", communityId).rows()
                .chain(rows -> NativeSql.of("select t.poll_id, t.target_id, t.building_id, t.grid_id from poll_target t"
                                + " join poll p on p.id = t.poll_id where p.community_id = :c order by t.target_id")
                        .param("c", communityId).rows()
                        .map(targetRows -> {
                            Map<Long, List<Object[]>> byPoll = new java.util.HashMap<>();
                            targetRows.forEach(r -> byPoll.computeIfAbsent(NativeSql.id(r[0]), k -> new ArrayList<>()).add(r));
                            List<PollView> views = new ArrayList<>();
                            for (Object[] r : rows) {
                                PollRow p = PollRow.of(r, json);
                                List<Object[]> ts = byPoll.getOrDefault(p.id(), List.of());
                                Set<Long> buildings = new java.util.HashSet<>();
                                Set<Long> grids = new java.util.HashSet<>();
                                ts.forEach(x -> {
                                    if (x[2] != null) {
                                        buildings.add(NativeSql.id(x[2]));
                                    }
                                    grids.add(x[3] == null ? null : NativeSql.id(x[3]));
                                });
                                if (reach.maySee(new PollReach.PollTargets(p.scopeKind(), buildings, grids))) {
                                    views.add(PollView.of(p, ts.stream().map(x -> NativeSql.id(x[1])).toList()));
                                }
                            }
                            return views;
                        })));
    }

    /** A poll the staff member may see, else 404 (another community) or 403 (outside their part). */
    Uni<PollRow> visible(long communityId, long pollId, PollReach reach) {
        return store.load(communityId, pollId, false).call(p -> store.targets(p).invoke(t -> {
            if (!reach.maySee(t)) {
                throw Problem.forbidden("POLL_SCOPE_FORBIDDEN");
            }
        }));
    }

    private Uni<PollRow> managed(long communityId, long pollId, PollReach reach, boolean lock) {
        return store.load(communityId, pollId, lock).call(p -> store.targets(p).invoke(t -> {
            if (!reach.mayManage(t)) {
                throw Problem.forbidden("POLL_SCOPE_FORBIDDEN");
            }
        }));
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private record Settled(String title, String background, List<Question> questions, Rule rule,
                           Visibility visibility, boolean secret, boolean allowChange, ConflictRule conflict,
                           int noticeDays, String waiver, int publicityDays) {
    }

    private Settled settle(PollDraft d, PollRow current) {
        if (!d.closeAt().isAfter(d.openAt())) {
            throw Problem.badRequest("POLL_CLOSE_BEFORE_OPEN");
        }
        List<Question> questions = new ArrayList<>();
        for (int i = 0; i < d.questions().size(); i++) {
            questions.add(d.questions().get(i).normalised(i));
        }
        Rule rule = Rule.of(d.preset(), config, d.customRule() == null ? null : d.customRule().rule());
        boolean secret = d.secret() != null ? d.secret() : current != null && current.secret();
        if (current != null && current.secret() && !secret) {
            throw Problem.conflict("POLL_SECRET_LOCKED");
        }
        if (secret && Boolean.TRUE.equals(d.allowChange())) {
            throw Problem.badRequest("POLL_SECRET_NO_CHANGE");
        }
        boolean allowChange = !secret && (d.allowChange() == null || d.allowChange());
        int noticeDays = d.noticeDays() != null ? d.noticeDays() : config.noticeDays();
        int publicityDays = d.publicityDays() != null ? d.publicityDays() : config.publicityDays();
        if (noticeDays < 0 || noticeDays > 365 || publicityDays < 1 || publicityDays > 365) {
            throw Problem.badRequest("POLL_PERIOD_INVALID");
        }
        String title = d.title().replaceAll("[\\s\\u3000]+", " ").strip();
        String waiver = d.noticeWaiver() == null || d.noticeWaiver().isBlank() ? null : d.noticeWaiver().strip();
        return new Settled(title, d.background() == null ? "" : d.background(), questions, rule,
                d.resultsVisibility() == null ? Visibility.AFTER_CLOSE : d.resultsVisibility(), secret, allowChange,
                d.conflictRule() == null ? ConflictRule.EARLIER : d.conflictRule(), noticeDays, waiver, publicityDays);
    }

    /** Owners' polls open no earlier than noticeDays after the announcement, unless a waiver reason is recorded. */
    private void checkNotice(PollRow p) {
        if (!p.ownersPoll() || p.noticeWaiver() != null || p.announcedAt() == null) {
            return;
        }
        OffsetDateTime earliest = p.announcedAt().plusDays(p.noticeDays());
        OffsetDateTime opening = p.status() == PollStatus.OPEN && p.openedAt() != null ? p.openedAt() : p.openAt();
        if (opening.isBefore(earliest)) {
            throw Problem.conflict("POLL_NOTICE_PERIOD", p.noticeDays(),
                    earliest.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")));
        }
    }

    private Uni<PollRow> transition(PollRow p, PollStatus from, PollStatus to, String timeColumn, OffsetDateTime now) {
        return NativeSql.of("update poll set status = :to, " + timeColumn + " = :now, updated_at = :now"
                        + " where id = :id and status = :from returning id")
                .param("to", to.name()).param("now", now).param("id", p.id()).param("from", from.name()).number()
                .chain(n -> {
                    if (n == 0) {
                        throw Problem.conflict("POLL_STATE", p.status().name());
                    }
                    return store.byId(p.id());
                });
    }

    private Uni<List<ElectorateRoster.Target>> checkScope(long communityId, PollDraft.Scope scope, PollReach reach) {
        Set<Long> ids = scope.targetIds();
        if (scope.kind() == PollDraft.ScopeKind.COMMUNITY) {
            if (!reach.whole()) {
                throw Problem.forbidden("POLL_SCOPE_FORBIDDEN");
            }
            return Uni.createFrom().item(List.of());
        }
        if (ids.isEmpty()) {
            throw Problem.badRequest("POLL_SCOPE_EMPTY");
        }
        return roster.targets(communityId, scope.kind().name(), ids).invoke(targets -> {
            if (targets.size() < ids.size()) {
                throw Problem.badRequest("POLL_TARGET_NOT_FOUND", ids.size() - targets.size());
            }
            Set<Long> buildings = new java.util.HashSet<>();
            Set<Long> grids = new java.util.HashSet<>();
            targets.forEach(t -> {
                if (t.buildingId() != null) {
                    buildings.add(t.buildingId());
                }
                grids.add(t.gridId());
            });
            if (!reach.mayManage(new PollReach.PollTargets(scope.kind(), buildings, grids))) {
                throw Problem.forbidden("POLL_SCOPE_FORBIDDEN");
            }
        });
    }

    private Uni<Void> writeTargets(long pollId, List<ElectorateRoster.Target> targets) {
        if (targets.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Map<String, Object>> rows = targets.stream().map(t -> {
            Map<String, Object> m = new java.util.HashMap<>();
            m.put("t", t.id());
            m.put("b", t.buildingId());
            m.put("g", t.gridId());
            return m;
        }).toList();
        return NativeSql.of("insert into poll_target (poll_id, target_id, building_id, grid_id) select :poll, x.t, x.b,"
                        + " x.g from json_to_recordset(cast(cast(:rows as text) as json)) as x(t bigint, b bigint, g bigint)")
                .param("poll", pollId).param("rows", json.write(rows)).update().replaceWithVoid();
    }

    private String salt() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
