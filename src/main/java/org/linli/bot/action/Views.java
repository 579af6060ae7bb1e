package org.linli.bot.action;

import org.linli.common.ClockProducer;
import org.linli.bot.script.Texts;
import org.linli.thread.ThreadSummary;

import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Memberships and threads as template values (maps, so the scripts can use any of their fields). */
final class Views {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd");
    private static final int SUMMARY_LENGTH = 20;

    static final Map<String, Object> SAMPLE_MEMBERSHIP = Map.of("community", "幸福里社区", "address", "1号楼1单元101",
            "building", "1号楼", "unit", "1单元", "room", "101", "role", "OWNER", "roleLabel", "业主",
            "status", "VERIFIED", "statusLabel", "已认证");
    static final Map<String, Object> SAMPLE_THREAD = Map.of("refNo", "SS-20260101-0001", "status", "DRAFT",
            "statusLabel", "待受理", "date", "01-01", "summary", "楼道灯坏了");

    private Views() {
    }

    static Map<String, Object> membership(Residency.Home b, Texts texts) {
        Map<String, Object> m = new HashMap<>();
        m.put("community", nullToEmpty(b.communityName()));
        m.put("address", nullToEmpty(b.building()) + nullToEmpty(b.unit()) + nullToEmpty(b.room()));
        m.put("building", nullToEmpty(b.building()));
        m.put("unit", nullToEmpty(b.unit()));
        m.put("room", nullToEmpty(b.room()));
        m.put("role", b.role() == null ? "" : b.role().name());
        m.put("roleLabel", b.role() == null ? "" : texts.label("membership-role", b.role().name()));
        m.put("status", b.status() == null ? "" : b.status().name());
        m.put("statusLabel", b.status() == null ? "" : texts.label("membership-status", b.status().name()));
        return m;
    }

    static List<Map<String, Object>> memberships(List<Residency.Home> list, Texts texts) {
        return list.stream().map(b -> membership(b, texts)).toList();
    }

    static Map<String, Object> thread(ThreadSummary t, Texts texts) {
        Map<String, Object> m = new HashMap<>();
        m.put("refNo", t.refNo());
        m.put("status", t.status().name());
        m.put("statusLabel", texts.label("thread-status", t.status().name()));
        m.put("date", t.createdAt() == null ? ""
                : DAY.format(t.createdAt().atZoneSameInstant(ClockProducer.COMMUNITY_ZONE)));
        m.put("summary", summary(t.description()));
        return m;
    }

    private static String summary(String text) {
        String s = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        int length = s.codePointCount(0, s.length());
        return length <= SUMMARY_LENGTH ? s : s.substring(0, s.offsetByCodePoints(0, SUMMARY_LENGTH)) + "…";
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
