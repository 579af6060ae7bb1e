package org.linli.wechat;

import org.linli.identity.Access;
import jakarta.annotation.security.RolesAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

@Path("/api/v1/admin/wechat/menu")
@Tag(name = "wechat")
public class MenuResource {

    private final MenuPublisher publisher;

    MenuResource(MenuPublisher publisher) {
        this.publisher = publisher;
    }

    @POST
    @RolesAllowed(Access.PLATFORM_ADMIN)
    @Operation(summary = "Push bot-scripts/menu.yaml to the Official Account as its custom menu (platform admin)")
    public Uni<Map<String, Integer>> publish() {
        return publisher.publish().map(buttons -> Map.of("buttons", buttons));
    }
}
