package org.linli.reminder;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.community.ElectorateRoster;
import org.linli.meeting.MeetingSchedule;
import org.linli.poll.PollDeadlines;
import org.linli.thread.ThreadDeadlines;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Who an occurrence reaches, decided when it fires (never when it was planned): a poll's closing reminder goes to
 * the voters of units that have not voted by then; a custom one to the verified residents of its scope as it is
 * then. Decides the skips too: a poll already closed or whose close moved, a closing reminder overtaken by a nearer
 * one, a custom reminder found too long after its time.
 */
@ApplicationScoped
class Audiences {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("M月d日 HH:mm");

    private final PollDeadlines polls;
    private final ThreadDeadlines threads;
    private final MeetingSchedule meetings;
    private final ElectorateRoster roster;
    private final ReminderConfig config;
    private final Clock clock;

    Audiences(PollDeadlines polls, ThreadDeadlines threads, MeetingSchedule meetings, ElectorateRoster roster,
              ReminderConfig config, Clock clock) {
        this.polls = polls;
        this.threads = threads;
        this.meetings = meetings;
        this.roster = roster;
        this.config = config;
        this.clock = clock;
    }

    Uni<Firing> decide(Due due) {
        return switch (due.kind()) {
            case POLL_CLOSING -> pollClosing(due);
            case CUSTOM -> custom(due);
            case MEETING -> meeting(due);
            case THREAD_CLOCK -> threadClock(due);
            case THREAD_RATING -> threadRating(due);
        };
    }

    private Uni<Firing> pollClosing(Due due) {
        Instant now = clock.instant();
        if (due.overtaken()) {
            return Uni.createFrom().item(Firing.skip("已有更近截止时间的提醒"));
        }
        return polls.closing(due.subjectId()).chain(found -> {
            if (found.isEmpty() || !found.get().open()) {
                return Uni.createFrom().item(Firing.skip(found.isEmpty() ? "投票已结束" : "投票尚未开始"));
            }
            PollDeadlines.Closing poll = found.get();
            Instant close = poll.closeAt().toInstant();
            if (!close.minus(Duration.ofMinutes(due.leadMinutes())).equals(due.dueAt())) {
                return Uni.createFrom().item(Firing.skip("投票截止时间已变更"));
            }
            if (!close.isAfter(now)) {
                return Uni.createFrom().item(Firing.skip("投票已截止"));
            }
            String closes = poll.closeAt().atZoneSameInstant(clock.getZone()).format(MINUTE);
            return polls.votersWithoutBallot(poll.pollId()).map(voters -> Firing.push(poll.communityId(),
                    ReminderKind.POLL_CLOSING, false, poll.title(), "投票将于 " + closes + " 截止，您还没有投票",
                    "pages/poll/detail?id=" + poll.pollId(),
                    Map.of("pollId", String.valueOf(poll.pollId()), "deadline", closes), close, voters));
        });
    }

    private Uni<Firing> meeting(Due due) {
        if (due.overtaken()) {
            return Uni.createFrom().item(Firing.skip("已有更近开始时间的提醒"));
        }
        return meetings.find(due.subjectId()).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(Firing.skip("会议已取消"));
            }
            MeetingSchedule.Upcoming m = found.get();
            if (!m.startsAt().minus(Duration.ofMinutes(due.leadMinutes())).equals(due.dueAt())) {
                return Uni.createFrom().item(Firing.skip("会议时间已变更"));
            }
            if (!m.startsAt().isAfter(clock.instant())) {
                return Uni.createFrom().item(Firing.skip("会议已开始"));
            }
            String starts = m.startsAt().atZone(clock.getZone()).format(MINUTE);
            return meetings.audience(m.id()).map(invitees -> Firing.push(m.communityId(), ReminderKind.MEETING, false,
                    m.title(), "会议将于 " + starts + (m.place() == null ? "" : " 在" + m.place()) + " 召开",
                    "pages/meeting/detail?id=" + m.id(), Map.of("meetingId", String.valueOf(m.id()),
                            "deadline", starts), m.startsAt(), invitees));
        });
    }

    private Uni<Firing> threadClock(Due due) {
        if (due.overtaken()) {
            return Uni.createFrom().item(Firing.skip("已有更近的时限提醒"));
        }
        OffsetDateTime clockEnd = due.dueAt().plus(Duration.ofMinutes(due.leadMinutes())).atOffset(ZoneOffset.UTC);
        boolean escalate = -due.leadMinutes() >= config.threadEscalateAfter().toMinutes();
        return threads.alertClock(due.subjectId(), ThreadDeadlines.Stage.valueOf(due.stage()), clockEnd,
                        due.leadMinutes() <= 0, escalate, clock.instant().atOffset(ZoneOffset.UTC))
                .map(alerted -> alerted.map(n -> Firing.alerted(due.communityId(), ReminderKind.THREAD_CLOCK, n))
                        .orElseGet(() -> Firing.skip("已处理或时限已变更")));
    }

    private Uni<Firing> threadRating(Due due) {
        OffsetDateTime resolved = due.dueAt().plus(Duration.ofMinutes(due.leadMinutes())).atOffset(ZoneOffset.UTC);
        return threads.unrated(due.subjectId(), resolved).map(found -> found.map(t -> Firing.push(t.communityId(),
                        ReminderKind.THREAD_RATING, false, "请评价：" + t.refNo(),
                        "您反映的事项已办结，请花一分钟评价办理结果（1–5 分），不满意可申请重新办理。",
                        "pages/thread/detail?id=" + t.threadId(), Map.of("refNo", t.refNo()), null,
                        List.of(t.raiserId())))
                .orElseGet(() -> Firing.skip("已评价或已关闭")));
    }

    private Uni<Firing> custom(Due due) {
        if (due.dueAt().plus(config.catchUp()).isBefore(clock.instant())) {
            return Uni.createFrom().item(Firing.skip("错过提醒时间（服务停机），未补发"));
        }
        Uni<List<Long>> residents = roster.members(due.communityId(), due.scopeKind(), due.scopeIds())
                .map(members -> members.stream().map(ElectorateRoster.RosterMember::residentId).distinct().sorted()
                        .toList());
        return residents.map(ids -> Firing.push(due.communityId(), ReminderKind.CUSTOM, due.urgent(), due.title(),
                due.body() == null ? due.title() : due.body(), "pages/index/index", Map.of(), null, ids));
    }
}
