package org.linli.thread;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** 公示: what a community did about the public matters its residents raised; no login, no personal data. */
@Path("/api/v1/public/communities/{code}/threads")
@PermitAll
@Tag(name = "threads (public)", description = "说事公示")
public class PublicThreadResource {

    private final ThreadQueries queries;

    PublicThreadResource(ThreadQueries queries) {
        this.queries = queries;
    }

    @GET
    @Operation(summary = "Closed public threads: category, result, average rating; numbers masked")
    public Uni<List<ThreadViews.Published>> published(@PathParam("code") String code,
                                                      @QueryParam("limit") @DefaultValue("50") int limit) {
        return queries.published(code, limit);
    }
}
