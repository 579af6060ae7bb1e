package org.linli.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.linli.common.Problem;
import org.linli.common.ProblemMessages;
import org.linli.identity.Access;
import org.linli.identity.Reach;
import org.linli.meeting.MeetingService;
import org.linli.meeting.MeetingStatus;
import org.linli.meeting.MeetingViews;

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
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final Map<MeetingStatus, String> STATUSES = Map.of(MeetingStatus.UPCOMING, "未开始",
            MeetingStatus.ONGOING, "进行中", MeetingStatus.ENDED, "已结束", MeetingStatus.CANCELLED, "已取消");

    public record Line(long id, String title, String when, String place, String status) {
    }

    public record Section(String key, String title, List<Line> rows) {
    }

    public record Detail(long id, String title, String when, String place, String status, String agenda,
                         String counts, String attended, String invitations, boolean open) {
    }

    public record AttendeeLine(String name, String at, String how) {
    }

    public record Qr(String svg, String until) {
    }

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance meetings(Frame frame, List<Section> sections);

        static native TemplateInstance meeting(Frame frame, Detail detail, List<AttendeeLine> attendees, Qr qr,
                                               String error);
    }

    private final ConsoleFrames frames;
    private final MeetingService meetings;

    MeetingPages(ConsoleFrames frames, MeetingService meetings) {
        this.frames = frames;
        this.meetings = meetings;
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

    private static Detail detail(MeetingViews.Staff m) {
        MeetingViews.Counts c = m.counts();
        MeetingViews.Invitations i = m.invitations();
        return new Detail(m.id(), m.title(), when(m.startsAt(), m.endsAt()), m.place() == null ? "" : m.place(),
                STATUSES.get(m.status()), m.agenda(), msg().meeting_counts(c.yes(), c.no(), c.maybe(), c.unanswered(),
                c.invited()), msg().meeting_attended(c.attended(), c.walkIns()),
                i == null ? "" : msg().meeting_invitations(i.total(), i.sent(), i.inApp(), i.pending(), i.dead()),
                m.status() == MeetingStatus.UPCOMING || m.status() == MeetingStatus.ONGOING);
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
        return MINUTE.format(t.atZoneSameInstant(ZONE));
    }
}
