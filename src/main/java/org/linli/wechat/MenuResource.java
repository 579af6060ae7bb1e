package org.linli.wechat;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.identity.CurrentCaller;

import java.util.Map;

@Path("/api/v1/admin/wechat/menu")
@Tag(name = "wechat")
public class MenuResource {

    private final MenuPublisher publisher;
    private final CurrentCaller caller;

    MenuResource(MenuPublisher publisher, CurrentCaller caller) {
        this.publisher = publisher;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Push bot-scripts/menu.yaml to the Official Account as its custom menu (platform admin)")
    public Uni<Map<String, Integer>> publish() {
        caller.requirePlatformAdmin();
        return publisher.publish().map(buttons -> Map.of("buttons", buttons));
    }
}
