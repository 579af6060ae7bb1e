package org.linli.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.linli.common.Problem;
import org.linli.common.ProblemMessages;
import org.linli.console.StaffDirectory.Names;
import org.linli.identity.Access;
import org.linli.thread.Actor;
import org.linli.thread.QueueFilter;
import org.linli.thread.StaffMove;
import org.linli.thread.ThreadAction;
import org.linli.thread.ThreadParticipation;
import org.linli.thread.ThreadQueries;
import org.linli.thread.ThreadStatus;
import org.linli.thread.ThreadViews;
import org.linli.thread.ThreadWorkflow;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.linli.console.ConsoleFrames.msg;

/**
 * 说事: the queue with its filters, bulk assignment and exports, and one thread with its timeline, comments and a
 * form for every move this staff member may make now (the same checks as the REST API, made by the thread feature).
 */
@CsrfChecked
@Path("/console/c/{communityId}/threads")
@Produces(MediaType.TEXT_HTML)
public class ThreadPages {

    private static final int PAGE = 20;
    private static final int EXPORT_MAX = 5_000;
    /** A moderation reason's length, as the lifecycle's notes ({@link StaffMove}). */

    /** The filters as typed, echoed into the form, the next-page link and the export links. */
    public record Filters(String status, String category, String grid, String assignee, boolean overdue,
                          String sort) {
        String query() {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("status", status);
            q.put("category", category);
            q.put("grid", grid);
            q.put("assignee", assignee);
            q.put("overdue", overdue ? "true" : "");
            q.put("sort", sort);
            return q.entrySet().stream().filter(e -> e.getValue() != null && !e.getValue().isBlank())
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
        }
    }

    public record Row(long id, String refNo, String status, String category, boolean urgent, String excerpt,
                      String grid, String assignee, int support, String created, String due, boolean overdue,
                      boolean escalated) {
    }

    /** {@code assigned}: the outcome of a bulk assignment just made, as the message to show (or null). */
    public record Queue(List<Row> rows, String query, String nextQuery, String assigned) {
    }

    public record Facts(long id, String refNo, String status, String category, boolean urgent, boolean publicly,
                        String moderation, String description, String place, String grid, String assignee,
                        int support, String submitted, String acceptDue, String resolveDue, boolean overdue,
                        String complexity, String result, String rejectReason, boolean escalated, String mergedInto,
                        int reopens, Long pollId, int photos) {
    }

    public record EventLine(String at, String what, String actor, String note, boolean internal) {
    }

    /** moderation: HELD, HIDDEN or REMOVED, or empty when visible. */
    public record CommentLine(long id, String author, String at, String body, String moderation) {
    }

    /** check: WeChat's image check (PASS, PENDING, REVIEW, RISKY, HELD, REMOVED). */
    public record PhotoLine(long id, String url, String check) {
        public boolean held() {
            return !"PASS".equals(check) && !"REMOVED".equals(check) && !"PENDING".equals(check);
        }
    }

    public record Suggestion(long id, String refNo, String excerpt, String status, int support) {
    }

    /** Which forms to show: the moves allowed now, and the targets of transfer. */
    public record Moves(Set<String> allowed, List<Choice> staff, List<Choice> grids) {
        public boolean can(String action) {
            return allowed.contains(action);
        }
    }

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance threads(Frame frame, Queue queue, List<Choice> statuses,
                                               List<Choice> categories, List<Choice> grids, List<Choice> assignees,
                                               List<Choice> staff);

        static native TemplateInstance thread(Frame frame, Facts facts, List<EventLine> timeline,
                                              List<CommentLine> comments, List<PhotoLine> photos,
                                              List<Suggestion> suggestions, Moves moves, String error);
    }

    private final ConsoleFrames frames;
    private final ThreadQueries queries;
    private final ThreadWorkflow workflow;
    private final ThreadParticipation participation;
    private final StaffDirectory directory;

    ThreadPages(ConsoleFrames frames, ThreadQueries queries, ThreadWorkflow workflow,
                ThreadParticipation participation, StaffDirectory directory) {
        this.frames = frames;
        this.queries = queries;
        this.workflow = workflow;
        this.participation = participation;
        this.directory = directory;
    }

    @GET
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<TemplateInstance> queue(@PathParam("communityId") long communityId,
                                       @QueryParam("status") String status, @QueryParam("category") String category,
                                       @QueryParam("grid") String grid, @QueryParam("assignee") String assignee,
                                       @QueryParam("overdue") boolean overdue, @QueryParam("sort") String sort,
                                       @QueryParam("cursor") String cursor, @QueryParam("assigned") String assigned) {
        Actor actor = actor(communityId);
        Filters typed = new Filters(nz(status), nz(category), nz(grid), nz(assignee), overdue, nz(sort));
        return names(communityId).chain(names -> queries.categories(communityId).chain(categories -> frames
                .page(communityId, msg().threads_title(), "threads")
                .chain(frame -> queries.queue(communityId, actor, filter(typed, actor, cursor, PAGE)).map(slice -> {
                    String query = typed.query();
                    String next = slice.next() == null ? null
                            : (query.isEmpty() ? "" : query + "&") + "cursor=" + URLEncoder.encode(slice.next(),
                            StandardCharsets.UTF_8);
                    return Templates.threads(frame, new Queue(slice.items().stream().map(i -> row(i, names)).toList(),
                                    query, next, assignedMessage(assigned)),
                            Arrays.stream(ThreadStatus.values()).filter(s -> s != ThreadStatus.DRAFT)
                                    .map(s -> new Choice(s.name(), s.label(), s.name().equals(typed.status()))).toList(),
                            categories.stream().map(c -> new Choice(c, c, c.equals(typed.category()))).toList(),
                            names.grids().entrySet().stream().filter(g -> actor.whole() || actor.gridIds()
                                            .contains(g.getKey()))
                                    .map(g -> new Choice(String.valueOf(g.getKey()), g.getValue(),
                                            String.valueOf(g.getKey()).equals(typed.grid()))).toList(),
                            assigneeChoices(names, typed.assignee()),
                            staffChoices(names, null));
                }))));
    }

    @GET
    @Path("/export")
    @Produces({Exports.XLSX, "text/csv"})
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<Response> export(@PathParam("communityId") long communityId,
                                @QueryParam("status") String status, @QueryParam("category") String category,
                                @QueryParam("grid") String grid, @QueryParam("assignee") String assignee,
                                @QueryParam("overdue") boolean overdue, @QueryParam("sort") String sort,
                                @QueryParam("format") @DefaultValue("xlsx") String format) {
        Actor actor = actor(communityId);
        Filters typed = new Filters(nz(status), nz(category), nz(grid), nz(assignee), overdue, nz(sort));
        return names(communityId).chain(names -> collect(communityId, actor, typed, null, new ArrayList<>())
                .map(items -> Exports.download(new Exports.Table(msg().threads_title(), List.of(msg().col_ref(),
                        msg().col_status(), msg().col_category(), msg().col_urgency(), msg().col_content(),
                        msg().col_grid(), msg().col_assignee(), msg().col_support(), msg().col_submitted(),
                        msg().col_due(), msg().col_overdue(), msg().col_escalated()),
                        items.stream().map(i -> row(i, names)).map(r -> List.<Object>of(r.refNo(), r.status(),
                                r.category(), r.urgent() ? msg().urgent() : msg().normal(), r.excerpt(), r.grid(),
                                r.assignee(), r.support(), r.created(), r.due(), r.overdue() ? msg().yes() : "",
                                r.escalated() ? msg().yes() : "")).toList()), format, "threads")));
    }

    /** Bulk assignment (分派) of the ticked threads to one staff member, each a TRANSFER with its own checks. */
    @POST
    @Path("/assign")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<Response> assign(@PathParam("communityId") long communityId, @RestForm("thread") List<Long> threads,
                                @RestForm("staff") Long staffId, @RestForm String back) {
        Actor actor = actor(communityId);
        List<Long> ids = threads == null ? List.of() : threads.stream().distinct().toList();
        if (ids.size() > 200) {
            throw Problem.badRequest("VALIDATION_FAILED");
        }
        if (ids.isEmpty() || staffId == null) {
            throw Problem.badRequest("THREAD_TRANSFER_TARGET_REQUIRED");
        }
        StaffMove move = new StaffMove(null, false, null, null, List.of(), null, staffId, null, null);
        Uni<int[]> done = Uni.createFrom().item(new int[2]);
        for (long id : ids) {
            done = done.chain(counts -> workflow.act(communityId, id, actor, ThreadAction.TRANSFER, move)
                    .map(x -> {
                        counts[0]++;
                        return counts;
                    })
                    .onFailure(e -> e instanceof Problem p && p.status() != 400).recoverWithItem(e -> {
                        counts[1]++; // the thread moved on or left this staff member's reach meanwhile
                        return counts;
                    }));
        }
        String query = back != null && back.matches("[\\w=&%.\\-]*") ? back : "";
        return done.map(counts -> Response.seeOther(URI.create("/console/c/" + communityId + "/threads?"
                + (query.isEmpty() ? "" : query + "&") + "assigned=" + counts[0] + "-" + counts[1])).build());
    }

    @GET
    @Path("/{threadId}")
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<Response> detail(@PathParam("communityId") long communityId, @PathParam("threadId") long threadId) {
        return page(communityId, threadId, null, 200);
    }

    /** A lifecycle move from the detail page's forms; a refused move shows the page again with the reason. */
    @POST
    @Path("/{threadId}/{action}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<Response> act(@PathParam("communityId") long communityId, @PathParam("threadId") long threadId,
                             @PathParam("action") String action, @RestForm String note, @RestForm boolean complex,
                             @RestForm String reason, @RestForm String result, @RestForm Long pollId,
                             @RestForm("staff") Long assigneeStaffId, @RestForm("grid") Long gridId,
                             @RestForm("target") Long targetThreadId) {
        Actor actor = actor(communityId);
        Uni<Long> move = Uni.createFrom().deferred(() -> switch (action) {
            case "notes" -> workflow.note(communityId, threadId, actor, note);
            case "comments" -> participation.staffComment(communityId, threadId, actor, note);
            default -> {
                StaffMove staffMove = new StaffMove(note, complex, reason, result, List.of(), pollId,
                        assigneeStaffId, gridId, targetThreadId);
                yield frames.invalid(staffMove) != null
                        ? Uni.createFrom().failure(Problem.badRequest("VALIDATION_FAILED"))
                        : workflow.act(communityId, threadId, actor, staffAction(action), staffMove);
            }
        });
        return move.map(id -> Response.seeOther(URI.create("/console/c/" + communityId + "/threads/" + threadId))
                        .build())
                .onFailure(Problem.class).recoverWithUni(e -> refused(communityId, threadId, (Problem) e));
    }

    /** RELEASE or REMOVE the thread itself (neither comment nor photo), one comment, or one photo; audited. */
    @POST
    @Path("/{threadId}/moderation")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<Response> moderate(@PathParam("communityId") long communityId, @PathParam("threadId") long threadId,
                                  @RestForm String decision, @RestForm Long comment, @RestForm Long photo,
                                  @RestForm String reason) {
        Actor actor = actor(communityId);
        Uni<Void> done = Uni.createFrom().deferred(() -> {
            if (comment != null && photo != null) {
                throw Problem.badRequest("THREAD_MODERATION_UNKNOWN");
            }
            return photo != null
                    ? participation.moderatePhoto(communityId, threadId, actor, photo, decision, reason)
                    : participation.moderate(communityId, threadId, actor, comment, decision, reason);
        });
        return done.map(x -> Response.seeOther(URI.create("/console/c/" + communityId + "/threads/" + threadId))
                        .build())
                .onFailure(Problem.class).recoverWithUni(e -> refused(communityId, threadId, (Problem) e));
    }

    /** A refused move shows the page again with the service's message; an unknown thread stays a 404. */
    private Uni<Response> refused(long communityId, long threadId, Problem p) {
        return p.status() == 404 ? Uni.createFrom().failure(p)
                : page(communityId, threadId, ProblemMessages.text(p.code(), p.args()), p.status());
    }

    private Uni<Response> page(long communityId, long threadId, String error, int status) {
        Actor actor = actor(communityId);
        return queries.staffDetail(communityId, threadId, actor)
                .chain(d -> queries.staffMoves(communityId, threadId, actor)
                        .chain(allowed -> names(communityId).chain(names -> frames.page(communityId, d.refNo(),
                                "threads").map(frame -> Response.status(status).entity(Templates.thread(frame,
                                facts(d, names), d.timeline().stream().map(ev -> new EventLine(at(ev.at()),
                                        msg().event_kind(ev.kind()) + (ev.statusLabel() == null ? ""
                                                : "（" + ev.statusLabel() + "）"),
                                        nz(ev.actor()), nz(ev.note()), ev.internal())).toList(),
                                d.comments().stream().map(c -> new CommentLine(c.id(), c.author(),
                                        at(c.createdAt()), c.deleted() ? msg().comment_deleted()
                                        : c.body(), "VISIBLE".equals(c.moderation()) ? "" : nz(c.moderation())))
                                        .toList(),
                                d.photos().stream().map(ph -> new PhotoLine(ph.id(), nz(ph.url()), nz(ph.check())))
                                        .toList(),
                                d.mergeSuggestions() == null ? List.of() : d.mergeSuggestions().stream()
                                        .map(s -> new Suggestion(s.id(), s.refNo(), s.excerpt(), s.status(), s.supportCount()))
                                        .toList(),
                                new Moves(allowed.stream().map(a -> a.name().toLowerCase()).collect(Collectors.toSet()),
                                        staffChoices(names, d.assigneeStaffId()),
                                        names.grids().entrySet().stream().map(g -> new Choice(String.valueOf(g.getKey()),
                                                g.getValue(), g.getKey().equals(d.gridId()))).toList()),
                                error)).build()))));
    }

    private Uni<Names> names(long communityId) {
        return directory.of(communityId);
    }

    private Uni<List<ThreadViews.QueueItem>> collect(long communityId, Actor actor, Filters typed, String cursor,
                                                     List<ThreadViews.QueueItem> into) {
        return queries.queue(communityId, actor, filter(typed, actor, cursor, 200)).chain(slice -> {
            into.addAll(slice.items());
            return slice.next() == null || into.size() >= EXPORT_MAX ? Uni.createFrom().item(into)
                    : collect(communityId, actor, typed, slice.next(), into);
        });
    }

    private static QueueFilter filter(Filters f, Actor actor, String cursor, int limit) {
        ThreadStatus status = Arrays.stream(ThreadStatus.values()).filter(s -> s.name().equals(f.status()))
                .findFirst().orElse(null);
        Long assignee = "me".equals(f.assignee()) ? Long.valueOf(actor.id()) : number(f.assignee());
        return new QueueFilter(status, number(f.grid()), f.category().isBlank() ? null : f.category(), assignee,
                f.overdue() ? Boolean.TRUE : null, null, null, "support".equals(f.sort()) ? "support" : "created",
                cursor == null || cursor.isBlank() ? null : cursor, limit);
    }

    private static Row row(ThreadViews.QueueItem i, Names names) {
        ThreadStatus status = ThreadStatus.valueOf(i.status());
        OffsetDateTime due = status == ThreadStatus.SUBMITTED ? i.acceptDueAt()
                : status.open() ? i.resolveDueAt() : null;
        Long owner = i.assigneeStaffId() != null ? i.assigneeStaffId() : i.routedStaffId();
        return new Row(i.id(), i.refNo(), i.statusLabel(), i.category(), "URGENT".equals(i.urgency()), i.excerpt(),
                names.grid(i.gridId()), names.staff(owner), i.supportCount(), at(i.createdAt()),
                at(due), i.overdue(), i.escalated());
    }

    private static Facts facts(ThreadViews.Detail d, Names names) {
        Long owner = d.assigneeStaffId() != null ? d.assigneeStaffId() : d.routedStaffId();
        return new Facts(d.id(), d.refNo(), d.statusLabel(), d.category(), "URGENT".equals(d.urgency()),
                "PUBLIC".equals(d.visibility()), "VISIBLE".equals(d.moderation()) ? "" : nz(d.moderation()),
                d.description(), nz(d.locationText()), names.grid(d.gridId()), names.staff(owner), d.supportCount(),
                at(d.submittedAt()),
                at(d.acceptDueAt()),
                at(d.resolveDueAt()), d.overdue(),
                "COMPLEX".equals(d.complexity()) ? msg().thread_complex() : "", nz(d.result()), nz(d.rejectReason()),
                d.escalated(), nz(d.mergedIntoRef()), d.reopenCount(), d.pollId(), d.photos().size());
    }

    private static List<Choice> assigneeChoices(Names names, String selected) {
        List<Choice> choices = new ArrayList<>();
        choices.add(new Choice("me", msg().thread_assignee_me(), "me".equals(selected)));
        names.staff().forEach((id, name) -> choices.add(new Choice(String.valueOf(id), name,
                String.valueOf(id).equals(selected))));
        return choices;
    }

    private static List<Choice> staffChoices(Names names, Long selected) {
        return names.staff().entrySet().stream().map(s -> new Choice(String.valueOf(s.getKey()), s.getValue(),
                s.getKey().equals(selected))).toList();
    }

    private Actor actor(long communityId) {
        return Actor.staff(frames.caller(), communityId);
    }

    private static Long number(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            throw Problem.badRequest("VALIDATION_FAILED");
        }
    }

    private static String assignedMessage(String assigned) {
        return assigned != null && assigned.matches("\\d{1,3}-\\d{1,3}")
                ? msg().assigned(assigned.substring(0, assigned.indexOf('-')),
                assigned.substring(assigned.indexOf('-') + 1)) : null;
    }

    private static ThreadAction staffAction(String action) {
        return Arrays.stream(ThreadAction.values())
                .filter(x -> x != ThreadAction.SUBMIT && x != ThreadAction.REOPEN && x.name().equalsIgnoreCase(action))
                .findFirst().orElseThrow(() -> Problem.notFound("NOT_FOUND"));
    }

    private static String at(OffsetDateTime t) {
        return t == null ? "" : HomePages.TIME.format(t);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
