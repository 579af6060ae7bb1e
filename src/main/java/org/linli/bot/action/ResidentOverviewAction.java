package org.linli.bot.action;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.bot.script.ActionSpec;
import org.linli.thread.ThreadService;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code resident.overview}: the resident's memberships and latest threads. Outcomes: {@code unbound} (no
 * pending or verified membership), {@code pending}, {@code verified}.
 */
@ApplicationScoped
public class ResidentOverviewAction implements FlowAction {

    public static final String NAME = "resident.overview";
    private static final int RECENT_THREADS = 3;

    private final Residency residency;
    private final ThreadService threads;

    ResidentOverviewAction(Residency residency, ThreadService threads) {
        this.residency = residency;
        this.threads = threads;
    }

    @Override
    public ActionSpec spec() {
        return new ActionSpec(NAME, Map.of(), Set.of("unbound", "pending", "verified"), Set.of(),
                Map.of("memberships", List.of(Views.SAMPLE_MEMBERSHIP), "threads", List.of(Views.SAMPLE_THREAD),
                        "verified", true, "pending", false));
    }

    @Override
    public Uni<Outcome> run(ActionContext context) {
        return residency.of(context.openid()).chain(standing -> {
            Map<String, Object> vars = new HashMap<>();
            vars.put("memberships", Views.memberships(standing.homes(), context.texts()));
            vars.put("verified", standing.verified());
            vars.put("pending", standing.pending());
            String key = standing.verified() ? "verified" : standing.pending() ? "pending" : "unbound";
            if (!standing.verified()) {
                vars.put("threads", List.of());
                return Uni.createFrom().item(Outcome.of(key, vars));
            }
            return threads.recentOf(standing.residentId(), RECENT_THREADS).map(list -> {
                vars.put("threads", list.stream().map(t -> Views.thread(t, context.texts())).toList());
                return Outcome.of(key, vars);
            });
        });
    }
}
