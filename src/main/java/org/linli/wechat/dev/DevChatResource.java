package org.linli.wechat.dev;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.annotation.security.PermitAll;
import io.quarkus.arc.profile.UnlessBuildProfile;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.linli.bot.BotScriptsHolder;
import org.linli.bot.script.MenuDefinition;
import org.linli.identity.Resident;
import org.linli.wechat.WechatEndpoint;
import org.linli.wechat.fake.FakeWechatServer;

import java.util.List;
import java.util.stream.Stream;

/**
 * The dev-mode chat simulator: a page that looks like a WeChat chat and sends real signed (optionally encrypted)
 * callbacks to /wechat/mp, and shows what the service pushed to the user through the fake WeChat API.
 * Never part of a production build.
 */
@Path("/dev/chat")
@PermitAll
@UnlessBuildProfile("prod")
public class DevChatResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(List<Resident> residents, List<MenuDefinition.MenuButton> buttons);
    }

    private final DevChatClient client;
    private final WechatEndpoint endpoint;
    private final BotScriptsHolder scripts;

    DevChatResource(DevChatClient client, WechatEndpoint endpoint, BotScriptsHolder scripts) {
        this.client = client;
        this.endpoint = endpoint;
        this.scripts = scripts;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<TemplateInstance> page() {
        return Panache.withSession(() -> Resident.<Resident>find("mpOpenid is not null order by id").page(0, 60).list())
                .map(residents -> Templates.page(residents, menuClicks()));
    }

    /** The menu's clickable buttons, sub-buttons flattened, as the phone would show them. */
    private List<MenuDefinition.MenuButton> menuClicks() {
        return scripts.menu().buttons().stream()
                .flatMap(b -> b.subButtons().isEmpty() ? Stream.of(b) : b.subButtons().stream())
                .filter(b -> "click".equals(b.type()))
                .toList();
    }

    @POST
    @Path("/send")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<DevChatClient.Result> send(@Valid @NotNull DevChatClient.Outgoing message, @Context UriInfo uri) {
        return client.send(uri.getBaseUri().resolve("/wechat/mp").toString(), message);
    }

    public record Pushed(String at, String path, String body) {
    }

    @GET
    @Path("/pushed")
    @Produces(MediaType.APPLICATION_JSON)
    public List<Pushed> pushed(@QueryParam("openid") String openid) {
        if (openid == null || endpoint.fake().isEmpty()) {
            return List.of();
        }
        FakeWechatServer fake = endpoint.fake().get();
        return fake.callsFor(openid).stream()
                .map(c -> new Pushed(c.at().toString(), c.path(), c.body())).toList();
    }
}
