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
import org.linli.identity.Access;
import org.linli.identity.Reach;
import org.linli.meeting.MeetingDraft;
import org.linli.meeting.MeetingScope;
import org.linli.meeting.MeetingService;
import org.linli.meeting.MeetingStatus;
import org.linli.meeting.MeetingViews;
import org.linli.reminder.ReminderConfig;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import static org.linli.console.ConsoleFrames.msg;

/**
 * Meetings: upcoming and past, and one meeting with its RSVP figures, the invitation's delivery, who checked in, and
 * the door's check-in QR code (the Official Account's parametric code, printed as SVG).
 */
@CsrfChecked
@Path("/console/c/{communityId}/meetings")
@Produces(MediaType.TEXT_HTML)
public class MeetingPages {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Map<MeetingStatus, String> STATUSES = Map.of(MeetingStatus.UPCOMING, "未开始",
            MeetingStatus.ONGOING, "进行中", MeetingStatus.ENDED, "已结束", MeetingStatus.CANCELLED, "已取消");

    public record Line(long id, String title, String when, String place, String status) {
    }

    public record Section(String key, String title, List<Line> rows) {
    }

    public record Detail(long id, String title, String when, String place, String status, String agenda,
                         String counts, String attended, String invitations, String reminders, boolean open,
                         boolean started, boolean minutes) {
    }

    /** The create form as typed, to show it again with an error. */
    public record Compose(String title, String startsAt, String endsAt, String place, String agenda, String scope,
                          List<Long> grids, List<Long> buildings, List<Integer> remind) {
    }

    /** One of the reminder times offered on the form. */
    public record RemindChoice(int minutes, String label, boolean checked) {
    }

    public record AttendeeLine(String name, String at, String how) {
    }

    public record Qr(String svg, String until) {
    }

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance meetings(Frame frame, List<Section> sections);

        static native TemplateInstance meeting_new(Frame frame, Compose form, List<Choice> grids,
                                                   List<Choice> buildings, List<RemindChoice> reminders,
                                                   String error);

        static native TemplateInstance meeting(Frame frame, Detail detail, List<AttendeeLine> attendees, Qr qr,
                                               String error);
    }

    /** The reminder times the form offers, minutes before the start: 3 days, 1 day, 3 h, 1 h, 30 min. */
    private static final List<Integer> REMIND_OPTIONS = List.of(4320, 1440, 180, 60, 30);

    private final ConsoleFrames frames;
    private final MeetingService meetings;
    private final List<Integer> defaultLeads;

    MeetingPages(ConsoleFrames frames, MeetingService meetings, ReminderConfig reminders) {
        this.frames = frames;
        this.meetings = meetings;
        this.defaultLeads = reminders.meetingLeads().stream().map(d -> (int) d.toMinutes()).toList();
    }

    @GET
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<TemplateInstance> list(@PathParam("communityId") long communityId) {
        Reach reach = frames.reach(communityId);
        return frames.page(communityId, msg().meetings_title(), "meetings")
                .chain(frame -> meetings.list(communityId, reach, false)
                        .chain(upcoming -> meetings.list(communityId, reach, true).map(past -> Templates.meetings(frame,
                                List.of(new Section("upcoming", msg().meetings_upcoming(), lines(upcoming)),
                                        new Section("past", msg().meetings_past(), lines(past)))))));
    }

    @GET
    @Path("/new")
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<Response> compose(@PathParam("communityId") long communityId) {
        return form(communityId, new Compose("", "", "", "", "", "COMMUNITY", List.of(), List.of(), defaultLeads),
                null, 200);
    }

    /** Creates the meeting; its invitees get the invitation push at once (the meeting feature's rule). */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<Response> create(@PathParam("communityId") long communityId, @RestForm String title,
                                @RestForm String startsAt, @RestForm String endsAt, @RestForm String place,
                                @RestForm String agenda, @RestForm String scope, @RestForm("grid") List<Long> grids,
                                @RestForm("building") List<Long> buildings,
                                @RestForm("remind") List<Integer> remind) {
        Compose typed = new Compose(nz(title), nz(startsAt), nz(endsAt), nz(place), nz(agenda), nz(scope),
                grids == null ? List.of() : grids, buildings == null ? List.of() : buildings,
                remind == null ? List.of() : remind);
        MeetingDraft draft;
        try {
            draft = draft(typed);
        } catch (Problem p) {
            return form(communityId, typed, ProblemMessages.text(p.code(), p.args()), p.status());
        }
        String invalid = frames.invalid(draft);
        if (invalid != null) {
            return form(communityId, typed, invalid, 400);
        }
        return meetings.create(communityId, frames.reach(communityId), draft)
                .map(m -> Response.seeOther(URI.create("/console/c/" + communityId + "/meetings/" + m.id())).build())
                .onFailure(Problem.class).recoverWithUni(e -> {
                    Problem p = (Problem) e;
                    return form(communityId, typed, ProblemMessages.text(p.code(), p.args()), p.status());
                });
    }

    private static MeetingDraft draft(Compose f) {
        MeetingScope.Kind kind = switch (f.scope()) {
            case "GRIDS" -> MeetingScope.Kind.GRIDS;
            case "BUILDINGS" -> MeetingScope.Kind.BUILDINGS;
            default -> MeetingScope.Kind.COMMUNITY;
        };
        List<Long> ids = kind == MeetingScope.Kind.GRIDS ? f.grids()
                : kind == MeetingScope.Kind.BUILDINGS ? f.buildings() : null;
        return new MeetingDraft(f.title().strip(), NoticePages.time(f.startsAt()), NoticePages.time(f.endsAt()),
                f.place().strip(), f.agenda().isBlank() ? null : f.agenda(), new MeetingScope(kind, ids), null, null,
                null, f.remind().stream().map(Duration::ofMinutes).toList());
    }

    private List<RemindChoice> remindChoices(List<Integer> checked) {
        return REMIND_OPTIONS.stream().map(m -> new RemindChoice(m, lead(m), checked.contains(m))).toList();
    }

    private static String reminders(List<Integer> leads) {
        return msg().meeting_reminders_line(leads.isEmpty() ? msg().meeting_no_reminders()
                : String.join("、", leads.stream().map(MeetingPages::lead).toList()));
    }

    private static String lead(int minutes) {
        return minutes % 1440 == 0 ? msg().lead_days(minutes / 1440)
                : minutes % 60 == 0 ? msg().lead_hours(minutes / 60) : msg().lead_minutes(minutes);
    }

    @POST
    @Path("/{meetingId}/cancel")
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<Response> cancel(@PathParam("communityId") long communityId, @PathParam("meetingId") long meetingId) {
        return after(communityId, meetingId, meetings.cancel(communityId, meetingId, frames.reach(communityId)));
    }

    /** 会议纪要: published as a notice to the meeting's audience, once, after the start. */
    @POST
    @Path("/{meetingId}/minutes")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<Response> minutes(@PathParam("communityId") long communityId, @PathParam("meetingId") long meetingId,
                                 @RestForm String text) {
        return after(communityId, meetingId, meetings.minutes(communityId, meetingId, frames.reach(communityId), text));    }

    private Uni<Response> after(long communityId, long meetingId, Uni<MeetingViews.Staff> move) {
        return move.map(m -> Response.seeOther(URI.create("/console/c/" + communityId + "/meetings/" + meetingId))
                        .build())
                .onFailure(Problem.class).recoverWithUni(e -> {
                    Problem p = (Problem) e;
                    return p.status() == 404 ? Uni.createFrom().failure(p)
                            : page(communityId, meetingId, null, ProblemMessages.text(p.code(), p.args()), p.status());
                });
    }

    private Uni<Response> form(long communityId, Compose typed, String error, int status) {
        return frames.page(communityId, msg().meeting_new(), "meetings")
                .chain(frame -> frames.scopeChoices(communityId, typed.grids(), typed.buildings())
                        .map(scope -> Response.status(status).entity(Templates.meeting_new(frame, typed,
                                scope.grids(), scope.buildings(), remindChoices(typed.remind()), error)).build()));
    }

    @GET
    @Path("/{meetingId}")
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<Response> detail(@PathParam("communityId") long communityId, @PathParam("meetingId") long meetingId) {
        return page(communityId, meetingId, null, null, 200);
    }

    @POST
    @Path("/{meetingId}/qrcode")
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<Response> qrCode(@PathParam("communityId") long communityId, @PathParam("meetingId") long meetingId) {
        return meetings.qrCode(communityId, meetingId, frames.reach(communityId))
                .chain(qr -> page(communityId, meetingId, new Qr(QrSvg.of(qr.url(), msg().meeting_qr_label("")),
                        minute(qr.expiresAt())), null, 200))
                .onFailure(Problem.class).recoverWithUni(e -> {
                    Problem p = (Problem) e;
                    if (p.status() == 404) {
                        return Uni.createFrom().failure(p);
                    }
                    return page(communityId, meetingId, null, ProblemMessages.text(p.code(), p.args()), p.status());
                });
    }

    private Uni<Response> page(long communityId, long meetingId, Qr qr, String error, int status) {
        Reach reach = frames.reach(communityId);
        return meetings.get(communityId, meetingId, reach).chain(m -> meetings.attendance(communityId, meetingId, reach)
                .chain(attendees -> frames.page(communityId, m.title(), "meetings").map(frame -> Response.status(status)
                        .entity(Templates.meeting(frame, detail(m), attendees.stream().map(a -> new AttendeeLine(
                                a.displayName() == null ? "居民 " + a.residentId() : a.displayName(),
                                a.checkedInAt() == null ? "" : minute(a.checkedInAt()),
                                a.byStaff() ? msg().meeting_by_staff() : a.invited() ? "" : "现场加入")).toList(),
                                qr, error)).build())));
    }

    private Detail detail(MeetingViews.Staff m) {
        MeetingViews.Counts c = m.counts();
        MeetingViews.Invitations i = m.invitations();
        return new Detail(m.id(), m.title(), when(m.startsAt(), m.endsAt()), m.place() == null ? "" : m.place(),
                STATUSES.get(m.status()), m.agenda(), msg().meeting_counts(c.yes(), c.no(), c.maybe(), c.unanswered(),
                c.invited()), msg().meeting_attended(c.attended(), c.walkIns()),
                i == null ? "" : msg().meeting_invitations(i.total(), i.sent(), i.inApp(), i.pending(), i.dead()),
                reminders(m.reminderLeadMinutes() == null ? defaultLeads : m.reminderLeadMinutes()),
                m.status() == MeetingStatus.UPCOMING || m.status() == MeetingStatus.ONGOING,
                m.status() == MeetingStatus.ONGOING || m.status() == MeetingStatus.ENDED, m.minutesNoticeId() != null);
    }

    private static List<Line> lines(List<MeetingViews.Summary> list) {
        return list.stream().map(m -> new Line(m.id(), m.title(), when(m.startsAt(), m.endsAt()),
                m.place() == null ? "" : m.place(), STATUSES.get(m.status()))).toList();
    }

    private static String when(OffsetDateTime start, OffsetDateTime end) {
        return minute(start) + (end == null ? "" : " – " + DateTimeFormatter.ofPattern("HH:mm")
                .format(end.atZoneSameInstant(ZONE)));
    }

    private static String minute(OffsetDateTime t) {
        return HomePages.TIME.format(t);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
