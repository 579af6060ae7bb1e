package org.linli.bot.action;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.bot.script.ActionSpec;
import org.linli.common.Problem;
import org.linli.common.ProblemMessages;
import org.linli.notice.NoticeCategory;
import org.linli.reminder.ReminderKind;
import org.linli.reminder.ReminderSettings;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code reminders.settings}: 提醒设置 in chat. The message names the change (静音社区提醒, 静音会议提醒, 静音活动通知,
 * 恢复全部提醒, 每日汇总 20:00, 逐条提醒, 免打扰 22:00-07:00, 关闭免打扰); anything else shows the settings. Outcomes: {@code shown},
 * {@code changed}, {@code invalid}, {@code unbound} (no resident yet). Vars: {@code muted} (labels),
 * {@code quiet}, {@code digest}, {@code reason}.
 */
@ApplicationScoped
public class ReminderSettingsAction implements FlowAction {

    public static final String NAME = "reminders.settings";
    private static final Pattern TIME = Pattern.compile("(\\d{1,2})[:：](\\d{2})");
    private static final Map<ReminderKind, String> LABELS = Map.of(ReminderKind.CUSTOM, "社区提醒",
            ReminderKind.MEETING, "会议提醒", ReminderKind.POLL_CLOSING, "投票截止提醒");

    private final Residency residency;
    private final ReminderSettings settings;

    ReminderSettingsAction(Residency residency, ReminderSettings settings) {
        this.residency = residency;
        this.settings = settings;
    }

    @Override
    public ActionSpec spec() {
        return new ActionSpec(NAME, Map.of(), Set.of("shown", "changed", "invalid", "unbound"), Set.of(),
                Map.of("muted", List.of("社区提醒"), "quiet", "22:00–07:00", "digest", "每天 20:00 汇总一次",
                        "reason", "示例"));
    }

    @Override
    public Uni<Outcome> run(ActionContext context) {
        String text = context.answer("text") == null ? "" : context.answer("text").replace(" ", "");
        return residency.of(context.openid()).chain(standing -> {
            if (standing.residentId() == null) {
                return Uni.createFrom().item(Outcome.of("unbound"));
            }
            long resident = standing.residentId();
            return settings.of(resident).chain(current -> {
                ReminderSettings.Settings wanted = change(current, text);
                if (wanted == null) {
                    return Uni.createFrom().item(outcome("shown", current));
                }
                return Uni.createFrom().deferred(() -> settings.change(resident, wanted)).map(saved -> outcome("changed", saved))
                        .onFailure(Problem.class).recoverWithItem(e -> Outcome.of("invalid", Map.of("reason",
                                ProblemMessages.text(((Problem) e).code(), ((Problem) e).args()))));
            });
        });
    }

    /** The settings the message asks for, or null when it asks for none (then they are shown). */
    static ReminderSettings.Settings change(ReminderSettings.Settings s, String text) {
        Set<ReminderKind> muted = s.muted().isEmpty() ? EnumSet.noneOf(ReminderKind.class) : EnumSet.copyOf(s.muted());
        Set<NoticeCategory> notices = s.mutedNotices().isEmpty() ? EnumSet.noneOf(NoticeCategory.class)
                : EnumSet.copyOf(s.mutedNotices());
        List<String> times = new ArrayList<>();
        Matcher m = TIME.matcher(text);
        while (m.find()) {
            times.add(String.format("%02d:%s", Integer.parseInt(m.group(1)), m.group(2)));
        }
        if (text.startsWith("静音社区提醒")) {
            muted.add(ReminderKind.CUSTOM);
        } else if (text.startsWith("静音会议提醒")) {
            muted.add(ReminderKind.MEETING);
        } else if (text.startsWith("静音活动通知")) {
            notices.add(NoticeCategory.EVENT);
        } else if (text.startsWith("恢复全部提醒")) {
            muted.clear();
            notices.clear();
        } else if (text.startsWith("逐条提醒")) {
            return s.withTimes(s.quietStart(), s.quietEnd(), null);
        } else if (text.startsWith("每日汇总")) {
            return s.withTimes(s.quietStart(), s.quietEnd(), times.isEmpty() ? "" : times.get(0));
        } else if (text.startsWith("关闭免打扰")) {
            return s.withTimes("00:00", "00:00", s.digestAt());
        } else if (text.startsWith("免打扰")) {
            return times.size() != 2 ? s.withTimes("", "x", s.digestAt()) : s.withTimes(times.get(0), times.get(1),
                    s.digestAt());
        } else {
            return null;
        }
        return s.withMuted(muted, notices);
    }

    private static Outcome outcome(String key, ReminderSettings.Settings s) {
        return Outcome.of(key, Map.of(
                "muted", Stream.concat(s.muted().stream().map(LABELS::get),
                        s.mutedNotices().stream().map(c -> c.label() + "通知")).toList(),
                "quiet", s.quietStart().equals(s.quietEnd()) ? "未开启" : s.quietStart() + "–" + s.quietEnd(),
                "digest", s.digestAt() == null ? "逐条推送" : "每天 " + s.digestAt() + " 汇总一次"));
    }
}
