package org.linli.bot.action;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.bot.script.ActionSpec;
import org.linli.common.Problem;
import org.linli.common.ProblemMessages;
import org.linli.thread.ThreadParticipation;
import org.linli.thread.ThreadQueries;
import org.linli.thread.ThreadService;
import org.linli.thread.ThreadSummary;
import org.linli.thread.ThreadWorkflow;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The bot's thread actions besides submitting: my threads, a timeline by SS-number, 附议, rating and reopening. */
final class ThreadBotActions {

    static final Pattern REF = Pattern.compile("(?i)SS-?(\\d{8})-?(\\d{4,})");
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd");
    static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("MM-dd HH:mm");

    private ThreadBotActions() {
    }

    static Optional<String> ref(String text) {
        Matcher m = text == null ? null : REF.matcher(text);
        return m != null && m.find() ? Optional.of("SS-" + m.group(1) + "-" + m.group(2)) : Optional.empty();
    }

    static Outcome refused(Throwable e) {
        return Outcome.of(Outcome.FAILED, Map.of("reason", e instanceof Problem p
                ? ProblemMessages.text(p.code(), p.args()) : ProblemMessages.text("INTERNAL_ERROR")));
    }

    /** {@code thread.mine}: the resident's latest threads. Outcomes {@code none}, {@code some} (threads). */
    @ApplicationScoped
    static class Mine implements FlowAction {
        private final Residency residency;
        private final ThreadService threads;

        Mine(Residency residency, ThreadService threads) {
            this.residency = residency;
            this.threads = threads;
        }

        @Override
        public ActionSpec spec() {
            return new ActionSpec("thread.mine", Map.of(), Set.of("none", "some"), Set.of(),
                    Map.of("threads", List.of(Map.of("refNo", "SS-20260101-0001", "statusLabel", "待受理",
                            "date", "01-01", "summary", "示例"))));
        }

        @Override
        public Uni<Outcome> run(ActionContext context) {
            return residency.of(context.openid()).chain(standing -> standing.residentId() == null
                    ? Uni.createFrom().item(List.<ThreadSummary>of()) : threads.recentOf(standing.residentId(), 5))
                    .map(list -> list.isEmpty() ? Outcome.of("none", Map.of("threads", List.of()))
                            : Outcome.of("some", Map.of("threads", list.stream().map(t -> Map.<String, Object>of(
                            "refNo", t.refNo(), "statusLabel", t.statusLabel(), "date", DAY.format(t.createdAt()),
                            "summary", t.description().length() > 20 ? t.description().substring(0, 19) + "…"
                                    : t.description())).toList())));
        }
    }

    /** {@code thread.timeline}: the SS-number in the message → its timeline, if the resident may see it. */
    @ApplicationScoped
    static class Timeline implements FlowAction {
        private final Residency residency;
        private final ThreadService threads;
        private final ThreadQueries queries;
        private final String miniAppId;

        Timeline(Residency residency, ThreadService threads, ThreadQueries queries,
                 @org.eclipse.microprofile.config.inject.ConfigProperty(name = "linli.wechat.mini.app-id")
                 String miniAppId) {
            this.residency = residency;
            this.threads = threads;
            this.queries = queries;
            this.miniAppId = miniAppId;
        }

        @Override
        public ActionSpec spec() {
            return new ActionSpec("thread.timeline", Map.of(), Set.of("found", "not-found"), Set.of(),
                    Map.of("refNo", "SS-20260101-0001", "statusLabel", "办理中", "category", "设施维修",
                            "appId", "wx-demo", "page", "pages/thread/detail?id=1",
                            "events", List.of(Map.of("at", "01-01 08:00", "label", "已受理", "actor", "网格员 王",
                                    "note", "示例"))));
        }

        @Override
        public Uni<Outcome> run(ActionContext context) {
            Optional<String> ref = ref(context.answer("text"));
            Outcome notFound = Outcome.of("not-found", Map.of("refNo", ref.orElse("")));
            if (ref.isEmpty()) {
                return Uni.createFrom().item(notFound);
            }
            return residency.of(context.openid()).chain(standing -> standing.residentId() == null
                    ? Uni.createFrom().item(notFound)
                    : threads.findByRef(ref.get()).chain(t -> t == null ? Uni.createFrom().item(notFound)
                    : queries.residentDetail(standing.residentId(), t.id()).map(d -> Outcome.of("found", Map.of(
                            "refNo", d.refNo(), "statusLabel", d.statusLabel(), "category", d.category(),
                            "appId", miniAppId, "page", "pages/thread/detail?id=" + d.id(),
                            "events", d.timeline().stream().map(e -> Map.<String, Object>of(
                                    "at", MINUTE.format(e.at()),
                                    "label", e.statusLabel() != null ? e.statusLabel() : label(e.kind()),
                                    "actor", e.actor(), "note", e.note() == null ? "" : e.note())).toList())))
                            .onFailure(Problem.class).recoverWithItem(notFound)));
        }

        private static String label(String kind) {
            return switch (kind) {
                case "SUPPORTED" -> "附议";
                case "SUPPORT_WITHDRAWN" -> "撤回附议";
                case "RATED" -> "评价";
                case "TRANSFERRED" -> "转办";
                case "ESCALATED" -> "上报街道";
                case "MERGED_IN" -> "合并";
                case "HELD" -> "待审核";
                case "RELEASED" -> "审核通过";
                default -> "进展";
            };
        }
    }

    /** {@code thread.rate}: a bare 1–5 rates the thread the resident was asked to rate (the newest still open). */
    @ApplicationScoped
    static class Rate implements FlowAction {
        private final Residency residency;
        private final ThreadParticipation participation;

        Rate(Residency residency, ThreadParticipation participation) {
            this.residency = residency;
            this.participation = participation;
        }

        @Override
        public ActionSpec spec() {
            return new ActionSpec("thread.rate", Map.of(), Set.of("rated", "rated-low", "nothing", Outcome.FAILED),
                    Set.of(), Map.of("refNo", "SS-20260101-0001", "score", 5, "reason", "示例"));
        }

        @Override
        public Uni<Outcome> run(ActionContext context) {
            String text = context.answer("text");
            int score = text == null || text.length() != 1 ? 0 : Character.getNumericValue(text.charAt(0));
            return residency.of(context.openid()).chain(standing -> standing.residentId() == null
                    ? Uni.createFrom().item(Outcome.of("nothing"))
                    : participation.awaitingRating(standing.residentId()).chain(t -> t == null
                    ? Uni.createFrom().item(Outcome.of("nothing"))
                    : participation.rate(standing.residentId(), t.id(), score, null)
                    .map(x -> Outcome.of(score <= 2 && t.residentId() == standing.residentId() ? "rated-low" : "rated",
                            Map.of("refNo", t.refNo(), "score", score)))
                    .onFailure().recoverWithItem(ThreadBotActions::refused)));
        }
    }

    /** {@code thread.reopen}: 重新办理 of the raiser's newest RESOLVED thread rated ≤ 2. */
    @ApplicationScoped
    static class Reopen implements FlowAction {
        private final Residency residency;
        private final ThreadService threads;
        private final ThreadWorkflow workflow;

        Reopen(Residency residency, ThreadService threads, ThreadWorkflow workflow) {
            this.residency = residency;
            this.threads = threads;
            this.workflow = workflow;
        }

        @Override
        public ActionSpec spec() {
            return new ActionSpec("thread.reopen", Map.of(), Set.of("reopened", "nothing", Outcome.FAILED), Set.of(),
                    Map.of("refNo", "SS-20260101-0001", "reason", "示例"));
        }

        @Override
        public Uni<Outcome> run(ActionContext context) {
            return residency.of(context.openid()).chain(standing -> standing.residentId() == null
                    ? Uni.createFrom().item(Outcome.of("nothing"))
                    : threads.recentOf(standing.residentId(), 20).chain(list -> {
                Optional<ThreadSummary> resolved = list.stream()
                        .filter(t -> t.status() == org.linli.thread.ThreadStatus.RESOLVED).findFirst();
                if (resolved.isEmpty()) {
                    return Uni.createFrom().item(Outcome.of("nothing"));
                }
                return workflow.reopen(standing.residentId(), resolved.get().id(), "居民在公众号申请重新办理")
                        .map(id -> Outcome.of("reopened", Map.of("refNo", resolved.get().refNo())))
                        .onFailure().recoverWithItem(ThreadBotActions::refused);
            }));
        }
    }

    /** {@code thread.support}: 附议 SS-… from the chat. */
    @ApplicationScoped
    static class Support implements FlowAction {
        private final Residency residency;
        private final ThreadService threads;
        private final ThreadParticipation participation;

        Support(Residency residency, ThreadService threads, ThreadParticipation participation) {
            this.residency = residency;
            this.threads = threads;
            this.participation = participation;
        }

        @Override
        public ActionSpec spec() {
            return new ActionSpec("thread.support", Map.of(), Set.of("supported", "not-found", Outcome.FAILED),
                    Set.of(), Map.of("refNo", "SS-20260101-0001", "supportCount", 3, "reason", "示例"));
        }

        @Override
        public Uni<Outcome> run(ActionContext context) {
            Optional<String> ref = ref(context.answer("text"));
            Outcome notFound = Outcome.of("not-found", Map.of("refNo", ref.orElse("")));
            if (ref.isEmpty()) {
                return Uni.createFrom().item(notFound);
            }
            return residency.of(context.openid()).chain(standing -> standing.residentId() == null
                    ? Uni.createFrom().item(notFound)
                    : threads.findByRef(ref.get()).chain(t -> t == null ? Uni.createFrom().item(notFound)
                    : participation.support(standing.residentId(), t.id())
                    .map(n -> Outcome.of("supported", Map.of("refNo", t.refNo(), "supportCount", n)))
                    .onFailure(e -> e instanceof Problem p && p.status() == 404).recoverWithItem(notFound)
                    .onFailure().recoverWithItem(ThreadBotActions::refused)));
        }
    }
}
