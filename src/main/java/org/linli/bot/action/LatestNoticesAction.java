package org.linli.bot.action;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.bot.script.ActionSpec;
import org.linli.notice.NoticeLink;
import org.linli.notice.NoticeService;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code notices.latest}: the newest notices for the resident's households. Outcomes: {@code unbound} (no
 * verified household), {@code none}, {@code some} (vars: notices with title, category, urgent, read, date, path).
 */
@ApplicationScoped
public class LatestNoticesAction implements FlowAction {

    public static final String NAME = "notices.latest";
    private static final int SHOWN = 3;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MM-dd");
    private static final Map<String, Object> SAMPLE = Map.of("title", "停水通知", "category", "停水停电",
            "urgent", true, "read", false, "date", "01-01", "path", "pages/notice/detail?id=1");

    private final Residency residency;
    private final NoticeService notices;

    LatestNoticesAction(Residency residency, NoticeService notices) {
        this.residency = residency;
        this.notices = notices;
    }

    @Override
    public ActionSpec spec() {
        return new ActionSpec(NAME, Map.of(), Set.of("unbound", "none", "some"), Set.of(),
                Map.of("notices", List.of(SAMPLE)));
    }

    @Override
    public Uni<Outcome> run(ActionContext context) {
        return residency.of(context.openid()).chain(standing -> standing.verified()
                ? notices.latestFor(standing.residentId(), SHOWN).map(LatestNoticesAction::outcome)
                : Uni.createFrom().item(Outcome.of("unbound", Map.of("notices", List.of()))));
    }

    private static Outcome outcome(List<NoticeLink> links) {
        List<Map<String, Object>> shown = links.stream().map(n -> Map.<String, Object>of(
                "title", n.title(), "category", n.categoryLabel(), "urgent", n.urgent(), "read", n.read(),
                "date", n.publishedAt() == null ? "" : DATE.format(n.publishedAt()), "path", n.path())).toList();
        return Outcome.of(shown.isEmpty() ? "none" : "some", Map.of("notices", shown));
    }
}
