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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.linli.common.Problem;
import org.linli.common.ProblemMessages;
import org.linli.identity.Access;
import org.linli.common.Workers;
import org.linli.thread.HolidayUploads;
import org.linli.thread.ThreadQueries;
import org.linli.thread.ThreadRules;
import org.linli.thread.ThreadSettings;
import org.linli.thread.ThreadViews;

import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.linli.console.ConsoleFrames.msg;

/**
 * The 说事 settings of the community: its categories, the urgent ones, the clocks per category and the local
 * sensitive words, which its ADMIN or COMMITTEE change here ({@link ThreadSettings}); and, read only, the
 * deployment's holiday calendar (which a platform admin uploads here), rating window and report threshold.
 */
@Path("/console/c/{communityId}/settings")
@Produces(MediaType.TEXT_HTML)
public class SettingsPage {

    /** The form as shown: the rules' lists one item per line; per category its clocks and keywords (、-separated). */
    public record Form(String categories, String urgent, String refused, String review, List<Row> rows,
                       String updated) {
    }

    public record Row(ThreadViews.Clocks clocks, String keywords) {
    }

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance settings(Frame frame, ThreadViews.Settings settings, Form form, String error,
                                                boolean saved, boolean platformAdmin);
    }

    private final ConsoleFrames frames;
    private final ThreadQueries threads;
    private final ThreadSettings rules;
    private final HolidayUploads holidays;
    private final Workers workers;

    SettingsPage(ConsoleFrames frames, ThreadQueries threads, ThreadSettings rules, HolidayUploads holidays,
                 Workers workers) {
        this.frames = frames;
        this.threads = threads;
        this.rules = rules;
        this.holidays = holidays;
        this.workers = workers;
    }

    @GET
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<TemplateInstance> settings(@PathParam("communityId") long communityId,
                                          @QueryParam("saved") boolean saved) {
        return threads.settings(communityId).chain(s -> frames.page(communityId, msg().settings_title(), "settings")
                .map(frame -> Templates.settings(frame, s, form(s.rules()), null, saved, platformAdmin())));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @PermissionsAllowed(Access.COMMUNITY_MANAGE)
    public Uni<Response> save(@PathParam("communityId") long communityId, @RestForm String categories,
                              @RestForm String urgent, @RestForm String refused, @RestForm String review,
                              @RestForm("clock_category") List<String> clockCategory,
                              @RestForm("accept_urgent") List<String> acceptUrgent,
                              @RestForm("accept_normal") List<String> acceptNormal,
                              @RestForm("resolve_urgent") List<String> resolveUrgent,
                              @RestForm("resolve_normal") List<String> resolveNormal,
                              @RestForm("resolve_complex") List<String> resolveComplex,
                              @RestForm("keywords") List<String> keywords) {
        List<Row> rows = new ArrayList<>();
        Map<String, List<String>> words = new LinkedHashMap<>();
        for (int i = 0; i < clockCategory.size(); i++) {
            rows.add(new Row(new ThreadViews.Clocks(clockCategory.get(i), at(acceptUrgent, i), at(acceptNormal, i),
                    at(resolveUrgent, i), at(resolveNormal, i), at(resolveComplex, i)), nz(at(keywords, i))));
            if (keywords != null && i < keywords.size()) {
                words.put(clockCategory.get(i).strip(), KEYWORD_SEPARATORS.splitAsStream(keywords.get(i)).toList());
            }
        }
        ThreadRules edit = new ThreadRules(lines(categories), lines(urgent),
                rows.stream().map(Row::clocks).toList(), words, lines(refused), lines(review), null, null);
        return Uni.createFrom().deferred(() -> rules.save(communityId, frames.caller(), edit))
                .map(saved -> Response.seeOther(URI.create("/console/c/" + communityId + "/settings?saved=true"))
                        .build())
                .onFailure(e -> e instanceof Problem p && p.status() == 400).recoverWithUni(e -> refused(communityId,
                        new Form(nz(categories), nz(urgent), nz(refused), nz(review), rows, null), (Problem) e));
    }

    /** A platform admin uploads the holiday calendar (one for the deployment: every community's working days). */
    @POST
    @Path("/holidays")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @PermissionsAllowed(Access.COMMUNITY_MANAGE)
    public Uni<Response> holidays(@PathParam("communityId") long communityId, @RestForm("file") FileUpload file) {
        return workers.call(() -> file == null ? new byte[0] : Files.readAllBytes(file.uploadedFile()))
                .chain(bytes -> holidays.upload(frames.caller(), file == null ? null : file.fileName(), bytes))
                .map(inForce -> Response.seeOther(URI.create("/console/c/" + communityId + "/settings?saved=true"))
                        .build())
                .onFailure(e -> e instanceof Problem p && p.status() == 400)
                .recoverWithUni(e -> refused(communityId, null, (Problem) e));
    }

    /** The page again with the refusal's message; {@code typed}: the form as sent, null for the rules in force. */
    private Uni<Response> refused(long communityId, Form typed, Problem p) {
        return threads.settings(communityId).chain(s -> frames.page(communityId, msg().settings_title(), "settings")
                .map(frame -> Response.status(400).entity(Templates.settings(frame, s,
                        typed != null ? typed : form(s.rules()), ProblemMessages.text(p.code(), p.args()), false,
                        platformAdmin())).build()));
    }

    private boolean platformAdmin() {
        return frames.caller().isPlatformAdmin();
    }

    private static Form form(ThreadRules r) {
        return new Form(String.join("\n", r.categories()), String.join("\n", r.urgentCategories()),
                String.join("\n", r.refusedWords()), String.join("\n", r.reviewWords()),
                r.clocks().stream().map(c -> new Row(c, String.join("、", r.keywordsOf(c.category())))).toList(),
                r.updatedAt() == null ? null : HomePages.TIME.format(r.updatedAt()));
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("\\R")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }

    private static final Pattern KEYWORD_SEPARATORS = Pattern.compile("[、,，;；\\s]+");

    private static String at(List<String> values, int i) {
        return values != null && i < values.size() ? values.get(i) : null;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
