package org.linli.console;

import org.linli.community.Page;
import static org.linli.console.ConsoleFrames.msg;
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
import org.linli.identity.Access;
import org.linli.identity.Reach;
import org.linli.notice.BodyFormat;
import org.linli.notice.NoticeCategory;
import org.linli.notice.NoticeDraft;
import org.linli.notice.NoticePriority;
import org.linli.notice.NoticeScope;
import org.linli.notice.NoticeStats;
import org.linli.notice.NoticeSummary;
import org.linli.notice.NoticeVersionView;
import org.linli.notice.NoticeView;
import org.linli.notice.ScopeKind;
import org.linli.notice.StaffNoticeService;
import org.linli.notice.UnreadHousehold;

import java.net.URI;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/** Notices: list, compose with preview and scope picker, detail with figures, unread households, versions. */
@CsrfChecked
@Path("/console/c/{communityId}/notices")
@Produces(MediaType.TEXT_HTML)
public class NoticePages {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** The compose form as typed, to show it again with an error. */
    public record Compose(String title, String body, String format, String category, boolean urgent,
                          boolean requiresAck, String scope, List<Long> grids, List<Long> buildings,
                          String publishAt, String expiresAt) {
        static Compose empty() {
            return new Compose("", "", "PLAIN", "OTHER", false, false, "COMMUNITY", List.of(), List.of(), "", "");
        }
    }

    public record Detail(NoticeView notice, NoticeStats stats, List<UnreadHousehold> unread,
                         List<NoticeVersionView> versions, boolean changeable) {
    }

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance notices(Frame frame, List<NoticeSummary> notices, HouseholdPages.Pager pager);

        static native TemplateInstance notice_new(Frame frame, Compose form, List<Choice> categories,
                                                  List<Choice> grids, List<Choice> buildings, String error);

        static native TemplateInstance notice_preview(String html);

        static native TemplateInstance notice(Frame frame, Detail detail, String published);
    }

    private final ConsoleFrames frames;
    private final StaffNoticeService notices;

    NoticePages(ConsoleFrames frames, StaffNoticeService notices) {
        this.frames = frames;
        this.notices = notices;
    }

    @GET
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<TemplateInstance> list(@PathParam("communityId") long communityId,
                                      @QueryParam("page") @DefaultValue("1") int page) {
        return frames.page(communityId, msg().notices_title(), "notices")
                .chain(frame -> notices.list(communityId, frames.reach(communityId), null, Math.min(Math.max(0, page - 1), Page.MAX_PAGE), 20)
                        .map(p -> Templates.notices(frame, p.items(), HouseholdPages.Pager.of(p, ""))));
    }

    @GET
    @Path("/new")
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<Response> compose(@PathParam("communityId") long communityId) {
        return form(communityId, Compose.empty(), null, 200);
    }

    /** The body as residents will see it; htmx posts the form here on every pause in typing. */
    @POST
    @Path("/preview")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public TemplateInstance preview(@PathParam("communityId") long communityId, @RestForm String body,
                                    @RestForm String format) {
        frames.reach(communityId);
        String text = body == null ? "" : body.length() > 20_000 ? body.substring(0, 20_000) : body;
        return Templates.notice_preview(StaffNoticeService.preview(text, "MARKDOWN".equals(format)
                ? BodyFormat.MARKDOWN : BodyFormat.PLAIN));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<Response> publish(@PathParam("communityId") long communityId,
                                 @RestForm String title, @RestForm String body, @RestForm String format,
                                 @RestForm String category, @RestForm boolean urgent, @RestForm boolean requiresAck,
                                 @RestForm String scope, @RestForm("grid") List<Long> grids,
                                 @RestForm("building") List<Long> buildings,
                                 @RestForm String publishAt, @RestForm String expiresAt) {
        Compose typed = new Compose(nz(title), nz(body), nz(format), nz(category), urgent, requiresAck, nz(scope),
                grids == null ? List.of() : grids, buildings == null ? List.of() : buildings, nz(publishAt),
                nz(expiresAt));
        NoticeDraft draft;
        try {
            draft = draft(typed);
        } catch (Problem p) {
            return form(communityId, typed, ProblemMessages.text(p.code(), p.args()), p.status());
        }
        String invalid = frames.invalid(draft);
        if (invalid != null) {
            return form(communityId, typed, invalid, 400);
        }
        return notices.publish(communityId, frames.reach(communityId), draft)
                .map(change -> Response.seeOther(URI.create("/console/c/" + communityId + "/notices/"
                        + change.notice().id() + "?published=" + (change.push() == null ? 0 : change.push().recipients())))
                        .build())
                .onFailure(Problem.class).recoverWithUni(e -> {
                    Problem p = (Problem) e;
                    return form(communityId, typed, ProblemMessages.text(p.code(), p.args()), p.status());
                });
    }

    @GET
    @Path("/{noticeId}")
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<TemplateInstance> detail(@PathParam("communityId") long communityId,
                                        @PathParam("noticeId") long noticeId,
                                        @QueryParam("published") String published) {
        Reach reach = frames.reach(communityId);
        return notices.view(communityId, noticeId, reach)
                .chain(view -> notices.stats(communityId, noticeId, reach)
                        .chain(stats -> notices.unreadHouseholds(communityId, noticeId, reach)
                                .chain(unread -> notices.versions(communityId, noticeId, reach)
                                        .map(versions -> new Detail(view, stats, unread, versions,
                                                reach.whole() && view.withdrawnAt() == null)))))
                .chain(detail -> frames.page(communityId, detail.notice().title(), "notices")
                        .map(frame -> Templates.notice(frame, detail, published)));
    }

    @GET
    @Path("/{noticeId}/unread-households")
    @Produces({Exports.XLSX, "text/csv"})
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<Response> exportUnread(@PathParam("communityId") long communityId, @PathParam("noticeId") long noticeId,
                                      @QueryParam("format") @DefaultValue("xlsx") String format) {
        return notices.unreadHouseholds(communityId, noticeId, frames.reach(communityId))
                .map(list -> Exports.download(new Exports.Table(msg().notice_unread(), List.of(msg().col_building(), msg().col_unit(), msg().col_room(), msg().col_residents()),
                        list.stream().map(h -> List.<Object>of(h.building(), h.unit(), h.room(), h.residents()))
                                .toList()), format, "unread-households-" + noticeId));
    }

    @POST
    @Path("/{noticeId}/withdraw")
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<Response> withdraw(@PathParam("communityId") long communityId, @PathParam("noticeId") long noticeId) {
        return notices.withdraw(communityId, noticeId, frames.reach(communityId))
                .map(v -> Response.seeOther(URI.create("/console/c/" + communityId + "/notices/" + noticeId)).build());
    }

    private Uni<Response> form(long communityId, Compose typed, String error, int status) {
        return frames.page(communityId, msg().notice_new(), "notices")
                .chain(frame -> frames.scopeChoices(communityId, typed.grids(), typed.buildings())
                        .map(scope -> Response.status(status).entity(Templates.notice_new(frame, typed,
                                Arrays.stream(NoticeCategory.values()).map(c -> new Choice(c.name(), c.label(),
                                        c.name().equals(typed.category()))).toList(),
                                scope.grids(), scope.buildings(), error)).build()));
    }

    private static NoticeDraft draft(Compose f) {
        ScopeKind kind = switch (f.scope()) {
            case "GRIDS" -> ScopeKind.GRIDS;
            case "BUILDINGS" -> ScopeKind.BUILDINGS;
            default -> ScopeKind.COMMUNITY;
        };
        List<Long> ids = switch (kind) {
            case GRIDS -> f.grids();
            case BUILDINGS -> f.buildings();
            default -> List.of();
        };
        return new NoticeDraft(f.title(), f.body(), "MARKDOWN".equals(f.format()) ? BodyFormat.MARKDOWN : BodyFormat.PLAIN,
                NoticeCategory.parse(f.category()), f.urgent() ? NoticePriority.URGENT : NoticePriority.NORMAL,
                new NoticeScope(kind, ids), time(f.publishAt()), time(f.expiresAt()), List.of(), f.requiresAck());
    }

    /** A datetime-local field, community time. */
    static OffsetDateTime time(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.strip()).atZone(ZONE).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            throw Problem.badRequest("VALIDATION_FAILED");
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
