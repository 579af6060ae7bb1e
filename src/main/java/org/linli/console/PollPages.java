package org.linli.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.linli.common.Problem;
import org.linli.common.ProblemMessages;
import org.linli.common.Workers;
import org.linli.identity.Access;
import org.linli.identity.Caller;
import org.linli.poll.Channel;
import org.linli.poll.PollDesk;
import org.linli.poll.PollDraft;
import org.linli.poll.PollResult;
import org.linli.poll.PollStatus;
import org.linli.poll.PollView;
import org.linli.poll.Preset;
import org.linli.poll.Question;
import org.linli.poll.QuestionKind;
import org.linli.poll.Visibility;
import org.linli.poll.Voting;

import java.net.URI;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;


/**
 * 议事表决: the list, a create form with the rule preset explained in plain words, and one poll with its moves,
 * turnout by building, the units not yet voted, paper/proxy ballot entry with the photo of the signed form, and the
 * result with its exact fractions.
 */
@CsrfChecked
@Path("/console/c/{communityId}/polls")
@Produces(MediaType.TEXT_HTML)
public class PollPages {

    /** Question slots on the create form; more questions go through the API. */
    private static final int SLOTS = 3;
    private static final Map<PollStatus, String> STATUSES = Map.of(PollStatus.DRAFT, "草稿",
            PollStatus.ANNOUNCED, "已公告", PollStatus.OPEN, "投票中", PollStatus.CLOSED, "已结束",
            PollStatus.PUBLISHED, "公示中", PollStatus.ARCHIVED, "已归档");

    public record Line(long id, String title, String status, String preset, String opens, String closes) {
    }

    /** The create form as typed, to show it again with an error. */
    public record Compose(String title, String background, String scope, List<Long> buildings, List<Long> grids,
                          String preset, List<String> texts, List<String> kinds, List<String> options,
                          String openAt, String closeAt, boolean secret, String visibility, String noticeDays,
                          String waiver) {
        static Compose empty() {
            return new Compose("", "", "COMMUNITY", List.of(), List.of(), Preset.PER_HOUSEHOLD.name(),
                    List.of("", "", ""), List.of("APPROVAL", "APPROVAL", "APPROVAL"), List.of("", "", ""), "", "",
                    false, Visibility.AFTER_CLOSE.name(), "", "");
        }

        public String text(int i) {
            return i < texts.size() ? texts.get(i) : "";
        }

        public String kind(int i) {
            return i < kinds.size() ? kinds.get(i) : "APPROVAL";
        }

        public String option(int i) {
            return i < options.size() ? options.get(i) : "";
        }
    }

    public record Facts(long id, String title, String background, String status, String preset, String rule,
                        String scope, String opens, String closes, boolean secret, String visibility,
                        String outcome, String publicityUntil, String chainHead, String conflictRule) {
    }

    public record QuestionForm(int index, String text, boolean many, List<String> options) {
    }

    public record CheckLine(String label, String fraction, String threshold, boolean met) {
    }

    public record OptionLine(String label, long heads, String area) {
    }

    public record QuestionLine(String text, String outcome, List<OptionLine> options, List<CheckLine> checks,
                               String note) {
    }

    public record Result(String eligible, String participating, String present, boolean quorumMet,
                         List<CheckLine> quorum, List<QuestionLine> questions) {
    }

    public record ConflictLine(String unit, String counted, String setAside, String at, String rule) {
    }

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance polls(Frame frame, List<Line> polls);

        static native TemplateInstance poll_new(Frame frame, Compose form, List<Choice> presets,
                                                List<Choice> buildings, List<Choice> grids, List<Integer> slots,
                                                String error);

        static native TemplateInstance poll(Frame frame, Facts facts, PollDesk.Desk desk,
                                            String total, List<QuestionForm> questions, Result result,
                                            List<ConflictLine> conflicts, String entered, String error);
    }

    private final ConsoleFrames frames;
    private final PollDesk polls;
    private final Workers workers;

    PollPages(ConsoleFrames frames, PollDesk polls, Workers workers) {
        this.frames = frames;
        this.polls = polls;
        this.workers = workers;
    }

    @GET
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<TemplateInstance> list(@PathParam("communityId") long communityId) {
        return frames.page(communityId, pmsg().polls_title(), "polls").chain(frame -> polls.list(communityId, caller())
                .map(list -> Templates.polls(frame, list.stream().map(p -> new Line(p.id(), p.title(),
                        STATUSES.get(p.status()), pmsg().preset_name(p.preset().name()), at(p.openAt()),
                        at(p.closeAt()))).toList())));
    }

    @GET
    @Path("/new")
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<Response> compose(@PathParam("communityId") long communityId) {
        return form(communityId, Compose.empty(), null, 200);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<Response> create(@PathParam("communityId") long communityId, @RestForm String title,
                                @RestForm String background, @RestForm String scope,
                                @RestForm("building") List<Long> buildings, @RestForm("grid") List<Long> grids,
                                @RestForm String preset, @RestForm("text") List<String> texts,
                                @RestForm("kind") List<String> kinds, @RestForm("options") List<String> options,
                                @RestForm String openAt, @RestForm String closeAt, @RestForm boolean secret,
                                @RestForm String visibility, @RestForm String noticeDays, @RestForm String waiver) {
        Compose typed = new Compose(nz(title), nz(background), nz(scope), list(buildings), list(grids), nz(preset),
                list(texts), list(kinds), list(options), nz(openAt), nz(closeAt), secret, nz(visibility),
                nz(noticeDays), nz(waiver));
        PollDraft draft;
        try {
            draft = draft(typed);
        } catch (Problem p) {
            return form(communityId, typed, ProblemMessages.text(p.code(), p.args()), p.status());
        }
        String invalid = frames.invalid(draft);
        if (invalid != null) {
            return form(communityId, typed, invalid, 400);
        }
        return polls.create(communityId, caller(), draft)
                .map(v -> Response.seeOther(URI.create("/console/c/" + communityId + "/polls/" + v.id())).build())
                .onFailure(Problem.class).recoverWithUni(e -> {
                    Problem p = (Problem) e;
                    return form(communityId, typed, ProblemMessages.text(p.code(), p.args()), p.status());
                });
    }

    @GET
    @Path("/{pollId}")
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<Response> detail(@PathParam("communityId") long communityId, @PathParam("pollId") long pollId,
                                @jakarta.ws.rs.QueryParam("entered") String entered) {
        return page(communityId, pollId, "1".equals(entered) ? pmsg().poll_ballot_entered() : null, null, 200);
    }

    /** announce, open, close (with a reason when early), outcome (the statement), publish (公示). */
    @POST
    @Path("/{pollId}/{move}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<Response> move(@PathParam("communityId") long communityId, @PathParam("pollId") long pollId,
                              @PathParam("move") String move, @RestForm String reason,
                              @RestForm String statement) {
        Caller caller = caller();
        Uni<PollView> done = Uni.createFrom().deferred(() -> switch (move) {
            case "announce" -> polls.announce(communityId, pollId, caller);
            case "open" -> polls.open(communityId, pollId, caller);
            case "close" -> polls.close(communityId, pollId, caller, blankToNull(reason));
            case "outcome" -> polls.outcome(communityId, pollId, caller, nz(statement));
            case "publish" -> polls.publish(communityId, pollId, caller);
            default -> throw Problem.notFound("NOT_FOUND");
        });
        return done.map(v -> Response.seeOther(URI.create("/console/c/" + communityId + "/polls/" + pollId)).build())
                .onFailure(Problem.class).recoverWithUni(e -> refused(communityId, pollId, (Problem) e));
    }

    /** A 纸质表决票 / 入户 / 委托 ballot with the photo of the signed form; answers are q0, q1, ... */
    @POST
    @Path("/{pollId}/paper-ballots")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<Response> paper(@PathParam("communityId") long communityId, @PathParam("pollId") long pollId,
                               @RestForm String unit, @RestForm String channel, @RestForm String signedAt,
                               @RestForm String proxyHolder, @RestForm("photo") FileUpload photo,
                               @RestForm("q0") List<Integer> q0, @RestForm("q1") List<Integer> q1,
                               @RestForm("q2") List<Integer> q2) {
        Caller caller = caller();
        return workers.call(() -> photo == null ? new byte[0] : Files.readAllBytes(photo.uploadedFile()))
                .chain(bytes -> {
                    Channel how = Arrays.stream(Channel.values()).filter(c -> c != Channel.ONLINE
                            && c.name().equals(channel)).findFirst()
                            .orElseThrow(() -> Problem.badRequest("POLL_PAPER_CHANNEL"));
                    OffsetDateTime signed = NoticePages.time(signedAt);
                    return polls.keepPhoto(communityId, pollId, caller, bytes).chain(ref -> polls.enterPaper(
                            communityId, pollId, caller, new Voting.PaperBallot(blankToNull(unit), null, how,
                                    answers(q0, q1, q2), signed, ref, blankToNull(proxyHolder))));
                })
                .map(r -> Response.seeOther(URI.create("/console/c/" + communityId + "/polls/" + pollId
                        + "?entered=1")).build())
                .onFailure(Problem.class).recoverWithUni(e -> refused(communityId, pollId, (Problem) e));
    }

    private Uni<Response> refused(long communityId, long pollId, Problem p) {
        return p.status() == 404 ? Uni.createFrom().failure(p)
                : page(communityId, pollId, null, ProblemMessages.text(p.code(), p.args()), p.status());
    }

    private Uni<Response> page(long communityId, long pollId, String entered, String error, int status) {
        return polls.desk(communityId, pollId, caller()).chain(desk -> polls.conflicts(communityId, pollId, caller())
                .chain(conflicts -> frames.page(communityId, desk.poll().title(), "polls").map(frame -> Response
                        .status(status).entity(Templates.poll(frame, facts(desk.poll()), desk,
                                pmsg().poll_turnout_total(desk.turnout().stream().mapToLong(PollDesk.Turnout::voted)
                                        .sum(), desk.turnout().stream().mapToLong(PollDesk.Turnout::households).sum()),
                                questionForms(desk.poll().questions()),
                                desk.result() == null ? null : result(desk.result()),
                                conflicts.stream().map(c -> new ConflictLine(c.label(), pmsg().channel(c.counted()),
                                        pmsg().channel(c.setAside()), at(c.castAt()), pmsg().conflict_rule(c.rule()))).toList(),
                                entered, error)).build())));
    }

    /** The electorate frozen at opening, for checking and for the door-to-door rounds. */
    @GET
    @Path("/{pollId}/electorate")
    @Produces({Exports.XLSX, "text/csv"})
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<Response> electorate(@PathParam("communityId") long communityId, @PathParam("pollId") long pollId,
                                    @jakarta.ws.rs.QueryParam("format") @jakarta.ws.rs.DefaultValue("xlsx")
                                    String format) {
        return polls.electorate(communityId, pollId, caller()).map(list -> Exports.download(new Exports.Table(
                pmsg().poll_electorate(), List.of(pmsg().col_unit_label(), pmsg().col_head_kind(),
                pmsg().col_area(), pmsg().col_area_sources(), pmsg().col_online_voters(), pmsg().col_voted(),
                pmsg().col_late_reason()), list.stream().map(e -> List.<Object>of(e.label(), e.headKind(), e.area(),
                e.areaSources() == null ? "" : e.areaSources(), e.voters(), e.voted() ? "是" : "否",
                e.lateReason() == null ? "" : e.lateReason())).toList()), format, "electorate-" + pollId));
    }

    private Uni<Response> form(long communityId, Compose typed, String error, int status) {
        return frames.page(communityId, pmsg().poll_new(), "polls")
                .chain(frame -> frames.scopeChoices(communityId, typed.grids(), typed.buildings())
                        .map(scope -> Response.status(status).entity(Templates.poll_new(frame, typed,
                                Arrays.stream(Preset.values()).map(p -> new Choice(p.name(),
                                        pmsg().preset_name(p.name()) + "：" + pmsg().preset_explained(p.name()),
                                        p.name().equals(typed.preset()))).toList(),
                                scope.buildings(), scope.grids(),
                                java.util.stream.IntStream.range(0, SLOTS).boxed().toList(), error)).build()));
    }

    private static PollDraft draft(Compose f) {
        PollDraft.ScopeKind kind = switch (f.scope()) {
            case "BUILDINGS" -> PollDraft.ScopeKind.BUILDINGS;
            case "GRIDS" -> PollDraft.ScopeKind.GRIDS;
            default -> PollDraft.ScopeKind.COMMUNITY;
        };
        List<Long> ids = kind == PollDraft.ScopeKind.BUILDINGS ? f.buildings()
                : kind == PollDraft.ScopeKind.GRIDS ? f.grids() : List.of();
        List<Question> questions = new ArrayList<>();
        for (int i = 0; i < SLOTS; i++) {
            if (f.text(i).isBlank()) {
                continue;
            }
            String typedKind = f.kind(i);
            QuestionKind qk = Arrays.stream(QuestionKind.values()).filter(k -> k.name().equals(typedKind))
                    .findFirst().orElse(QuestionKind.APPROVAL);
            List<String> options = f.option(i).lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
            questions.add(new Question(qk, f.text(i), qk == QuestionKind.APPROVAL ? null : options, null, null,
                    null));
        }
        Preset preset = Arrays.stream(Preset.values()).filter(p -> p != Preset.CUSTOM && p.name().equals(f.preset()))
                .findFirst().orElseThrow(() -> Problem.badRequest("VALIDATION_FAILED"));
        Visibility visibility = Arrays.stream(Visibility.values()).filter(v -> v.name().equals(f.visibility()))
                .findFirst().orElse(Visibility.AFTER_CLOSE);
        Integer notice;
        try {
            notice = f.noticeDays().isBlank() ? null : Integer.valueOf(f.noticeDays().strip());
        } catch (NumberFormatException e) {
            throw Problem.badRequest("VALIDATION_FAILED");
        }
        return new PollDraft(f.title(), blankToNull(f.background()), null,
                new PollDraft.Scope(kind, new HashSet<>(ids)), questions, preset, null, visibility, f.secret(), null,
                null, notice, blankToNull(f.waiver()), null, NoticePages.time(f.openAt()), NoticePages.time(f.closeAt()));
    }

    private static Facts facts(PollView p) {
        return new Facts(p.id(), p.title(), p.background() == null ? "" : p.background(), STATUSES.get(p.status()),
                pmsg().preset_name(p.preset().name()), pmsg().preset_explained(p.preset().name()),
                pmsg().scope_kind(p.scopeKind().name(), p.scopeIds().size()), at(p.openAt()), at(p.closeAt()),
                p.secret(), pmsg().visibility(p.resultsVisibility().name()),
                p.outcomeStatement() == null ? "" : p.outcomeStatement(), at(p.publicityUntil()),
                p.chainHead() == null ? "" : p.chainHead(), pmsg().conflict_rule(p.conflictRule().name()));
    }

    private static List<QuestionForm> questionForms(List<Question> questions) {
        List<QuestionForm> forms = new ArrayList<>();
        for (int i = 0; i < questions.size() && i < SLOTS; i++) {
            Question q = questions.get(i);
            forms.add(new QuestionForm(i, q.text(), q.kind() == QuestionKind.MULTIPLE
                    || q.kind() == QuestionKind.ELECTION, q.options()));
        }
        return forms;
    }

    private static Result result(PollResult r) {
        return new Result(pmsg().poll_amount(r.eligible().heads(), r.eligible().area().toPlainString()),
                pmsg().poll_amount(r.participating().heads(), r.participating().area().toPlainString()),
                r.present() == null ? "" : pmsg().poll_present(r.present().amount().heads(),
                        String.join("、", r.present().meetings())),
                r.quorumMet(), checks(r.quorum()), r.questions().stream().map(q -> new QuestionLine(q.text(),
                        q.outcome() == null ? "" : q.outcome().name(), q.options().stream().map(o -> new OptionLine(
                                o.label(), o.heads(), o.area().toPlainString())).toList(), checks(q.checks()),
                        q.note() == null ? "" : q.note())).toList());
    }

    private static List<CheckLine> checks(List<PollResult.Check> checks) {
        return checks == null ? List.of() : checks.stream()
                .map(c -> new CheckLine(c.label(), c.fraction(), c.threshold(), c.met())).toList();
    }

    private static List<List<Integer>> answers(List<Integer> q0, List<Integer> q1, List<Integer> q2) {
        List<List<Integer>> all = new ArrayList<>(List.of(list(q0), list(q1), list(q2)));
        while (!all.isEmpty() && all.get(all.size() - 1).isEmpty()) {
            all.remove(all.size() - 1);
        }
        return all;
    }

    private static PollMessages pmsg() {
        return io.quarkus.qute.i18n.MessageBundles.get(PollMessages.class);
    }

    private Caller caller() {
        return frames.caller();
    }

    private static String at(OffsetDateTime t) {
        return t == null ? "" : HomePages.TIME.format(t);
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
