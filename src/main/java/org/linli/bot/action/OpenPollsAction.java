package org.linli.bot.action;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.linli.bot.script.ActionSpec;
import org.linli.poll.Question;
import org.linli.poll.ResidentPolls;
import org.linli.poll.Voting;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code polls.open} (投票) and {@code polls.mine} (我的投票): the open polls the resident may vote in, with the
 * Mini-Program page to vote on, and what they cast — for a secret ballot only that their unit voted. Outcomes:
 * {@code unbound}, {@code none}, {@code some} (vars: polls with title, deadline, voted, secret, owners, cast, path).
 */
public abstract class OpenPollsAction implements FlowAction {

    private static final int SHOWN = 5;
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("MM-dd HH:mm");
    private static final Map<String, Object> SAMPLE = Map.of("title", "关于更换物业公司的表决", "deadline", "01-31 18:00",
            "voted", true, "secret", false, "owners", true, "cast", "同意", "path", "pages/poll/detail?id=1");

    private final Residency residency;
    private final ResidentPolls polls;

    OpenPollsAction(Residency residency, ResidentPolls polls) {
        this.residency = residency;
        this.polls = polls;
    }

    abstract String name();

    @Override
    public ActionSpec spec() {
        return new ActionSpec(name(), Map.of(), Set.of("unbound", "none", "some"), Set.of(),
                Map.of("polls", List.of(SAMPLE)));
    }

    @Override
    public Uni<Outcome> run(ActionContext context) {
        return residency.of(context.openid()).chain(standing -> {
            if (!standing.verified()) {
                return Uni.createFrom().item(Outcome.of("unbound", Map.of("polls", List.of())));
            }
            long resident = standing.residentId();
            return polls.open(resident).chain(items -> Multi.createFrom().iterable(items.stream().limit(SHOWN).toList())
                    .onItem().transformToUniAndConcatenate(item -> polls.detail(resident, item.id())
                            .map(detail -> view(item, detail)))
                    .collect().asList())
                    .map(shown -> Outcome.of(shown.isEmpty() ? "none" : "some", Map.of("polls", shown)));
        });
    }

    private static Map<String, Object> view(ResidentPolls.Item item, ResidentPolls.Detail detail) {
        List<String> cast = new ArrayList<>();
        for (Voting.MyUnit unit : detail.myUnits()) {
            if (unit.answers() == null) {
                continue;
            }
            for (int q = 0; q < unit.answers().size(); q++) {
                Question question = detail.poll().questions().get(q);
                cast.add(String.join("、", unit.answers().get(q).stream().map(o -> question.options().get(o)).toList()));
            }
        }
        return Map.of("title", item.title(), "deadline", MINUTE.format(item.closeAt()), "voted", item.voted(),
                "secret", item.secret(), "owners", item.owners(), "cast", String.join("；", cast),
                "path", "pages/poll/detail?id=" + item.id());
    }

    @Singleton
    public static class Open extends OpenPollsAction {
        Open(Residency residency, ResidentPolls polls) {
            super(residency, polls);
        }

        @Override
        String name() {
            return "polls.open";
        }
    }

    @Singleton
    public static class Mine extends OpenPollsAction {
        Mine(Residency residency, ResidentPolls polls) {
            super(residency, polls);
        }

        @Override
        String name() {
            return "polls.mine";
        }
    }
}
