package org.linli.poll;

import org.linli.common.NativeSql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.common.Problem;
import org.linli.community.CommunityService;

import java.util.List;
import java.util.Map;

/**
 * 公示: published results with their explanation, the outcome statement and the chain head; the ballot events
 * (units under pseudonyms) and, for secret polls, the receipt list. Nobody's choice is named here.
 */
@Path("/api/v1/public/communities/{code}/polls")
@Tag(name = "polls (public)", description = "表决结果公示")
public class PublicPollResource {

    public record Published(PollView poll, PollResult result) {
    }

    private final CommunityService communities;
    private final PollStore store;
    private final PollRecords records;
    private final PollJson json;
    private final PollBoard board;

    PublicPollResource(CommunityService communities, PollStore store, PollRecords records, PollJson json,
                       PollBoard board) {
        this.board = board;
        this.communities = communities;
        this.store = store;
        this.records = records;
        this.json = json;
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<List<Published>> list(@PathParam("code") String code) {
        return communities.byCode(code).chain(c -> board.published(c.id, 100))
                .map(entries -> entries.stream().map(e -> new Published(e.poll(), e.result())).toList());
    }

    @GET
    @Path("/{pollId}")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Published> get(@PathParam("code") String code, @PathParam("pollId") long pollId) {
        return published(code, pollId).map(p -> new Published(PollView.of(p, List.of()), json.result(p.result())));
    }

    @GET
    @Path("/{pollId}/events.csv")
    @PermitAll
    @Produces("text/csv")
    @Operation(summary = "Every ballot event in chain order; recompute the head as docs/polls.md describes")
    public Uni<Response> events(@PathParam("code") String code, @PathParam("pollId") long pollId) {
        return published(code, pollId).chain(p -> Panache.withSession(() -> records.events(pollId)))
                .map(events -> Response.ok(eventsCsv(events), PollCsv.MEDIA_TYPE).build());
    }

    @GET
    @Path("/{pollId}/choices.csv")
    @PermitAll
    @Produces("text/csv")
    @Operation(summary = "Secret polls: every choice by receipt code, sorted by receipt")
    public Uni<Response> choices(@PathParam("code") String code, @PathParam("pollId") long pollId) {
        return published(code, pollId).chain(p -> {
            if (!p.secret()) {
                throw Problem.notFound("POLL_NOT_SECRET");
            }
            return Panache.withSession(() -> records.choices(pollId));
        }).map(list -> Response.ok(PollCsv.write(List.of("receipt", "answers"), list,
                r -> List.of(r[0], r[1])), PollCsv.MEDIA_TYPE).build());
    }

    @GET
    @Path("/{pollId}/receipts/{receipt}")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Check a receipt: the choice counted under it")
    public Uni<Map<String, Object>> receipt(@PathParam("code") String code, @PathParam("pollId") long pollId,
                                            @PathParam("receipt") String receipt) {
        String clean = receipt.toUpperCase().replaceAll("[\\s-]", "");
        return published(code, pollId).chain(p -> Panache.withSession(() -> NativeSql.of("select answers from"
                                + " poll_secret_choice where poll_id = :poll and receipt = :receipt")
                        .param("poll", pollId).param("receipt", clean).column()))
                .map(found -> {
                    if (found.isEmpty()) {
                        throw Problem.notFound("POLL_RECEIPT_NOT_FOUND");
                    }
                    return Map.of("receipt", clean, "counted", true, "answers", PollJson.answers((String) found.get(0)));
                });
    }

    static byte[] eventsCsv(List<PollRecords.BallotEvent> events) {
        return PollCsv.write(List.of("seq", "kind", "content", "prev_hash", "hash"), events,
                e -> List.of(e.seq(), e.kind(), e.content(), e.prevHash(), e.hash()));
    }

    private Uni<PollRow> published(String code, long pollId) {
        return communities.byCode(code).chain(c -> Panache.withSession(() -> store.load(c.id, pollId, false)))
                .invoke(p -> {
                    if (p.status() != PollStatus.PUBLISHED && p.status() != PollStatus.ARCHIVED) {
                        throw Problem.notFound("POLL_NOT_FOUND");
                    }
                });
    }
}
