package org.linli.bot.action;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolationException;
import org.linli.bot.script.ActionSpec;
import org.linli.bot.script.ActionSpec.SlotRule;
import org.linli.bot.script.InputKind;
import org.linli.common.Problem;
import org.linli.common.ProblemMessages;
import org.linli.thread.NewDraft;
import org.linli.thread.ThreadService;
import org.linli.thread.ThreadSource;

import java.util.Map;
import java.util.Set;

/**
 * {@code thread.create-draft}: stores what the resident said (steps {@code what}, {@code where}, optional
 * {@code photo}) as a DRAFT thread of their verified household. Outcomes: {@code created} ({@code refNo}),
 * {@code not-verified}, {@code failed} ({@code reason}). Idempotent per run of the flow.
 */
@ApplicationScoped
public class CreateDraftAction implements FlowAction {

    public static final String NAME = "thread.create-draft";

    private final Residency residency;
    private final ThreadService threads;

    CreateDraftAction(Residency residency, ThreadService threads) {
        this.residency = residency;
        this.threads = threads;
    }

    @Override
    public ActionSpec spec() {
        return new ActionSpec(NAME,
                Map.of("what", SlotRule.required(InputKind.TEXT),
                        "where", SlotRule.required(InputKind.TEXT, InputKind.LOCATION),
                        "photo", SlotRule.optional(InputKind.IMAGE)),
                Set.of("created", "not-verified", Outcome.FAILED), Set.of(),
                Map.of("refNo", "SS-20260101-0001", "reason", "示例"));
    }

    @Override
    public Uni<Outcome> run(ActionContext context) {
        return residency.of(context.openid()).chain(standing -> {
            Residency.Home household = standing.household().orElse(null);
            if (household == null) {
                return Uni.createFrom().item(Outcome.of("not-verified"));
            }
            NewDraft draft = new NewDraft(household.communityId(), standing.residentId(), household.householdId(),
                    context.answer("what"), context.answer("where"), context.number("whereLatitude"),
                    context.number("whereLongitude"), context.answer("photoMediaId"), context.answer("photoUrl"),
                    ThreadSource.CHAT, context.runKey());
            return threads.createDraft(draft)
                    .map(t -> Outcome.of("created", Map.of("refNo", t.refNo())))
                    .onFailure(Problem.class).recoverWithItem(e -> RedeemInviteAction.refused((Problem) e))
                    .onFailure(ConstraintViolationException.class).recoverWithItem(e -> Outcome.of(Outcome.FAILED,
                            Map.of("reason", ProblemMessages.text("VALIDATION_FAILED"))));
        });
    }
}
