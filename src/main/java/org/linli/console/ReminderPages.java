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
import org.linli.common.Problem;
import org.linli.common.ProblemMessages;
import org.linli.community.HouseholdService;
import org.linli.identity.Access;
import org.linli.identity.Reach;
import org.linli.reminder.ReminderDraft;
import org.linli.reminder.ReminderKind;
import org.linli.reminder.ReminderService;
import org.linli.reminder.ReminderView;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import static org.linli.console.ConsoleFrames.msg;

/** Reminders: every kind with its next time and the outcome of its latest firing; custom ones created and cancelled. */
@CsrfChecked
@Path("/console/c/{communityId}/reminders")
@Produces(MediaType.TEXT_HTML)
public class ReminderPages {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final Map<ReminderKind, String> KINDS = Map.of(ReminderKind.POLL_CLOSING, "投票截止",
            ReminderKind.MEETING, "会议", ReminderKind.THREAD_CLOCK, "说事时限", ReminderKind.THREAD_RATING, "请评价",
            ReminderKind.CUSTOM, "自定义");
    private static final Map<String, String> STATUSES = Map.of("ACTIVE", "进行中", "CANCELLED", "已取消", "DONE", "已结束");

    public record Row(long id, String title, String kind, String schedule, String status, String nextDue,
                      String last, boolean cancellable) {
    }

    public record Form(String title, String body, String scope, List<Long> buildings, String fireAt, String cron,
                       boolean urgent) {
        static Form empty() {
            return new Form("", "", "COMMUNITY", List.of(), "", "", false);
        }
    }

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance reminders(Frame frame, List<Row> rows, Form form,
                                                 List<Choice> buildings, boolean whole, String error);
    }

    private final ConsoleFrames frames;
    private final ReminderService reminders;
    private final HouseholdService households;

    ReminderPages(ConsoleFrames frames, ReminderService reminders, HouseholdService households) {
        this.frames = frames;
        this.reminders = reminders;
        this.households = households;
    }

    @GET
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<Response> list(@PathParam("communityId") long communityId) {
        return page(communityId, Form.empty(), null, 200);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<Response> create(@PathParam("communityId") long communityId, @RestForm String title,
                                @RestForm String body, @RestForm String scope,
                                @RestForm("building") List<Long> buildings, @RestForm String fireAt,
                                @RestForm String cron, @RestForm boolean urgent) {
        Form typed = new Form(nz(title), nz(body), nz(scope), buildings == null ? List.of() : buildings, nz(fireAt),
                nz(cron), urgent);
        Uni<ReminderView> created;
        try {
            ReminderDraft.Scope chosen = "BUILDINGS".equals(typed.scope())
                    ? new ReminderDraft.Scope(ReminderDraft.ScopeKind.BUILDINGS, typed.buildings())
                    : new ReminderDraft.Scope(ReminderDraft.ScopeKind.COMMUNITY, List.of());
            if (typed.title().isBlank()) {
                throw Problem.badRequest("VALIDATION_FAILED");
            }
            created = reminders.create(communityId, frames.reach(communityId), new ReminderDraft(
                    cut(typed.title(), 100), typed.body().isBlank() ? null : cut(typed.body(), 500), chosen,
                    NoticePages.time(typed.fireAt()), typed.cron().isBlank() ? null : typed.cron(), typed.urgent()));
        } catch (Problem p) {
            return page(communityId, typed, ProblemMessages.text(p.code(), p.args()), p.status());
        }
        return created.map(v -> Response.seeOther(URI.create("/console/c/" + communityId + "/reminders")).build())
                .onFailure(Problem.class).recoverWithUni(e -> {
                    Problem p = (Problem) e;
                    return page(communityId, typed, ProblemMessages.text(p.code(), p.args()), p.status());
                });
    }

    @POST
    @Path("/{reminderId}/cancel")
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<Response> cancel(@PathParam("communityId") long communityId, @PathParam("reminderId") long reminderId) {
        return reminders.cancel(communityId, reminderId, frames.reach(communityId))
                .map(v -> Response.seeOther(URI.create("/console/c/" + communityId + "/reminders")).build())
                .onFailure(Problem.class).recoverWithUni(e -> {
                    Problem p = (Problem) e;
                    return page(communityId, Form.empty(), ProblemMessages.text(p.code(), p.args()), p.status());
                });
    }

    private Uni<Response> page(long communityId, Form form, String error, int status) {
        Reach reach = frames.reach(communityId);
        return frames.page(communityId, msg().reminders_title(), "reminders")
                .chain(frame -> reminders.list(communityId, reach, null)
                        .chain(list -> households.visibleBuildings(communityId, reach).map(buildings -> Response
                                .status(status).entity(Templates.reminders(frame,
                                        list.stream().map(r -> row(r, reach)).toList(), form,
                                        buildings.stream().map(b -> new Choice(String.valueOf(b.id),
                                                b.name, form.buildings().contains(b.id))).toList(),
                                        reach.whole(), error)).build())));
    }

    private static Row row(ReminderView r, Reach reach) {
        String schedule = r.cron() != null ? r.cron() : r.fireAt() != null ? minute(r.fireAt())
                : r.leadMinutes().isEmpty() ? "" : "提前 " + String.join("、", r.leadMinutes().stream()
                .map(m -> m % 60 == 0 ? m / 60 + " 小时" : m + " 分钟").toList());
        String last = r.occurrences().isEmpty() ? "" : outcome(r.occurrences().get(0));
        boolean mine = r.createdBy() != null && r.createdBy() == reach.staffId();
        return new Row(r.id(), r.title(), KINDS.getOrDefault(r.kind(), r.kind().name()), schedule,
                STATUSES.getOrDefault(r.status(), r.status()), r.nextDueAt() == null ? "" : minute(r.nextDueAt()), last,
                "ACTIVE".equals(r.status()) && r.kind() == ReminderKind.CUSTOM && (reach.whole() || mine));
    }

    private static String outcome(ReminderView.Occurrence o) {
        String at = minute(o.dueAt()) + " ";
        return switch (o.status()) {
            case "FIRED" -> at + msg().reminder_outcome(o.audience(), o.queued(),
                    o.delivery().sent() + o.delivery().inApp());
            case "SKIPPED" -> at + msg().reminder_skipped(o.skipReason());
            case "DUE" -> "";
            default -> at + STATUSES.getOrDefault(o.status(), o.status());
        };
    }

    private static String minute(OffsetDateTime t) {
        return MINUTE.format(t.atZoneSameInstant(ZONE));
    }

    private static String cut(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }

    private static String nz(String s) {
        return s == null ? "" : s.strip();
    }
}
