package org.linli.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.linli.identity.Access;
import org.linli.thread.ThreadQueries;
import org.linli.thread.ThreadViews;

import static org.linli.console.ConsoleFrames.msg;

/**
 * The 说事 settings in force: categories and their clocks, the holiday calendar, rating window and moderation
 * threshold. They are the deployment's configuration ({@code linli.thread.*}, docs/configuration.md), shown here
 * so staff can see the rules their clocks follow; changing them is the operator's.
 */
@Path("/console/c/{communityId}/settings")
@Produces(MediaType.TEXT_HTML)
public class SettingsPage {

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance settings(Frame frame, ThreadViews.Settings settings);
    }

    private final ConsoleFrames frames;
    private final ThreadQueries threads;

    SettingsPage(ConsoleFrames frames, ThreadQueries threads) {
        this.frames = frames;
        this.threads = threads;
    }

    @GET
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<TemplateInstance> settings(@PathParam("communityId") long communityId) {
        return frames.page(communityId, msg().settings_title(), "settings")
                .map(frame -> Templates.settings(frame, threads.settings()));
    }
}
