package org.linli.console;

import static org.linli.console.ConsoleFrames.msg;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.linli.community.CommunityService;
import org.linli.community.MembershipService;
import org.linli.community.MembershipStatus;
import org.linli.identity.Access;
import org.linli.push.PushHealth;
import org.linli.thread.Actor;
import org.linli.thread.ThreadFigures;
import org.linli.thread.ThreadQueries;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.linli.console.HomePages.Dashboard;
import static org.linli.console.HomePages.Figure;
import static org.linli.console.HomePages.Threads;
import static org.linli.console.HomePages.Paused;
import static org.linli.console.HomePages.TIME;
import static org.linli.console.HomePages.Templates;

/**
 * A community's dashboard (工作台): 说事 today and the three figures this month against last (within the caller's
 * reach), pending claims, households, and for the committee the push health.
 */
@jakarta.ws.rs.Path("/console/c/{communityId}")
@Produces(MediaType.TEXT_HTML)
public class DashboardPage {

    private final ConsoleFrames frames;
    private final CommunityService communities;
    private final MembershipService memberships;
    private final PushHealth push;
    private final ThreadQueries threads;
    private final ThreadFigures figures;
    private final Clock clock;

    DashboardPage(ConsoleFrames frames, CommunityService communities, MembershipService memberships, PushHealth push,
                  ThreadQueries threads, ThreadFigures figures, Clock clock) {
        this.frames = frames;
        this.communities = communities;
        this.memberships = memberships;
        this.push = push;
        this.threads = threads;
        this.figures = figures;
        this.clock = clock;
    }

    @GET
    @PermissionsAllowed(Access.COMMUNITY_STAFF)
    public Uni<TemplateInstance> dashboard(@PathParam("communityId") long communityId) {
        return frames.page(communityId, msg().nav_dashboard(), "dashboard").chain(frame -> communities.summary(communityId)
                .chain(summary -> memberships.claims(communityId, MembershipStatus.PENDING,
                                frames.reach(communityId), 0, 1)
                        .chain(claims -> threads(communityId).chain(t -> frame.manage()
                                ? push.of(communityId).map(h -> new Dashboard(summary.households(),
                                        summary.verifiedResidents(), claims.total(), h.deadLetters(),
                                        h.paused().stream().map(p -> new Paused(p.channel().name(),
                                                TIME.format(p.until()))).toList(), t))
                                : Uni.createFrom().item(new Dashboard(summary.households(),
                                        summary.verifiedResidents(), claims.total(), null, List.of(), t)))))
                .map(d -> Templates.dashboard(frame, d)));
    }

    private Uni<Threads> threads(long communityId) {
        Actor actor = Actor.staff(frames.caller(), communityId);
        LocalDate month = LocalDate.now(clock.withZone(ZoneId.of("Asia/Shanghai"))).withDayOfMonth(1);
        DateTimeFormatter key = DateTimeFormatter.ofPattern("yyyy-MM");
        return threads.today(communityId, actor).chain(today -> figures.figures(communityId, actor, "month",
                month.minusMonths(1), month.plusMonths(1)).map(rows -> {
            Map<String, ThreadFigures.Row> byMonth = rows.stream()
                    .collect(Collectors.toMap(ThreadFigures.Row::key, Function.identity()));
            ThreadFigures.Row now = byMonth.get(key.format(month));
            ThreadFigures.Row before = byMonth.get(key.format(month.minusMonths(1)));
            return new Threads(today.submittedToday(), today.waiting(), today.overdue(), List.of(
                    figure(msg().response_rate(), now, before, ThreadFigures.Row::responseRate),
                    figure(msg().resolution_rate(), now, before, ThreadFigures.Row::resolutionRate),
                    figure(msg().satisfaction_rate(), now, before, ThreadFigures.Row::satisfactionRate)));
        }));
    }

    private static Figure figure(String name, ThreadFigures.Row now, ThreadFigures.Row before,
                                 Function<ThreadFigures.Row, Double> rate) {
        return new Figure(name, percent(now, rate), percent(before, rate));
    }

    private static String percent(ThreadFigures.Row row, Function<ThreadFigures.Row, Double> rate) {
        Double r = row == null ? null : rate.apply(row);
        return r == null ? "—" : String.format("%.1f%%", r * 100);
    }
}
