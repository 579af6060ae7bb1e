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
import org.linli.thread.Raised;
import org.linli.thread.ThreadService;
import org.linli.thread.ThreadSource;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code thread.submit}: submits what the resident said (steps {@code what}, {@code where}, optional
 * {@code photo}) as a thread of their verified household (SUBMITTED, routed to the grid's queue). Outcomes:
 * {@code created} ({@code refNo}, and {@code similarRef}/{@code similarText} when an open public thread looks like
 * the same matter, so the reply can offer 附议 instead), {@code held} (kept for a staff review first),
 * {@code not-verified}, {@code failed} ({@code reason}). Idempotent per run of the flow.
 */
@ApplicationScoped
public class SubmitThreadAction implements FlowAction {

    public static final String NAME = "thread.submit";

    private final Residency residency;
    private final ThreadService threads;

    SubmitThreadAction(Residency residency, ThreadService threads) {
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
                Map.of("refNo", "SS-20260101-0001", "reason", "示例", "similarRef", "SS-20260101-0002",
                        "similarText", "示例", "category", "其他"));
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
            return threads.submitFromChat(draft)
                    .map(SubmitThreadAction::created)
                    .onFailure(Problem.class).recoverWithItem(e -> RedeemInviteAction.refused((Problem) e))
                    .onFailure(ConstraintViolationException.class).recoverWithItem(e -> Outcome.of(Outcome.FAILED,
                            Map.of("reason", ProblemMessages.text("VALIDATION_FAILED"))));
        });
    }

    private static Outcome created(Raised raised) {
        Map<String, Object> values = new HashMap<>();
        values.put("refNo", raised.thread().refNo());
        values.put("category", raised.thread().category());
        values.put("similarRef", raised.similar().isEmpty() ? "" : raised.similar().get(0).refNo());
        values.put("similarText", raised.similar().isEmpty() ? "" : raised.similar().get(0).excerpt());
        return Outcome.of("created", values);
    }
}
