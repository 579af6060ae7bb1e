package org.linli.bot.action;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.bot.script.ActionSpec;
import org.linli.bot.script.ActionSpec.SlotRule;
import org.linli.bot.script.InputKind;
import org.linli.common.Problem;
import org.linli.common.ProblemMessages;
import org.linli.community.MembershipRole;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code binding.redeem}: redeems the invite code of step {@code code} for the role chosen in {@code role} (one of
 * {@link MembershipRole}) under the name given in {@code name}. Outcomes: the membership's status in lower case
 * ({@code pending}, {@code verified}), the refusal's problem code in kebab case ({@code invite-invalid},
 * {@code invite-used}, {@code invite-expired}, {@code already-member}) or {@code failed} with {@code reason}.
 */
@ApplicationScoped
public class RedeemInviteAction implements FlowAction {

    public static final String NAME = "binding.redeem";

    private final Residency residency;

    RedeemInviteAction(Residency residency) {
        this.residency = residency;
    }

    @Override
    public ActionSpec spec() {
        Set<String> roles = Arrays.stream(MembershipRole.values()).map(Enum::name).collect(Collectors.toSet());
        Map<String, Object> samples = new HashMap<>(Views.SAMPLE_MEMBERSHIP);
        samples.put("reason", "示例");
        return new ActionSpec(NAME,
                Map.of("code", SlotRule.required(InputKind.TEXT), "role", SlotRule.choice(roles),
                        "name", SlotRule.required(InputKind.TEXT)),
                Set.of("pending", "verified", Outcome.FAILED),
                Set.of("invite-invalid", "invite-used", "invite-revoked", "invite-expired", "already-member"),
                samples);
    }

    @Override
    public Uni<Outcome> run(ActionContext context) {
        MembershipRole role = MembershipRole.valueOf(context.answer("role"));
        return residency.redeem(context.openid(), context.answer("code"), role, context.answer("name"))
                .map(binding -> {
                    Map<String, Object> vars = new HashMap<>(Views.membership(binding, context.texts()));
                    vars.put("reason", "");
                    String key = binding.isVerified() ? "verified" : binding.isPending() ? "pending" : Outcome.FAILED;
                    return Outcome.of(key, vars);
                })
                .onFailure(Problem.class).recoverWithItem(e -> refused((Problem) e));
    }

    static Outcome refused(Problem p) {
        return Outcome.of(p.code().toLowerCase(Locale.ROOT).replace('_', '-'),
                Map.of("reason", ProblemMessages.text(p.code(), p.args())));
    }
}
