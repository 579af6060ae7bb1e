package org.linli.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import org.linli.community.CommunityService;
import org.linli.poll.Outcome;
import org.linli.poll.PollBoard;
import org.linli.poll.PollResult;
import org.linli.thread.ThreadQueries;
import org.linli.thread.ThreadViews;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The public 公示 board of a community, {@code /gongshi/{code}}: published poll results with the thresholds they met
 * or missed, and the public 说事 the community closed, with the result and residents' ratings. No login, no personal
 * data (the thread and poll features decide what is public). Rendered pages are kept a few seconds per replica
 * and carry a strong ETag, so a QR code on the notice board can be scanned by a whole building at once.
 */
@Path("/gongshi/{code}")
@PermitAll
public class GongshiBoard {

    static final Duration FRESH = Duration.ofSeconds(10);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final Map<Outcome, String> OUTCOMES = Map.of(Outcome.PASSED, "通过", Outcome.FAILED, "未通过",
            Outcome.QUORUM_NOT_MET, "未达法定参与比例", Outcome.COUNTED, "已计票", Outcome.ELECTED, "已选出",
            Outcome.RUNOFF_NEEDED, "需另行选举");

    public record PollCard(String title, String publishedAt, String publicityUntil, String statement,
                           String participation, List<String> checks, List<QuestionLine> questions) {
    }

    public record QuestionLine(String text, String outcome, boolean passed, List<String> options) {
    }

    public record ThreadCard(String refNo, String category, String excerpt, String result, String rating,
                             String closedAt) {
    }

    record Page(String etag, String html, Instant until) {
    }

    @CheckedTemplate(basePath = "gongshi")
    static class Templates {
        static native TemplateInstance board(String community, List<PollCard> polls, List<ThreadCard> threads,
                                             String updatedAt);
    }

    private final CommunityService communities;
    private final PollBoard polls;
    private final ThreadQueries threads;
    private final Clock clock;
    private final Map<String, Page> pages = new ConcurrentHashMap<>();

    GongshiBoard(CommunityService communities, PollBoard polls, ThreadQueries threads, Clock clock) {
        this.communities = communities;
        this.polls = polls;
        this.threads = threads;
        this.clock = clock;
    }

    @GET
    public Uni<Response> board(@PathParam("code") String code, @HeaderParam("If-None-Match") String ifNoneMatch) {
        Instant now = clock.instant();
        Page cached = pages.get(code);
        Uni<Page> page = cached != null && now.isBefore(cached.until()) ? Uni.createFrom().item(cached)
                : render(code, now).invoke(p -> pages.put(code, p));
        return page.map(p -> {
            EntityTag tag = new EntityTag(p.etag());
            if (ifNoneMatch != null && ifNoneMatch.contains("\"" + p.etag() + "\"")) {
                return Response.notModified(tag).header("Cache-Control", "public, max-age=10").build();
            }
            return Response.ok(p.html(), "text/html;charset=UTF-8").tag(tag)
                    .header("Cache-Control", "public, max-age=10").build();
        });
    }

    private Uni<Page> render(String code, Instant now) {
        return communities.summaryByCode(code).chain(c -> polls.published(c.id(), 20)
                .chain(entries -> threads.published(code, 50).chain(closed -> Templates.board(c.name(),
                        entries.stream().map(e -> card(e)).toList(), closed.stream().map(GongshiBoard::card).toList(),
                        DAY.format(now.atZone(clock.getZone()))).createUni())))
                .map(html -> new Page(sha256(html), html, now.plus(FRESH)));
    }

    private PollCard card(PollBoard.Entry e) {
        PollResult r = e.result();
        String participation = r == null ? "" : "参与 " + r.participating().heads() + " / " + r.eligible().heads()
                + (r.participating().area() != null && r.eligible().area() != null
                && r.eligible().area().signum() > 0 ? "，面积 " + r.participating().area().toPlainString() + " / "
                + r.eligible().area().toPlainString() + " m²" : "")
                + (r == null || r.present() == null ? "" : "；出席 " + r.present().amount().heads() + "（"
                + String.join("、", r.present().meetings()) + "）");
        List<String> checks = r == null ? List.of() : r.quorum().stream()
                .map(c -> c.label() + " " + c.fraction() + "（要求 " + c.threshold() + "）" + (c.met() ? "达到" : "未达到"))
                .toList();
        List<QuestionLine> questions = r == null ? List.of() : r.questions().stream().map(q -> new QuestionLine(
                q.text(), q.outcome() == null ? "" : OUTCOMES.getOrDefault(q.outcome(), q.outcome().name()),
                q.outcome() == Outcome.PASSED || q.outcome() == Outcome.ELECTED,
                q.options().stream().map(o -> o.label() + " " + o.heads()).toList())).toList();
        return new PollCard(e.poll().title(), day(e.publishedAt()), day(e.poll().publicityUntil()),
                e.poll().outcomeStatement(), participation, checks, questions);
    }

    private static ThreadCard card(ThreadViews.Published t) {
        return new ThreadCard(t.refNo(), t.category(), t.excerpt(), t.result(),
                t.rating() == null ? "暂无评价" : t.rating() + " 分（" + t.ratings() + " 人评价）", day(t.closedAt()));
    }

    private static String day(java.time.OffsetDateTime t) {
        return t == null ? "" : DAY.format(t);
    }

    private static String sha256(String html) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(html.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
