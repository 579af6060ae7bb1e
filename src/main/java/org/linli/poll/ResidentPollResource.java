package org.linli.poll;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.identity.Access;
import org.linli.identity.CurrentCaller;

import java.util.List;

/** Residents (Mini-Program) see and vote in the polls whose electorate includes them. */
@Path("/api/v1/polls")
@Tag(name = "polls (resident)", description = "居民投票")
@Produces(MediaType.APPLICATION_JSON)
public class ResidentPollResource {

    /** answers: per question the chosen option positions (表决: 0 同意, 1 反对, 2 弃权). */
    public record BallotRequest(String unitKey, @NotNull List<List<Integer>> answers) {
    }

    private final ResidentPolls polls;
    private final Voting voting;
    private final CurrentCaller caller;

    ResidentPollResource(ResidentPolls polls, Voting voting, CurrentCaller caller) {
        this.polls = polls;
        this.voting = voting;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Access.RESIDENT)
    @Operation(summary = "Open polls I may vote in")
    public Uni<List<ResidentPolls.Item>> open() {
        return polls.open(caller.requireResident());
    }

    @GET
    @Path("/{pollId}")
    @RolesAllowed(Access.RESIDENT)
    @Operation(summary = "A poll with my units, my ballots (not the choice of a secret ballot) and, if visible, the tally")
    public Uni<ResidentPolls.Detail> detail(@PathParam("pollId") long pollId) {
        return polls.detail(caller.requireResident(), pollId);
    }

    @POST
    @Path("/{pollId}/ballots")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Access.RESIDENT)
    @Operation(summary = "Vote (again, where changing is allowed). A secret ballot answers its receipt code once")
    public Uni<BallotBox.Receipt> vote(@PathParam("pollId") long pollId, @NotNull BallotRequest body) {
        return voting.vote(pollId, caller.requireResident(), body.unitKey(), body.answers());
    }

    @GET
    @Path("/{pollId}/my-ballot")
    @RolesAllowed(Access.RESIDENT)
    public Uni<List<Voting.MyUnit>> mine(@PathParam("pollId") long pollId) {
        return polls.detail(caller.requireResident(), pollId).map(ResidentPolls.Detail::myUnits);
    }
}
